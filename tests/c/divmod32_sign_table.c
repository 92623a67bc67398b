/* Signed 32-bit / and % for every sign combination and a range of magnitudes: truncation
 * toward zero, remainder taking the dividend's sign, and (a/b)*b + a%b == a. */
#include "check.h"
int main(void)
{
    static const int num[] = {0, 1, 7, 100, 2147483647, -1, -7, -100, -2147483647 - 1};
    static const int den[] = {1, 2, 3, 7, 10, 65536, 2147483647, -1, -2, -3, -7, -65536};
    unsigned check = 0;
    for (unsigned a = 0; a < sizeof num / sizeof num[0]; a++)
        for (unsigned b = 0; b < sizeof den / sizeof den[0]; b++) {
            volatile int x = num[a], y = den[b];
            if (x == -2147483647 - 1 && y == -1)
                continue;
            int q = x / y, r = x % y;
            check = check * 33 + (unsigned)q * 7 + (unsigned)r;
            if (q * y + r != x) OUT(9999);
            if (b % 4 == 1) { OUT(q); OUT(r); }
        }
    OUT(check);
    return 0;
}
