#include "check.h"
static const int ctab[5] = {3, 1, 4, 1, 5};
static const struct { const char *name; int v; } named[] = {{"x", 1}, {"yy", 2}};
static int read_only(const int *p, int n) { int s = 0; for (int i = 0; i < n; i++) s += p[i]; return s; }
int main(void)
{
    const int k = 7; OUT(k * 6);
    OUT(read_only(ctab, 5));
    int m[3] = {1, 2, 3}; OUT(read_only(m, 3));
    int * const cp = m; cp[1] = 20; OUT(m[1]);
    const int *pc = &k; OUT(*pc); pc = ctab; OUT(pc[2]);
    OUT(named[1].name[1] + named[0].v);
    const volatile int cv = 9; OUT(cv);
    return 0;
}
