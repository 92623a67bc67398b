#include "check.h"
volatile long long vals[] = {7, -7, 3, -3, 1, -1, 0x7fffffffffffffffLL, -0x7fffffffffffffffLL,
                             1LL << 40, -(1LL << 33)};
int main(void)
{
    for (int a = 0; a < 10; a++)
        for (int b = a & 1; b < 10; b += 2) {
            long long x = vals[a], y = vals[b];
            OUT64(x / y); OUT64(x % y);
        }
    long long m = -1234567890123LL;
    OUT64(m / 10); OUT64(m % 10); OUT64(m / -1000); OUT64(m * -3); OUT64(m / 7 * 7 + m % 7);
    return 0;
}
