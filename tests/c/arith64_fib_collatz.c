/* 64-bit loops: Fibonacci up to F(92), Collatz step counts for large starting values
 * (values beyond 2^32), and a 64-bit integer square root by bisection. */
#include "check.h"
static unsigned long long isqrt(unsigned long long n)
{
    unsigned long long lo = 0, hi = 0xFFFFFFFFULL;
    while (lo < hi) { unsigned long long mid = lo + (hi - lo + 1) / 2; if (mid * mid <= n) lo = mid; else hi = mid - 1; }
    return lo;
}
int main(void)
{
    unsigned long long a = 0, b = 1;
    for (int i = 0; i < 92; i++) { unsigned long long t = a + b; a = b; b = t; if (i % 23 == 22) OUT64(a); }
    OUT64(a);
    static const unsigned long long starts[] = {27, 97, 837799, 8400511, 0x123456789ULL};
    for (int i = 0; i < 5; i++) {
        unsigned long long x = starts[i], mx = x; int steps = 0;
        while (x != 1) { x = (x & 1) ? 3 * x + 1 : x >> 1; if (x > mx) mx = x; steps++; }
        OUT(steps); OUT64(mx);
    }
    OUT64(isqrt(0)); OUT64(isqrt(99)); OUT64(isqrt(1ULL << 62)); OUT64(isqrt(0xFFFFFFFFFFFFFFFFULL)); OUT64(isqrt(10000000000000000ULL));
    return 0;
}
