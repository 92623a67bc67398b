/* 64-bit multiplication whose partial products cross the 32-bit halves: signed and unsigned
 * operands, negative values, 32x32->64 widening, and the 32-bit partial products. */
#include "check.h"
int main(void)
{
    static const unsigned long long v[] = {0, 1, 0xFFFFFFFFULL, 0x100000000ULL, 0x123456789ABCDEFULL,
                                           0xFFFFFFFFFFFFFFFFULL, 0x8000000000000000ULL, 3};
    for (int i = 0; i < 8; i++)
        for (int j = i; j < 8; j += 2) { OUT64(v[i] * v[j]); OUT64((v[i] >> 32) * (unsigned)v[j]); }
    volatile long long a = -123456789012LL, b = 98765;
    OUT64(a * b); OUT64(a * -b); OUT64((-a) * (-b));
    volatile int x = -100000, y = 300000;
    OUT64((long long)x * y); OUT64((unsigned long long)(unsigned)x * (unsigned)y);
    OUT64(x * (long long)y * 1000);
    return 0;
}
