#include "check.h"
struct rec { char name[7]; short vals[5]; int n; unsigned char flags[3]; };
static struct rec g = {"abc", {1, 2, 3, 4, 5}, 5, {9, 8, 7}};
static struct rec mutate(struct rec r) {
    for (int i = 0; i < 5; i++) r.vals[i] *= -3;
    r.name[0] = 'z'; r.flags[2] = 200; r.n++;
    return r;
}
static int sum(struct rec r) { int s = r.n; for (int i = 0; i < 5; i++) s += r.vals[i]; for (int i = 0; i < 7; i++) s += r.name[i]; return s + r.flags[0] + r.flags[2]; }
int main(void)
{
    struct rec a = g;
    struct rec b = mutate(a);
    OUT(sum(a)); OUT(sum(b)); OUT(sum(g));
    OUT(a.name[0]); OUT(b.name[0]); OUT(b.vals[4]); OUT(a.vals[4]); OUT(b.flags[2]);
    struct rec arr[3];
    arr[0] = g; arr[1] = b; arr[2] = arr[0];
    arr[2].vals[1] = 777;
    OUT(arr[0].vals[1]); OUT(arr[2].vals[1]); OUT(sum(arr[1]));
    struct { int m[3][2]; } m1 = {{{1, 2}, {3, 4}, {5, 6}}}, m2;
    m2 = m1; m2.m[2][1] = 60;
    OUT(m1.m[2][1]); OUT(m2.m[2][1]); OUT(m2.m[1][0]);
    g = b;
    OUT(sum(g)); OUT(sizeof(struct rec)); OUT(sizeof a.vals); OUT(sizeof arr);
    return 0;
}
