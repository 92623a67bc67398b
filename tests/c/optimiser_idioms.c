/* C idioms LLVM turns into intrinsics: narrow rotates, saturating arithmetic, three-way
 * compares, carry checks. */
#include "check.h"
static unsigned h;
static void mix(unsigned x) { h = h * 31 + x; }
#define MIX64(x) (mix((unsigned)(x)), mix((unsigned)((unsigned long long)(x) >> 32)))
#include <stdint.h>
static uint8_t rot8(uint8_t x, unsigned n) { n &= 7; return (uint8_t)((x << n) | (x >> ((8 - n) & 7))); }
static uint16_t rot16(uint16_t x, unsigned n) { n &= 15; return (uint16_t)((x << n) | (x >> ((16 - n) & 15))); }
static uint16_t rot16r3(uint16_t x) { return (uint16_t)((x >> 3) | (x << 13)); }
static uint32_t addsat(uint32_t a, uint32_t b) { uint32_t s = a + b; return s < a ? 0xFFFFFFFFu : s; }
static uint32_t subsat(uint32_t a, uint32_t b) { return a > b ? a - b : 0; }
static int8_t addsat8(int8_t a, int8_t b) { int s = a + b; return s > 127 ? 127 : s < -128 ? -128 : s; }
static uint8_t addsatu8(uint8_t a, uint8_t b) { unsigned s = a + b; return s > 255 ? 255 : s; }
static int cmp3(int a, int b) { return (a > b) - (a < b); }
static int ucmp3(unsigned a, unsigned b) { return (a > b) - (a < b); }
static int cmp3ll(long long a, long long b) { return (a > b) - (a < b); }
static int carry(unsigned a, unsigned b, unsigned *r) { *r = a + b; return *r < a; }
volatile unsigned v[] = {0, 1, 3, 7, 8, 15, 16, 127, 128, 200, 255, 256, 0x7fff, 0x8000, 0xffff,
                         0x7fffffff, 0x80000000u, 0xfffffffeu, 0xffffffffu};
#define N (int)(sizeof v / sizeof v[0])
int main(void)
{
    for (int i = 0; i < N; i++)
        for (int j = 0; j < N; j++) {
            unsigned a = v[i], b = v[j], r;
            mix(rot8((uint8_t)a, b)); mix(rot16((uint16_t)a, b)); mix(rot16r3((uint16_t)(a ^ b)));
            mix(addsat(a, b)); mix(subsat(a, b));
            mix(addsat8((int8_t)a, (int8_t)b)); mix(addsatu8((uint8_t)a, (uint8_t)b));
            mix(cmp3((int)a, (int)b)); mix(ucmp3(a, b));
            mix(cmp3ll((long long)(int)a * (1LL << 20), (long long)(int)b * (1LL << 20)));
            mix(carry(a, b, &r)); mix(r);
        }
    OUT(h);
    return 0;
}
