#include "check.h"
volatile int i = -5;
volatile unsigned u = 3;
volatile long l = -7;
volatile unsigned long ul = 9;
volatile long long ll = -11;
volatile unsigned long long ull = 13;
volatile short s = -300;
volatile unsigned short us = 60000;
int main(void)
{
    OUT(i + u); OUT(i * u); OUT(i / (int)u); OUT((unsigned)i / u);
    OUT64(i + l); OUT64(u + l);          /* unsigned int converts to long: signed result */
    OUT64(u * l); OUT64(i + ul); OUT64(i + ull); OUT64(ll + u);
    OUT64(u - 4 + 0L); OUT64(u - 4 + 0LL); OUT64((long)(u - 4));
    OUT(s * us); OUT(s + us); OUT((unsigned)us * us / 2u);
    OUT(sizeof(u + l)); OUT(sizeof(i + 'a')); OUT(sizeof(s + s)); OUT(sizeof(u + i));
    OUT(sizeof(1 ? u : l)); OUT(sizeof(ul + ll));
    OUT64(l / (long)u); OUT64(ul / u); OUT64(ll % (long long)u);
    OUT(-1L < 0u); OUT(-1LL < 0ULL); OUT(-1 < (unsigned short)0);
    OUT64((unsigned long long)i); OUT64((long long)u); OUT64((unsigned long long)(unsigned)i);
    return 0;
}
