/* gcc's __builtin_{add,sub,mul}_overflow: same types, mixed narrower types, typed forms. */
#include "check.h"
static unsigned h;
static void mix(unsigned x) { h = h * 31 + x; }
#define MIX64(x) (mix((unsigned)(x)), mix((unsigned)((unsigned long long)(x) >> 32)))
volatile int vi[] = {0, 1, -1, 2, 0x7fffffff, -0x7fffffff - 1, 46341, -46341, 100000};
volatile unsigned vu[] = {0, 1, 2, 0xffffffffu, 0x80000000u, 65536, 65537};
volatile long long vl[] = {0, 1, -1, 0x7fffffffffffffffLL, -0x7fffffffffffffffLL - 1, 3037000500LL};
#define N(a) (int)(sizeof(a) / sizeof((a)[0]))
int main(void)
{
    for (int i = 0; i < N(vi); i++)
        for (int j = 0; j < N(vi); j++) {
            int r; short s; unsigned u; unsigned char c;
            mix(__builtin_add_overflow(vi[i], vi[j], &r)); mix(r);
            mix(__builtin_sub_overflow(vi[i], vi[j], &r)); mix(r);
            mix(__builtin_mul_overflow(vi[i], vi[j], &r)); mix(r);
            mix(__builtin_add_overflow(vi[i], vi[j], &s)); mix(s);
            mix(__builtin_mul_overflow(vi[i], vi[j], &u)); mix(u);
            mix(__builtin_sub_overflow(vi[i], vi[j], &c)); mix(c);
        }
    OUT(h);
    for (int i = 0; i < N(vu); i++)
        for (int j = 0; j < N(vi); j++) {
            int r; unsigned u;
            mix(__builtin_add_overflow(vu[i], vi[j], &r)); mix(r);
            mix(__builtin_sub_overflow(vu[i], vu[j % N(vu)], &r)); mix(r);
            mix(__builtin_mul_overflow(vu[i], vu[j % N(vu)], &u)); mix(u);
            mix(__builtin_uadd_overflow(vu[i], vu[j % N(vu)], &u)); mix(u);
        }
    OUT(h);
    for (int i = 0; i < N(vl); i++)
        for (int j = 0; j < N(vl); j++) {
            long long r; unsigned long long q;
            mix(__builtin_add_overflow(vl[i], vl[j], &r)); MIX64(r);
            mix(__builtin_ssubll_overflow(vl[i], vl[j], &r)); MIX64(r);
            mix(__builtin_uaddll_overflow(vl[i], vl[j], &q)); MIX64(q);
        }
    OUT(h);
    return 0;
}
