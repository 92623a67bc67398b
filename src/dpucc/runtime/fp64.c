/* binary64 (double) arithmetic, comparisons, conversions and math.h functions: the routines
 * of fp_impl.h for 64-bit values.  A double travels as its bits in a register pair. */
#define REP unsigned long long
#define SREP long long
#define BITS 64
#define MANT 52
#define SUFFIX df
#include "fp_impl.h"

REP sqrt(REP a) { return sqrt_bits(a); }
REP fabs(REP a) { return a & ABS; }
REP copysign(REP a, REP b) { return (a & ABS) | (b & SIGN); }
REP floor(REP a) { return integral(a, DOWN); }
REP ceil(REP a) { return integral(a, UP); }
REP trunc(REP a) { return integral(a, TOWARD_ZERO); }
REP round(REP a) { return integral(a, HALF_AWAY); }
REP fmin(REP a, REP b) { return pick(a, b, 0); }
REP fmax(REP a, REP b) { return pick(a, b, 1); }

/* float -> double (exact; the other way is in fp32.c, where binary32's rounding is) */

u64 __extendsfdf2(u32 a)
{
    u64 sign = (u64)(a & 0x80000000u) << 32;
    u32 aa = a & 0x7fffffffu;
    if (aa >= 0x7f800000u) /* infinity, or a NaN made quiet with its payload kept */
        return sign | 0x7ff0000000000000ULL | ((u64)(aa & 0x7fffffu) << 29) |
               (aa > 0x7f800000u ? QUIET : 0);
    if (aa == 0)
        return sign;
    int e = (int)(aa >> 23);
    u32 f = aa & 0x7fffffu;
    if (e == 0) { /* subnormal float: a normal double */
        int shift = __builtin_clz(f) - 8;
        f = (f << shift) & 0x7fffffu;
        e = 1 - shift;
    }
    return sign | ((u64)(e - 127 + 1023) << 52) | ((u64)f << 29);
}
