/* Conversions from long long and unsigned long long to float and double: exact up to 2^24 and
 * 2^53, round-to-nearest-even beyond (ties and sticky bits far below), LLONG_MIN, and unsigned
 * values with bit 63 set. */
#include "check.h"
static unsigned fb(float f) { union { float f; unsigned u; } v = { f }; return v.u; }
static unsigned long long db(double d) { union { double d; unsigned long long u; } v = { d }; return v.u; }
static volatile long long lv[] = { 0, -1, 1LL << 53, (1LL << 53) + 1, (1LL << 53) + 3, -((1LL << 53) + 1),
                                   (1LL << 24) + 1, 0x7fffffffffffffffLL, -0x7fffffffffffffffLL - 1,
                                   0x0123456789abcdefLL, -0x0123456789abcdefLL, (1LL << 40) + (1LL << 16) + 1,
                                   0x20000020000001LL };
static volatile unsigned long long uv[] = { 0xffffffffffffffffULL, 0x8000000000000000ULL, 0x8000000000000401ULL,
                                            0x8000000000000400ULL, 0xfffffffffffff800ULL, 0xfffffffffffffbffULL,
                                            0x00000000ffffffffULL, 0xffffff7fffffffffULL };
int main(void)
{
    for (unsigned i = 0; i < sizeof lv / sizeof lv[0]; i++) { OUT(fb((float)lv[i])); OUT64(db((double)lv[i])); }
    for (unsigned i = 0; i < sizeof uv / sizeof uv[0]; i++) { OUT(fb((float)uv[i])); OUT64(db((double)uv[i])); }
    /* round trip of exactly representable values */
    volatile long long r = -(1LL << 62); OUT64((long long)(double)r); OUT64((long long)(float)r);
    volatile unsigned long long q = 0xfffffffffffff800ULL; OUT64((unsigned long long)(double)q);
    return 0;
}
