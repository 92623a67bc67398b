#include "check.h"
static int popcnt(unsigned x) { int c = 0; while (x) { x &= x - 1; c++; } return c; }
static int popcnt_swar(unsigned x) { x = x - ((x >> 1) & 0x55555555u); x = (x & 0x33333333u) + ((x >> 2) & 0x33333333u); x = (x + (x >> 4)) & 0x0f0f0f0fu; return (int)((x * 0x01010101u) >> 24); }
static int parity(unsigned x) { x ^= x >> 16; x ^= x >> 8; x ^= x >> 4; return (0x6996 >> (x & 15)) & 1; }
static unsigned revbits(unsigned x) { unsigned r = 0; for (int i = 0; i < 32; i++) { r = (r << 1) | (x & 1); x >>= 1; } return r; }
static unsigned long long revbits64(unsigned long long x) { unsigned long long r = 0; for (int i = 0; i < 64; i++) { r = (r << 1) | (x & 1); x >>= 1; } return r; }
static int clz_hand(unsigned x) { if (!x) return 32; int n = 0; if (!(x & 0xffff0000u)) { n += 16; x <<= 16; } if (!(x & 0xff000000u)) { n += 8; x <<= 8; } if (!(x & 0xf0000000u)) { n += 4; x <<= 4; } if (!(x & 0xc0000000u)) { n += 2; x <<= 2; } if (!(x & 0x80000000u)) n++; return n; }
static int ctz_hand(unsigned x) { if (!x) return 32; int n = 0; while (!(x & 1)) { x >>= 1; n++; } return n; }
static unsigned next_pow2(unsigned x) { x--; x |= x >> 1; x |= x >> 2; x |= x >> 4; x |= x >> 8; x |= x >> 16; return x + 1; }
static unsigned next_same_popcount(unsigned v) { unsigned t = v | (v - 1); return (t + 1) | (((~t & -~t) - 1) >> (ctz_hand(v) + 1)); }
volatile unsigned vals[] = {0, 1, 2, 3, 0x80000000u, 0xffffffffu, 0x12345678u, 0xdeadbeefu, 0x00f000f0u, 1000, 0x55555555u, 7};
int main(void)
{
    for (int i = 0; i < 12; i++) {
        unsigned x = vals[i];
        OUT(popcnt(x)); OUT(popcnt_swar(x) == popcnt(x)); OUT(parity(x)); OUT(revbits(x) ^ 0);
        OUT(clz_hand(x)); OUT(ctz_hand(x)); OUT(x & -x); OUT(x & (x - 1)); OUT(x ^ (x >> 1));
        if (x && x <= 0x80000000u) OUT(next_pow2(x));
        if (x && x != 0xffffffffu && x < 0x80000000u && (x & 0xf0000000u) == 0) OUT(next_same_popcount(x));
        OUT64(revbits64(((unsigned long long)x << 32) | (x * 3u)));
        if (x != 0x80000000u) { int s = (int)x; OUT((s ^ (s >> 31)) - (s >> 31)); }
    }
    unsigned v = 0x0f; for (int i = 0; i < 10; i++) { v = next_same_popcount(v); OUT(v); }
    return 0;
}
