#include "check.h"
/* 64x64->128 multiply built from 32-bit parts, checked against __int128 free identities */
static void mul128(unsigned long long a, unsigned long long b, unsigned long long *hi, unsigned long long *lo) {
    unsigned long long al = (unsigned)a, ah = a >> 32, bl = (unsigned)b, bh = b >> 32;
    unsigned long long p0 = al * bl, p1 = al * bh, p2 = ah * bl, p3 = ah * bh;
    unsigned long long mid = (p0 >> 32) + (unsigned)p1 + (unsigned)p2;
    *lo = (mid << 32) | (unsigned)p0;
    *hi = p3 + (p1 >> 32) + (p2 >> 32) + (mid >> 32);
}
static unsigned mulhi32(unsigned a, unsigned b) { return (unsigned)(((unsigned long long)a * b) >> 32); }
static int mulhi32s(int a, int b) { return (int)(((long long)a * b) >> 32); }
static void add128(unsigned long long *hi, unsigned long long *lo, unsigned long long v) { unsigned long long o = *lo; *lo += v; *hi += *lo < o; }
volatile unsigned long long v[] = {0, 1, 0xffffffffULL, 0x100000000ULL, 0xffffffffffffffffULL, 0x123456789abcdef0ULL, 0x8000000000000001ULL, 1000000007ULL};
int main(void)
{
    for (int i = 0; i < 8; i++)
        for (int j = i; j < 8; j++) {
            unsigned long long hi, lo; mul128(v[i], v[j], &hi, &lo);
            OUT64(hi); OUT64(lo); OUT(lo == v[i] * v[j]);
            OUT(mulhi32((unsigned)v[i], (unsigned)(v[j] >> 7))); OUT(mulhi32s((int)v[i], (int)(v[j] >> 3)));
        }
    unsigned long long hi = 0, lo = 0;
    for (int i = 0; i < 100; i++) add128(&hi, &lo, 0xfedcba9876543210ULL + (unsigned long long)i);
    OUT64(hi); OUT64(lo);
    return 0;
}
