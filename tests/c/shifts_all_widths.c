#include "check.h"
volatile unsigned char uc = 0xa5;
volatile signed char sc = -91;
volatile unsigned short us = 0xbeef;
volatile short ss = -12345;
volatile unsigned u = 0xdeadbeef;
volatile int si = -559038737;
volatile unsigned long long ull = 0xfedcba9876543210ULL;
volatile long long sll = -0x123456789abcdefLL;
int main(void)
{
    for (int k = 0; k < 32; k++) {
        OUT(uc << k % 24); OUT(uc >> k % 8); OUT(sc >> k); OUT(us >> k % 16);
        OUT(ss >> k); OUT(u >> k); OUT(u << k); OUT(si >> k); OUT((unsigned)si << k);
    }
    for (int k = 0; k < 64; k++) {
        OUT64(ull >> k); OUT64(ull << k); OUT64(sll >> k);
    }
    OUT64(ull >> 32); OUT64(ull << 32); OUT64(sll >> 63); OUT64(sll >> 1); OUT64(ull << 1);
    OUT(u >> 31); OUT(si >> 31); OUT(u << 31);
    return 0;
}
