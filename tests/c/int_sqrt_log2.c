/* Integer algorithms: floor square root by bit-by-bit method (32 and 64 bit), floor log2 by
 * shifting and by __builtin_clz, integer cube root by bisection, and exact power checks. */
#include "check.h"
static unsigned isqrt32(unsigned x) { unsigned r = 0, b = 1u << 30; while (b > x) b >>= 2; while (b) { if (x >= r + b) { x -= r + b; r = (r >> 1) + b; } else r >>= 1; b >>= 2; } return r; }
static unsigned long long isqrt64(unsigned long long x) { unsigned long long r = 0, b = 1ULL << 62; while (b > x) b >>= 2; while (b) { if (x >= r + b) { x -= r + b; r = (r >> 1) + b; } else r >>= 1; b >>= 2; } return r; }
static int ilog2(unsigned x) { int r = -1; while (x) { x >>= 1; r++; } return r; }
static unsigned icbrt(unsigned x) { unsigned lo = 0, hi = 1626; while (lo < hi) { unsigned m = (lo + hi + 1) / 2; if ((unsigned long long)m * m * m <= x) lo = m; else hi = m - 1; } return lo; }
int main(void)
{
    unsigned xs[] = { 0, 1, 2, 3, 4, 15, 16, 17, 99, 100, 65535, 65536, 1000000, 0xfffffffeu, 0xffffffffu };
    for (int i = 0; i < 15; i++) { OUT(isqrt32(xs[i])); OUT(xs[i] ? ilog2(xs[i]) : -1); OUT(xs[i] ? 31 - __builtin_clz(xs[i]) : -1); OUT(icbrt(xs[i])); }
    unsigned long long ys[] = { 1ULL << 62, (1ULL << 62) - 1, 0xffffffffffffffffULL, 999999999999ULL, 4294967296ULL * 4294967295ULL };
    for (int i = 0; i < 5; i++) OUT64(isqrt64(ys[i]));
    int pw = 0; for (unsigned v = 1; v < 300; v++) pw += (v & (v - 1)) == 0; OUT(pw);
    return 0;
}
