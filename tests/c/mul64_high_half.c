/* The high half of a 64x64-bit product written with 32-bit halves, which LLVM turns into an
 * i128 multiply, and the full product's low half beside it. */
#include "check.h"
static unsigned long long mulhi(unsigned long long a, unsigned long long b)
{
    unsigned long long al = (unsigned)a, ah = a >> 32, bl = (unsigned)b, bh = b >> 32;
    unsigned long long ll = al * bl, lh = al * bh, hl = ah * bl, hh = ah * bh;
    unsigned long long mid = (ll >> 32) + (unsigned)lh + (unsigned)hl;
    return hh + (lh >> 32) + (hl >> 32) + (mid >> 32);
}
static volatile unsigned long long v[] = {0, 1, 2, 0xffffffffULL, 0x100000000ULL,
                                          0xffffffffffffffffULL, 0x8000000000000000ULL,
                                          0x123456789abcdef0ULL, 0xfedcba9876543210ULL, 3};
int main(void)
{
    int n = (int)(sizeof v / sizeof v[0]);
    for (int i = 0; i < n; i++)
        for (int j = i; j < n; j++) {
            OUT64(mulhi(v[i], v[j]));
            OUT64(v[i] * v[j]);
        }
    return 0;
}
