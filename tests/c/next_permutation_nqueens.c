#include "check.h"
static int next_perm(int *a, int n) {
    int i = n - 2; while (i >= 0 && a[i] >= a[i + 1]) i--; if (i < 0) return 0;
    int j = n - 1; while (a[j] <= a[i]) j--; int t = a[i]; a[i] = a[j]; a[j] = t;
    for (int l = i + 1, r = n - 1; l < r; l++, r--) { t = a[l]; a[l] = a[r]; a[r] = t; }
    return 1;
}
static int queens(int row, int n, unsigned cols, unsigned d1, unsigned d2) {
    if (row == n) return 1; int c = 0;
    for (int col = 0; col < n; col++) {
        unsigned cb = 1u << col, a = 1u << (row + col), b = 1u << (row - col + n - 1);
        if ((cols & cb) || (d1 & a) || (d2 & b)) continue;
        c += queens(row + 1, n, cols | cb, d1 | a, d2 | b);
    }
    return c;
}
static int hanoi(int n, int from, int to, int via, unsigned *h) { if (!n) return 0; int m = hanoi(n - 1, from, via, to, h); *h = *h * 3 + (unsigned)(from * 3 + to); return m + 1 + hanoi(n - 1, via, to, from, h); }
int main(void)
{
    int a[5] = {1, 2, 2, 3, 4}; int cnt = 1; unsigned h = 0;
    while (next_perm(a, 5)) { cnt++; h = h * 5 + (unsigned)(a[0] * 10000 + a[1] * 1000 + a[2] * 100 + a[3] * 10 + a[4]); }
    OUT(cnt); OUT(h); OUT(a[0]); OUT(a[4]);
    int b[4] = {3, 1, 2, 0}; int steps = 0; while (next_perm(b, 4)) steps++; OUT(steps);
    for (int n = 1; n <= 6; n++) OUT(queens(0, n, 0, 0, 0));
    unsigned hh = 0; OUT(hanoi(8, 0, 2, 1, &hh)); OUT(hh);
    return 0;
}
