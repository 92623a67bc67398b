/* Division and remainder by powers of two with negative dividends: C truncates toward zero,
 * so x / 4 is not x >> 2 and x % 8 is negative for negative x; 32-bit and 64-bit, constant and
 * run-time divisors, and unsigned forms that are plain shifts and masks. */
#include "check.h"
static volatile int vd[] = { 2, 4, 8, 16, 1 << 30 };
int main(void)
{
    int xs[] = { -1, -7, -8, -9, 7, 9, -2147483647 - 1, 2147483647, -1000001, 0 };
    for (int i = 0; i < 10; i++) {
        int x = xs[i];
        OUT(x / 2); OUT(x % 2); OUT(x / 8); OUT(x % 8); OUT(x / 1024); OUT(x % 1024); OUT(x >> 3);
        for (int j = 1; j < 4; j += 2) { OUT(x / vd[j]); OUT(x % vd[j]); }
        unsigned u = (unsigned)x; OUT(u / 8); OUT(u % 8);
    }
    long long ls[] = { -1, -9, -(1LL << 40) - 3, (1LL << 62) + 5, -0x7fffffffffffffffLL - 1 };
    for (int i = 0; i < 5; i++) {
        long long x = ls[i];
        OUT64(x / 4); OUT64(x % 4); OUT64(x / (1LL << 33)); OUT64(x % (1LL << 33)); OUT64(x / vd[2]); OUT64(x % vd[4]);
    }
    return 0;
}
