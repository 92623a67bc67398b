/* Unsigned 32-bit division and modulo at the edges: divisors 1, 2^k, 2^k±1, 0xFFFFFFFF and
 * dividends around 2^31 and 2^32-1. */
#include "check.h"
int main(void)
{
    static const unsigned num[] = {0, 1, 0x7FFFFFFFu, 0x80000000u, 0x80000001u, 0xFFFFFFFEu,
                                   0xFFFFFFFFu, 123456789u, 1000000007u};
    static const unsigned den[] = {1, 2, 3, 255, 256, 257, 65535, 65536, 0x7FFFFFFFu,
                                   0x80000000u, 0xFFFFFFFFu, 10};
    unsigned sum = 0;
    for (unsigned a = 0; a < 9; a++)
        for (unsigned b = 0; b < 12; b++) {
            volatile unsigned x = num[a], y = den[b];
            unsigned q = x / y, r = x % y;
            sum = sum * 31 + q + r * 3;
            if (q * y + r != x || r >= y) OUT(1111);
            if ((a + b) % 5 == 0) { OUT(q); OUT(r); }
        }
    OUT(sum);
    return 0;
}
