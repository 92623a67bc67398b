/* Compound literals: a fresh object each time the enclosing block is entered (values taken
 * per iteration), literals as function arguments by value and by pointer, array literals with
 * implied length, file-scope compound literals with static storage, and modifying a literal
 * through a pointer. */
#include "check.h"
struct pt { int x, y; };
static int sum(const int *a, int n) { int s = 0; for (int i = 0; i < n; i++) s += a[i]; return s; }
static int dist(struct pt a, struct pt b) { return (a.x - b.x) * (a.x - b.x) + (a.y - b.y) * (a.y - b.y); }
static struct pt *origin = &(struct pt){ 3, 4 };
static int *table = (int[]){ 10, 20, 30, 40 };
int main(void)
{
    for (int i = 0; i < 4; i++) { struct pt *p = &(struct pt){ i, i * i }; p->x += 10; OUT(p->x * 100 + p->y); }
    OUT(sum((int[]){ 1, 2, 3, 4, 5 }, 5)); OUT(sum((int[8]){ [7] = 9, [2] = 1 }, 8));
    OUT(dist((struct pt){ 0, 0 }, *origin)); origin->x = -1; OUT(dist(*origin, (struct pt){ .y = 1 }));
    OUT(table[2]); table[2] += 5; OUT(table[2]);
    int *q = (int[]){ 7, 8, 9 }; q[1] *= 2; OUT(q[0] + q[1] + q[2]); OUT(sizeof((int[]){ 1, 2, 3 }));
    struct pt arr[2] = { (struct pt){ 1, 2 }, (struct pt){ 3, 4 } }; OUT(arr[1].x + arr[0].y);
    char *s = (char[]){ "hello" }; s[0] = 'j'; OUT(s[0]); OUT(sizeof((char[]){ "hello" }));
    OUT(((struct pt){ 5, 6 }).y); OUT((int){ 42 });
    return 0;
}
