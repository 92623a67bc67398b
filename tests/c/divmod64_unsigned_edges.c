/* Unsigned 64-bit division and modulo: divisors of 1, 2^k, near 2^32 and near 2^64,
 * dividends spanning the full range. */
#include "check.h"
int main(void)
{
    static const unsigned long long num[] = {0, 1, 0xFFFFFFFFULL, 0x100000000ULL,
        0xFFFFFFFFFFFFFFFFULL, 0x8000000000000000ULL, 12345678901234567890ULL, 99};
    static const unsigned long long den[] = {1, 2, 3, 10, 0xFFFFFFFFULL, 0x100000000ULL,
        0x100000001ULL, 0xFFFFFFFFFFFFFFFFULL, 0x8000000000000001ULL, 1000000007ULL};
    unsigned long long h = 0;
    for (unsigned a = 0; a < 8; a++)
        for (unsigned b = 0; b < 10; b++) {
            volatile unsigned long long x = num[a], y = den[b];
            unsigned long long q = x / y, r = x % y;
            h = (h ^ q) * 0x100000001B3ULL + r;
            if (q * y + r != x || r >= y) OUT(4242);
            if ((a * 10 + b) % 7 == 0) { OUT64(q); OUT64(r); }
        }
    OUT64(h);
    return 0;
}
