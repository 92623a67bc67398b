/* 64-bit bitwise operators: & | ^ ~ on values whose halves differ, masks built by shifts,
 * compound forms, setting/clearing/toggling bits above 32, and logical tests of masked 64-bit
 * values that are zero in one half only. */
#include "check.h"
static volatile unsigned long long va = 0xf0f0f0f00f0f0f0fULL, vb = 0x00000000ffffffffULL;
int main(void)
{
    unsigned long long a = va, b = vb;
    OUT64(a & b); OUT64(a | b); OUT64(a ^ b); OUT64(~a); OUT64(~b & a); OUT64(a & ~0ULL << 32);
    for (int bit = 28; bit < 40; bit += 3) { unsigned long long m = 1ULL << bit; OUT64(a | m); OUT64(a & ~m); OUT64(a ^ m); OUT((a & m) != 0); }
    unsigned long long c = a; c &= 0xffff0000ffff0000ULL; OUT64(c); c |= 1ULL << 63; OUT64(c); c ^= b; OUT64(c);
    OUT(!!(a & 0xffffffff00000000ULL)); OUT(!(b & 0xffffffff00000000ULL)); OUT((a & b) == 0x0f0f0f0fULL);
    long long s = -2; OUT64(s & 0x00000001ffffffffLL); OUT64(s | 1); OUT64(s ^ -1); OUT64(~s);
    unsigned long long mask = (1ULL << 40) - 1; OUT64(mask); OUT64(a & mask); OUT64((a >> 4) & mask);
    return 0;
}
