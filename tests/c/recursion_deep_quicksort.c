#include "check.h"
static int depth(int n) { volatile int pad[4]; pad[0] = n; if (n == 0) return 0; return depth(n - 1) + pad[0] % 3; }
static void qs(int *a, int lo, int hi)
{
    if (lo >= hi) return;
    int p = a[(lo + hi) / 2], i = lo, j = hi;
    while (i <= j) {
        while (a[i] < p) i++;
        while (a[j] > p) j--;
        if (i <= j) { int t = a[i]; a[i] = a[j]; a[j] = t; i++; j--; }
    }
    qs(a, lo, j); qs(a, i, hi);
}
static int gcd(int a, int b) { return b ? gcd(b, a % b) : a; }
static long long power(long long b, int e) { if (!e) return 1; long long h = power(b, e / 2); return e % 2 ? h * h * b : h * h; }
int main(void)
{
    OUT(depth(200));
    int a[64]; unsigned s = 12345;
    for (int i = 0; i < 64; i++) { s = s * 1103515245u + 12345u; a[i] = (int)(s >> 16) % 1000 - 500; }
    qs(a, 0, 63);
    int ok = 1; for (int i = 1; i < 64; i++) ok &= a[i - 1] <= a[i];
    OUT(ok); OUT(a[0]); OUT(a[31]); OUT(a[63]);
    OUT(gcd(1071, 462)); OUT(gcd(17, 5)); OUT64(power(3, 39)); OUT64(power(-2, 63));
    return 0;
}
