#include "check.h"
volatile int vi[] = {-1, 300, -129, 70000, 0x7fffffff, -2147483647 - 1, 255, 12345};
volatile unsigned vu[] = {0xffffffffu, 256, 0x80000000u, 65535, 3, 1000000};
int main(void)
{
    for (int i = 0; i < 8; i++) {
        unsigned char uc = 200; signed char sc = -100; unsigned short us = 60000; short ss = -30000;
        int v = vi[i] & 0xffff;
        uc += v; OUT(uc);
        sc -= v; OUT(sc);
        us *= (v & 0xff); OUT(us);
        ss += v; OUT(ss);
        uc <<= (i & 7); OUT(uc);
        sc >>= 1; OUT(sc);
        us |= 0x8001; OUT(us);
        ss ^= (short)vi[i]; OUT(ss);
        uc /= (unsigned char)(i + 1); OUT(uc);
        sc %= (signed char)(i + 2); OUT(sc);
    }
    for (int i = 0; i < 6; i++) {
        unsigned char uc = 17; short ss = 1000; signed char sc = 5;
        uc += vu[i]; OUT(uc);
        ss -= vu[i] & 0xffff; OUT(ss);
        sc *= (signed char)vu[i]; OUT(sc);
        unsigned short us = 7;
        us -= 10; OUT(us);
        us += vu[i] >> 16; OUT(us);
        long long ll = 5;
        ll += vu[i]; OUT64(ll);
        ll -= (int)vu[i]; OUT64(ll);
        unsigned long long ull = 1;
        ull *= (int)vu[i]; OUT64(ull);
    }
    return 0;
}
