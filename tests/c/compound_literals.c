#include "check.h"
struct pt { int x, y; };
static int sum(const int *a, int n) { int s = 0; while (n--) s += *a++; return s; }
static int dot(struct pt a, struct pt b) { return a.x * b.x + a.y * b.y; }
static int *gp = (int[]){5, 6, 7};
static struct pt *gpt = &(struct pt){.y = 3};
static const char *gs = (const char[]){'h', 'i', 0} + 1;
int main(void)
{
    OUT(sum((int[]){1, 2, 3, 4}, 4));
    OUT(dot((struct pt){2, 3}, (struct pt){.y = 10, .x = 4}));
    struct pt *p = &(struct pt){7, 8}; p->x++; OUT(p->x + p->y);
    OUT(gp[2]); gp[2] = 70; OUT(gp[2]); OUT(gpt->x + gpt->y); OUT(*gs);
    int total = 0;
    for (int i = 0; i < 3; i++) { int *q = (int[3]){i, i * 2, i * 3}; total += q[2]; }
    OUT(total);
    OUT(((char[]){"abc"})[1]);
    OUT(sizeof((long long[]){1, 2, 3}));
    OUT(sizeof((struct pt[]){{1, 2}, {3, 4}}) / sizeof(struct pt));
    struct pt *ps = (struct pt[]){{1, 2}, {3, 4}, [4] = {5}}; OUT(ps[1].y + ps[4].x);
    char bs[] = {"xyz"}; OUT(sizeof bs); OUT(bs[2]);
    struct pt arr[2]; arr[1] = (struct pt){-1, -2}; OUT(arr[1].y);
    return 0;
}
