/* Conversions from 64-bit integers to every narrower type (wrap modulo 2^N, gcc's choice
 * for signed targets) and back, sign- or zero-extending. */
#include "check.h"
int main(void)
{
    static const unsigned long long v[] = {0x0123456789ABCDEFULL, 0xFEDCBA9876543210ULL,
                                           0xFFFFFFFF80000000ULL, 0x000000017FFFFFFFULL, 0xFF};
    for (int i = 0; i < 5; i++) {
        volatile unsigned long long x = v[i];
        OUT((int)x); OUT((unsigned)x); OUT((short)x); OUT((unsigned short)x);
        OUT((signed char)x); OUT((unsigned char)x); OUT((_Bool)x);
        OUT64((long long)(int)x); OUT64((long long)(unsigned)x); OUT64((long long)(short)x);
        OUT64((unsigned long long)(signed char)x);
    }
    return 0;
}
