#include "check.h"
volatile int k = 3;
int main(void)
{
    char c = 100; c += 100; OUT(c); c -= -60; OUT(c); c *= k; OUT(c); c /= 2; OUT(c); c %= 7; OUT(c);
    unsigned char uc = 250; uc += 10; OUT(uc); uc -= 20; OUT(uc); uc <<= k; OUT(uc); uc >>= 1; OUT(uc);
    uc |= 0x81; OUT(uc); uc ^= 0xff; OUT(uc); uc &= 0x3c; OUT(uc);
    short s = 30000; s += 10000; OUT(s); s *= 2; OUT(s); s >>= 3; OUT(s); s = -s; OUT(s);
    unsigned short us = 1; us <<= 15; OUT(us); us += us; OUT(us); us -= 1; OUT(us);
    long long ll = 1; ll <<= 40; OUT64(ll); ll *= -7; OUT64(ll); ll /= 3; OUT64(ll); ll %= 1000; OUT64(ll);
    ll >>= 2; OUT64(ll); ll ^= 0x5555555555LL; OUT64(ll); ll |= 1LL << 62; OUT64(ll);
    unsigned long long u = 3; u -= 5; OUT64(u); u /= 3; OUT64(u); u >>= k; OUT64(u);
    int i = 7; i += k > 1 ? 1 : 0; OUT(i);
    int arr[4] = {1, 2, 3, 4}; int *p = arr; *p++ += 10; *p++ *= 5; OUT(arr[0]); OUT(arr[1]); OUT(*p);
    return 0;
}
