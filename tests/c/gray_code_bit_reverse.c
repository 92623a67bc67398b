/* Bit manipulation identities: binary <-> Gray code for every 8-bit value, bit reversal of
 * 32- and 64-bit words by swapping halves, next higher number with the same popcount, and
 * isolating/clearing the lowest set bit. */
#include "check.h"
static unsigned to_gray(unsigned b) { return b ^ (b >> 1); }
static unsigned from_gray(unsigned g) { for (unsigned s = 1; s < 32; s <<= 1) g ^= g >> s; return g; }
static unsigned rev32(unsigned x) { x = (x >> 1 & 0x55555555u) | (x & 0x55555555u) << 1; x = (x >> 2 & 0x33333333u) | (x & 0x33333333u) << 2; x = (x >> 4 & 0x0f0f0f0fu) | (x & 0x0f0f0f0fu) << 4; x = (x >> 8 & 0x00ff00ffu) | (x & 0x00ff00ffu) << 8; return x >> 16 | x << 16; }
static unsigned long long rev64(unsigned long long x) { return (unsigned long long)rev32((unsigned)x) << 32 | rev32((unsigned)(x >> 32)); }
static unsigned snoob(unsigned x) { unsigned s = x & -x, r = x + s; return r | (((x ^ r) >> 2) / s); }
int main(void)
{
    unsigned ok = 0, h = 0;
    for (unsigned b = 0; b < 256; b++) { unsigned g = to_gray(b); ok += from_gray(g) == b; ok += __builtin_popcount(to_gray(b) ^ to_gray(b + 1)) == 1; h = h * 3 + g; }
    OUT(ok); OUT(h);
    unsigned ws[] = { 1, 0x80000000u, 0x12345678u, 0xf0f0f0f0u, 0xdeadbeefu };
    for (int i = 0; i < 5; i++) { OUT(rev32(ws[i])); OUT(rev32(rev32(ws[i])) == ws[i]); OUT(ws[i] & -ws[i]); OUT(ws[i] & (ws[i] - 1)); }
    OUT64(rev64(0x0123456789abcdefULL)); OUT64(rev64(1));
    unsigned x = 0x7; for (int i = 0; i < 8; i++) { OUT(x); x = snoob(x); }
    return 0;
}
