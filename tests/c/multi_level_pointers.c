#include "check.h"
static int a = 1, b = 2, c = 3;
static int *pa = &a, *pb = &b, *pc = &c;
static int **pp[3] = {&pa, &pb, &pc};
static void swap_ptrs(int **x, int **y) { int *t = *x; *x = *y; *y = t; }
static void set3(int ***ppp, int v) { ***ppp = v; }
static void alloc_from(int **out, int *pool, int *next) { *out = &pool[(*next)++]; }
static char *words[] = {"alpha", "be", "gam"};
static int count_chars(char **w, int n) { int s = 0; for (char **p = w; p < w + n; p++) for (char *q = *p; *q; q++) s++; return s; }
int main(void)
{
    OUT(**pp[0] + **pp[1] * 10 + **pp[2] * 100);
    swap_ptrs(&pa, &pc);
    OUT(*pa); OUT(*pc); OUT(**pp[0]);
    set3(&pp[1], 42); OUT(b);
    int ***ppp = &pp[2]; ***ppp += 5; OUT(a); OUT(c);
    int pool[4] = {0}; int next = 0; int *x, *y;
    alloc_from(&x, pool, &next); alloc_from(&y, pool, &next);
    *x = 9; *y = 8; OUT(pool[0] * 10 + pool[1]); OUT(next); OUT(y - x);
    OUT(count_chars(words, 3));
    char **w = words; OUT(**w); OUT(*(*(w + 2) + 1)); OUT(w[1][1]);
    int m[3][4]; int *rows[3]; int **rp = rows;
    for (int i = 0; i < 3; i++) { rows[i] = m[i]; for (int j = 0; j < 4; j++) m[i][j] = i * 4 + j; }
    int s = 0; for (int i = 0; i < 3; i++) for (int j = 0; j < 4; j++) s += rp[i][j] * (j + 1);
    OUT(s);
    int v = 7; int *p1 = &v; int **p2 = &p1; int ***p3 = &p2; int ****p4 = &p3;
    ****p4 *= 6; OUT(v); OUT(***p4 == p1);
    return 0;
}
