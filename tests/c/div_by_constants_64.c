/* 64-bit division and remainder by constants (3, 7, 10, 1000, 1e9, 2^32 + 1) for signed and
 * unsigned operands, which compilers turn into multiplications, checked against each other by
 * reconstructing the dividend. */
#include "check.h"
static volatile unsigned long long vu[] = { 4294967296ULL, 12345678901234567ULL, 0xffffffffffffffffULL };
static volatile long long vs[] = { -9, -12345678901234567LL };
int main(void)
{
    int ok = 0;
    for (int i = 0; i < 3; i++) {
        unsigned long long x = vu[i];
        OUT64(x / 3); OUT64(x % 7); OUT64(x / 10); OUT64(x % 1000); OUT64(x / 1000000000ULL); OUT64(x % 4294967297ULL);
        ok += x / 10 * 10 + x % 10 == x;
    }
    for (int i = 0; i < 2; i++) {
        long long x = vs[i];
        OUT64(x / 3); OUT64(x % 3); OUT64(x / 10); OUT64(x % 10); OUT64(x / -7); OUT64(x % 1000000000LL);
        ok += x / 7 * 7 + x % 7 == x;
    }
    OUT(ok);
    return 0;
}
