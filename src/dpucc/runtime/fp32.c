/* binary32 (float) arithmetic, comparisons, conversions and math.h functions: the routines
 * of fp_impl.h for 32-bit values.  A float travels as its bits in a 32-bit register. */
#define REP unsigned int
#define SREP int
#define BITS 32
#define MANT 23
#define SUFFIX sf
#include "fp_impl.h"

REP sqrtf(REP a) { return sqrt_bits(a); }
REP fabsf(REP a) { return a & ABS; }
REP copysignf(REP a, REP b) { return (a & ABS) | (b & SIGN); }
REP floorf(REP a) { return integral(a, DOWN); }
REP ceilf(REP a) { return integral(a, UP); }
REP truncf(REP a) { return integral(a, TOWARD_ZERO); }
REP roundf(REP a) { return integral(a, HALF_AWAY); }
REP fminf(REP a, REP b) { return pick(a, b, 0); }
REP fmaxf(REP a, REP b) { return pick(a, b, 1); }

/* double -> float, rounded (float -> double is in fp64.c) */
u32 __truncdfsf2(u64 a)
{
    u32 sign = (u32)(a >> 32) & SIGN;
    u64 aa = a & 0x7fffffffffffffffULL;
    if (aa > 0x7ff0000000000000ULL) /* a NaN, made quiet, with its payload's top bits */
        return sign | INF | QUIET | (u32)((aa & ((1ULL << 52) - 1)) >> 29);
    if (aa == 0x7ff0000000000000ULL)
        return sign | INF;
    int e = (int)(aa >> 52);
    if (e == 0)
        return sign; /* zero, or a subnormal double: far below half the least float */
    u64 m = (aa & ((1ULL << 52) - 1)) | (1ULL << 52);
    /* 24 significand bits and 3 extra: m's top 27 bits, the rest sticky */
    return pack(sign, e - 1023 + BIAS, (u32)(m >> 26) | ((m & ((1ULL << 26) - 1)) != 0));
}
