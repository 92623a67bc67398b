#include "check.h"
volatile int seeds[] = {-7, 13, 2147483647, -2147483647 - 1, 0, 99999};
int main(void)
{
    long long acc = 0; unsigned long long uacc = 0; int i32 = 0; unsigned u32 = 0;
    for (int i = 0; i < 6; i++) {
        int s = seeds[i];
        for (int k = 0; k < 50; k++) {
            acc += (long long)s * k;            /* widening signed */
            uacc += (unsigned)s * (unsigned long long)k;
            i32 = (int)(acc >> (k & 31));
            u32 += (unsigned)(uacc >> 20) ^ (unsigned)k;
            acc ^= (long long)i32 * 8;
        }
        OUT64(acc); OUT64(uacc); OUT(i32); OUT(u32);
    }
    long long m = 1;
    for (int k = 1; k <= 20; k++) { m *= k; OUT64(m); OUT((int)m); OUT((unsigned)(m >> 32)); }
    unsigned long long sum = 0;
    for (unsigned k = 0xfffffff0u; k != 0x10; k++) sum += k;   /* 32-bit wraparound counter */
    OUT64(sum);
    long long neg = -1; int shift = 0;
    for (int k = 0; k < 40; k++) { neg = neg * 2 + (k & 1); shift += (int)(neg & 0xff); }
    OUT64(neg); OUT(shift);
    int small = -3; unsigned long long mix = 0;
    for (int k = 0; k < 10; k++) mix += small * k + 0xffffffffu;    /* int*int then + unsigned */
    OUT64(mix);
    long long mix2 = 0;
    for (int k = 0; k < 10; k++) mix2 += (long long)small * k + 0xffffffffu;
    OUT64(mix2);
    return 0;
}
