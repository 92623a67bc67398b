/* Compound literals: modifiable block-scope objects, arrays decaying to pointers, struct
 * arguments, file-scope ones with static storage, and one per loop iteration. */
#include "check.h"
struct pt { int x, y; };
static int *gp = (int[]){10, 20, 30};
static struct pt *gs = &(struct pt){5, 6};
static int dot(struct pt a, struct pt b) { return a.x * b.x + a.y * b.y; }
static int sum(const int *p, int n) { int s = 0; while (n--) s += *p++; return s; }
int main(void)
{
    OUT(gp[1]); gp[1] = 21; OUT(gp[0] + gp[1] + gp[2]); OUT(gs->x * gs->y);
    int *p = (int[4]){1, 2}; p[3] = 9; OUT(p[0] + p[1] + p[2] + p[3]);
    OUT(dot((struct pt){3, 4}, (struct pt){.y = 2, .x = -1}));
    OUT(sum((int[]){1, 2, 3, 4, 5}, 5));
    struct pt *q = &(struct pt){0}; q->y = 8; OUT(q->x); OUT(q->y);
    int acc = 0;
    for (int i = 0; i < 4; i++) { int *t = (int[2]){i, i * i}; acc += t[0] * 10 + t[1]; }
    OUT(acc);
    OUT(((struct pt){7, 8}).y); OUT(sizeof((char[]){"hello"}));
    return 0;
}
