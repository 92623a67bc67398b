#include "check.h"
static long long horner(const int *c, int n, long long x) { long long r = 0; for (int i = n - 1; i >= 0; i--) r = r * x + c[i]; return r; }
static unsigned horner_mod(const int *c, int n, unsigned x, unsigned m) { unsigned long long r = 0; for (int i = n - 1; i >= 0; i--) r = (r * x + (unsigned)(c[i] % (int)m + (int)m)) % m; return (unsigned)r; }
static void polymul(const int *a, int na, const int *b, int nb, long long *out) { for (int i = 0; i < na + nb - 1; i++) out[i] = 0; for (int i = 0; i < na; i++) for (int j = 0; j < nb; j++) out[i + j] += (long long)a[i] * b[j]; }
static void deriv(const int *c, int n, int *d) { for (int i = 1; i < n; i++) d[i - 1] = c[i] * i; }
int main(void)
{
    int c[] = {-7, 3, 0, -2, 5, 1};
    for (int x = -4; x <= 4; x++) OUT64(horner(c, 6, x));
    OUT64(horner(c, 6, 1000)); OUT64(horner(c, 6, -1000));
    OUT(horner_mod(c, 6, 123456, 1000003)); OUT(horner_mod(c, 6, 0xffffffffu, 65521));
    int a[] = {1, -1, 2}, b[] = {3, 0, -4, 7}; long long p[6]; polymul(a, 3, b, 4, p);
    for (int i = 0; i < 6; i++) OUT64(p[i]);
    int d[5]; deriv(c, 6, d); for (int i = 0; i < 5; i++) OUT(d[i]);
    /* Newton's integer root of c(x)=0 near 1: bisection on sign */
    long long lo = 0, hi = 2000; while (hi - lo > 1) { long long mid = (lo + hi) / 2; if (horner(c, 6, mid) > 0) hi = mid; else lo = mid; } OUT64(lo);
    return 0;
}
