#include "check.h"
static unsigned short lfsr16(unsigned short s) { unsigned lsb = s & 1u; s >>= 1; if (lsb) s ^= 0xb400u; return s; }  /* Galois form */
static unsigned long long xorshift64(unsigned long long *s) { unsigned long long x = *s; x ^= x << 13; x ^= x >> 7; x ^= x << 17; return *s = x; }
static unsigned pcg32(unsigned long long *state) { unsigned long long old = *state; *state = old * 6364136223846793005ULL + 1442695040888963407ULL; unsigned xs = (unsigned)(((old >> 18) ^ old) >> 27); unsigned rot = (unsigned)(old >> 59); return (xs >> rot) | (xs << ((32 - rot) & 31)); }
static unsigned mwc(unsigned *z, unsigned *w) { *z = 36969 * (*z & 65535) + (*z >> 16); *w = 18000 * (*w & 65535) + (*w >> 16); return (*z << 16) + *w; }
int main(void)
{
    unsigned short s = 0xace1; int period = 0;
    do { s = lfsr16(s); period++; } while (s != 0xace1 && period < 3000);
    OUT(period); OUT(s);
    for (int i = 0; i < 10; i++) { s = lfsr16(s); OUT(s); }
    unsigned long long x = 88172645463325252ULL; for (int i = 0; i < 10; i++) OUT64(xorshift64(&x));
    unsigned long long st = 42; for (int i = 0; i < 10; i++) OUT(pcg32(&st));
    unsigned z = 362436069, w = 521288629; for (int i = 0; i < 10; i++) OUT(mwc(&z, &w));
    unsigned hist[8] = {0}; for (int i = 0; i < 800; i++) hist[pcg32(&st) % 8]++;
    for (int i = 0; i < 8; i++) OUT(hist[i]);
    return 0;
}
