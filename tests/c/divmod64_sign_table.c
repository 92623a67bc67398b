/* Signed 64-bit / and % across sign combinations, with divisors that fit 32 bits and
 * ones that do not, checked against the division identity. */
#include "check.h"
int main(void)
{
    static const long long num[] = {0, 5, -5, 1000000000000LL, -1000000000000LL,
                                    0x7FFFFFFFFFFFFFFFLL, -0x7FFFFFFFFFFFFFFFLL - 1,
                                    4294967296LL, -4294967297LL};
    static const long long den[] = {1, -1, 3, -3, 4294967296LL, -4294967295LL, 1000003,
                                    -0x7FFFFFFFFFFFFFFFLL, 7};
    unsigned long long h = 0;
    for (unsigned a = 0; a < 9; a++)
        for (unsigned b = 0; b < 9; b++) {
            volatile long long x = num[a], y = den[b];
            if (x == -0x7FFFFFFFFFFFFFFFLL - 1 && y == -1)
                continue;
            long long q = x / y, r = x % y;
            h = h * 1099511628211ULL + (unsigned long long)q + ((unsigned long long)r << 7);
            if (q * y + r != x) OUT(7777);
            if (b == 2 || b == 4 || b == 5) OUT64(q), OUT64(r);
        }
    OUT64(h);
    return 0;
}
