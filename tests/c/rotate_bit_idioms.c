#include "check.h"
static unsigned rotl32(unsigned x, unsigned r) { return (x << (r & 31)) | (x >> (-r & 31)); }
static unsigned rotr32(unsigned x, unsigned r) { return (x >> (r & 31)) | (x << (-r & 31)); }
static unsigned long long rotl64(unsigned long long x, unsigned r) { return (x << (r & 63)) | (x >> (-r & 63)); }
static int sext(unsigned v, int bits) { int m = 32 - bits; return (int)(v << m) >> m; }
static int iabs(int x) { int m = x >> 31; return (x ^ m) - m; }
volatile unsigned seed = 0x9e3779b9u;
int main(void)
{
    unsigned x = seed;
    for (unsigned r = 0; r < 32; r += 3) { OUT(rotl32(x, r)); OUT(rotr32(x, r)); }
    for (unsigned r = 0; r < 64; r += 9) OUT64(rotl64(0x0123456789abcdefULL, r));
    OUT(sext(0x7f, 7)); OUT(sext(0x3f, 7)); OUT(sext(0xfff, 12)); OUT(iabs(-77)); OUT(iabs(77));
    OUT(x & -x); OUT(x & (x - 1)); OUT((x | (x - 1)) + 1); OUT(!(x & (x - 1)));
    unsigned v = 0x00f0; v--; v |= v >> 1; v |= v >> 2; v |= v >> 4; v |= v >> 8; v |= v >> 16; v++; OUT(v);
    unsigned rev = 0; for (int i = 0; i < 32; i++) rev |= ((x >> i) & 1u) << (31 - i); OUT(rev);
    return 0;
}
