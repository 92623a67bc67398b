/* IEEE-754 binary floating point on integer registers: one implementation, instantiated for
 * binary32 (fp32.c) and binary64 (fp64.c).  The DPU has no FPU; the compiler calls these
 * routines by their libgcc names, passing and returning a float or double as its bits (r0 for
 * binary32, d0 for binary64), so here every value is a REP.
 *
 * Rounding is to nearest, ties to even; subnormals, infinities and signed zeros are exact.
 * NaN results follow x86's SSE rules, so that results match the host's FPU bit for bit:
 * the first operand if it is a NaN, else the second, made quiet; an invalid operation
 * (inf - inf, 0 * inf, 0 / 0, inf / inf, sqrt of a negative) gives the default NaN, which
 * has its sign bit set.  Conversions to integers truncate toward zero and saturate: a NaN
 * gives 0, a value below the type's range its minimum, above it its maximum.
 *
 * The including file defines:
 *   REP, SREP    the unsigned / signed integer as wide as the format
 *   BITS, MANT   its width and the number of stored significand bits (32, 23 or 64, 52)
 *   SUFFIX       the mode letters of the routine names (sf or df)
 *
 * Internally a finite value is (sign, e, m): |x| = m / 8 * 2^(e - BIAS - MANT), where m keeps
 * three bits below the last significand bit (guard, round and a sticky bit that records
 * whether anything non-zero was shifted out) for the one rounding at the end (pack).
 */

typedef unsigned int u32;
typedef unsigned long long u64;
typedef long long s64;

#define EXPW (BITS - 1 - MANT)
#define BIAS ((1 << (EXPW - 1)) - 1)
#define EXP_MAX ((1 << EXPW) - 1)
#define SIGN ((REP)1 << (BITS - 1))
#define ABS (SIGN - 1)
#define IMPLICIT ((REP)1 << MANT)
#define FRAC (IMPLICIT - 1)
#define INF ((REP)EXP_MAX << MANT)
#define QUIET (IMPLICIT >> 1)
#define DEFAULT_NAN (SIGN | INF | QUIET)
/* m with its three extra bits: the leading bit of a normalised significand, and the one past */
#define LEAD (IMPLICIT << 3)
#define CARRY (IMPLICIT << 4)

#define CAT_(a, b, c, d) a##b##c##d
#define CAT(a, b, c, d) CAT_(a, b, c, d)
/* RT(add, 3) is __addsf3 or __adddf3; CONV(float, si) is __floatsisf or __floatsidf … */
#define RT(op, n) CAT(__, op, SUFFIX, n)
#define TO(op, from) CAT(__, op, from, SUFFIX)
#define FROM(op, to) CAT(__, op, SUFFIX, to)

static inline int clz_rep(REP x)
{
#if BITS == 32
    return __builtin_clz(x);
#else
    return __builtin_clzll(x);
#endif
}

/* x >> n, with a 1 in bit 0 if any bit shifted out was set; n >= 1. */
static inline REP shr_sticky(REP x, int n)
{
    if (n >= BITS)
        return x != 0;
    return (x >> n) | ((x << (BITS - n)) != 0);
}

/* The bits of sign * m / 8 * 2^(e - BIAS - MANT), rounded to nearest even.  m < CARRY, and
 * m >= LEAD unless the value is below the normal range.  e may be out of range either way. */
static REP pack(REP sign, int e, REP m)
{
    if (e >= EXP_MAX)
        return sign | INF;
    if (e < 1) {
        m = shr_sticky(m, 1 - e);
        e = 1;
    }
    unsigned low = (unsigned)m & 7;
    m >>= 3;
    m += (low > 4) | ((low == 4) & (unsigned)m);
    /* A normalised m brings its implicit bit as one more unit of exponent; a subnormal one
     * (below IMPLICIT with e = 1) packs as is, and a rounding carry moves into the exponent. */
    return sign | ((((REP)(e - 1)) << MANT) + m);
}

/* Normalise a non-zero magnitude: *m gets its leading bit at MANT, the exponent is returned
 * (below 1 for a subnormal input). */
static inline int unpack(REP abs, REP *m)
{
    int e = (int)(abs >> MANT);
    REP f = abs & FRAC;
    if (e) {
        *m = f | IMPLICIT;
        return e;
    }
    int shift = clz_rep(f) - (BITS - 1 - MANT);
    *m = f << shift;
    return 1 - shift;
}

static inline int is_nan(REP abs)
{
    return abs > INF;
}

/* The result of an operation with a NaN operand (x86 SSE): the first NaN, made quiet. */
static REP nan2(REP a, REP b)
{
    return is_nan(a & ABS) ? a | QUIET : b | QUIET;
}

REP RT(add, 3)(REP a, REP b)
{
    REP aa = a & ABS, ab = b & ABS;
    if (is_nan(aa) || is_nan(ab))
        return nan2(a, b);
    if (aa == INF)
        return ab == INF && ((a ^ b) & SIGN) ? DEFAULT_NAN : a;
    if (ab == INF)
        return b;
    if (ab == 0)
        return aa == 0 ? a & b : a; /* -0 + -0 is -0, +0 + -0 is +0 */
    if (aa == 0)
        return b;
    if (ab > aa) { /* a has the larger magnitude, and gives the sign */
        REP t = a;
        a = b;
        b = t;
        t = aa;
        aa = ab;
        ab = t;
    }
    int ea = (int)(aa >> MANT), eb = (int)(ab >> MANT);
    REP ma = (aa & FRAC) | (ea ? IMPLICIT : 0), mb = (ab & FRAC) | (eb ? IMPLICIT : 0);
    ea += !ea; /* a subnormal is m * 2^(1 - BIAS - MANT) */
    eb += !eb;
    ma <<= 3;
    mb <<= 3;
    if (ea != eb)
        mb = shr_sticky(mb, ea - eb);
    if ((a ^ b) & SIGN) {
        ma -= mb;
        if (ma == 0)
            return 0; /* an exact zero difference is +0 */
        int shift = clz_rep(ma) - clz_rep(LEAD);
        if (shift > ea - 1)
            shift = ea - 1; /* a subnormal result */
        if (shift > 0) {
            ma <<= shift;
            ea -= shift;
        }
    } else {
        ma += mb;
        if (ma & CARRY) {
            ma = shr_sticky(ma, 1);
            ea++;
        }
    }
    return pack(a & SIGN, ea, ma);
}

REP RT(sub, 3)(REP a, REP b)
{
    /* a - b is a + (-b), except that a NaN b keeps its own sign in the result. */
    if (is_nan(b & ABS) && !is_nan(a & ABS))
        return b | QUIET;
    return RT(add, 3)(a, b ^ SIGN);
}

REP RT(neg, 2)(REP a)
{
    return a ^ SIGN;
}

#include "mul.h"

#if BITS == 32
/* The product of two significands (each below 2^(MANT + 1)), shifted to keep LEAD or CARRY
 * as its leading bit, with sticky. */
static inline REP mul_significands(REP ma, REP mb)
{
    u64 p = mul32(ma, mb);
    return (REP)(p >> (MANT - 3)) | (((u32)p & ((1u << (MANT - 3)) - 1)) != 0);
}
#else
static inline REP mul_significands(REP ma, REP mb)
{
    u32 a0 = (u32)ma, a1 = (u32)(ma >> 32), b0 = (u32)mb, b1 = (u32)(mb >> 32);
    u64 lo = mul32(a0, b0), hi = mul32(a1, b1);
    /* (hi:lo) = the 128-bit product; each middle term is below 2^53, so their sum fits */
    u64 mid = mul32(a0, b1) + mul32(a1, b0);
    u64 lo2 = lo + (mid << 32);
    hi += (mid >> 32) + (lo2 < lo);
    /* keep bits from MANT - 3 = 49 up: hi << 15 | lo2 >> 49 */
    return (hi << (64 - (MANT - 3))) | (lo2 >> (MANT - 3)) |
           ((lo2 & ((1ULL << (MANT - 3)) - 1)) != 0);
}
#endif

REP RT(mul, 3)(REP a, REP b)
{
    REP aa = a & ABS, ab = b & ABS, sign = (a ^ b) & SIGN;
    if (is_nan(aa) || is_nan(ab))
        return nan2(a, b);
    if (aa == INF)
        return ab == 0 ? DEFAULT_NAN : sign | INF;
    if (ab == INF)
        return aa == 0 ? DEFAULT_NAN : sign | INF;
    if (aa == 0 || ab == 0)
        return sign;
    REP ma, mb;
    int e = unpack(aa, &ma) + unpack(ab, &mb) - BIAS;
    REP m = mul_significands(ma, mb);
    if (m & CARRY) {
        m = shr_sticky(m, 1);
        e++;
    }
    return pack(sign, e, m);
}

/* The n-bit quotient of ma / mb, given ma < 2 mb, with a sticky last bit for a non-zero
 * remainder.  The DPU's double version is a loop of ten instructions in assembly, a 64-bit
 * subtraction branching on its borrow: half what the C loop compiles to. */
static inline REP divide_bits(REP ma, REP mb, int n)
{
    REP q = 0;
#if BITS == 64 && defined(__DPU__)
    REP t;
    __asm__("1:\n"
            "add %L[q], %L[q], %L[q]\n"
            "addc %H[q], %H[q], %H[q]\n"
            "sub %L[t], %L[r], %L[d]\n"
            "subc %H[t], %H[r], %H[d], nc, 2f\n"
            "move %L[r], %L[t]\n"
            "move %H[r], %H[t]\n"
            "or %L[q], %L[q], 1\n"
            "2:\n"
            "add %L[r], %L[r], %L[r]\n"
            "addc %H[r], %H[r], %H[r]\n"
            "add %[n], %[n], -1, nz, 1b"
            : [q] "+r"(q), [r] "+r"(ma), [n] "+r"(n), [t] "=&r"(t)
            : [d] "r"(mb));
#else
    for (int i = 0; i < n; i++) {
        q <<= 1;
        if (ma >= mb) {
            ma -= mb;
            q |= 1;
        }
        ma <<= 1;
    }
#endif
    return q | (ma != 0);
}

REP RT(div, 3)(REP a, REP b)
{
    REP aa = a & ABS, ab = b & ABS, sign = (a ^ b) & SIGN;
    if (is_nan(aa) || is_nan(ab))
        return nan2(a, b);
    if (aa == INF)
        return ab == INF ? DEFAULT_NAN : sign | INF;
    if (ab == INF)
        return sign;
    if (ab == 0)
        return aa == 0 ? DEFAULT_NAN : sign | INF;
    if (aa == 0)
        return sign;
    REP ma, mb;
    int e = unpack(aa, &ma) - unpack(ab, &mb) + BIAS;
    if (ma < mb) {
        ma <<= 1;
        e--;
    }
    /* Long division: MANT + 4 quotient bits, from LEAD down to the round bit; the remainder
     * stays below 2 * mb, so it fits. */
    REP q = divide_bits(ma, mb, MANT + 4);
    return pack(sign, e, q);
}

/* ------------------------------------------------------------------------- comparisons
 * libgcc's contract: __eq/__ne return 0 when equal; __lt/__le return < 0 / <= 0 when a < b /
 * a <= b; __gt/__ge return > 0 / >= 0 when a > b / a >= b; each returns the value that makes its
 * own test false when an operand is a NaN.  __unord returns non-zero for a NaN operand. */

static int compare(REP a, REP b, int unordered)
{
    REP aa = a & ABS, ab = b & ABS;
    if (is_nan(aa) || is_nan(ab))
        return unordered;
    if ((aa | ab) == 0)
        return 0; /* +0 == -0 */
    SREP sa = (SREP)a, sb = (SREP)b;
    if ((sa & sb) >= 0) /* one of them is positive: as signed integers they are in order */
        return sa < sb ? -1 : sa != sb;
    return sa > sb ? -1 : sa != sb; /* both negative: the order of the bits is reversed */
}

int RT(eq, 2)(REP a, REP b) { return compare(a, b, 1); }
int RT(ne, 2)(REP a, REP b) { return compare(a, b, 1); }
int RT(lt, 2)(REP a, REP b) { return compare(a, b, 1); }
int RT(le, 2)(REP a, REP b) { return compare(a, b, 1); }
int RT(gt, 2)(REP a, REP b) { return compare(a, b, -1); }
int RT(ge, 2)(REP a, REP b) { return compare(a, b, -1); }
int RT(unord, 2)(REP a, REP b) { return is_nan(a & ABS) || is_nan(b & ABS); }

/* ------------------------------------------------------------------------- integers */

static REP from_u64(u64 u, REP sign)
{
    if (u == 0)
        return 0;
    int n = 64 - __builtin_clzll(u); /* bit length */
    REP m;
    if (n <= MANT + 4)
        m = (REP)u << (MANT + 4 - n);
    else {
        int s = n - (MANT + 4);
        m = (REP)((u >> s) | ((u << (64 - s)) != 0));
    }
    return pack(sign, BIAS + n - 1, m);
}

REP TO(float, si)(int i) { return from_u64(i < 0 ? -(u64)(s64)i : (u64)i, i < 0 ? SIGN : 0); }
REP TO(floatun, si)(u32 i) { return from_u64(i, 0); }
REP TO(float, di)(s64 i) { return from_u64(i < 0 ? -(u64)i : (u64)i, i < 0 ? SIGN : 0); }
REP TO(floatun, di)(u64 i) { return from_u64(i, 0); }

/* |a| truncated to an integer, saturated at limit (and NaN or anything >= limit + 1 gives
 * limit). */
static u64 to_u64(REP aa, u64 limit)
{
    if (is_nan(aa))
        return limit;
    int e = (int)(aa >> MANT) - BIAS; /* |a| = 1.f * 2^e */
    if (e < 0)
        return 0;
    if (e >= 64)
        return limit;
    u64 m = (u64)((aa & FRAC) | IMPLICIT);
    u64 v;
    if (e >= MANT)
        v = m << (e - MANT); /* the bit length is e + 1 <= 64 */
    else
        v = m >> (MANT - e);
    return v > limit ? limit : v;
}

static s64 to_s64(REP a, u64 max)
{
    if (is_nan(a & ABS))
        return 0;
    if (a & SIGN)
        return -(s64)to_u64(a & ABS, max + 1);
    return (s64)to_u64(a, max);
}

int FROM(fix, si)(REP a) { return (int)to_s64(a, 0x7fffffff); }
s64 FROM(fix, di)(REP a) { return to_s64(a, 0x7fffffffffffffffULL); }
u32 FROM(fixuns, si)(REP a) { return (a & SIGN) || is_nan(a & ABS) ? 0 : (u32)to_u64(a, 0xffffffffu); }
u64 FROM(fixuns, di)(REP a) { return (a & SIGN) || is_nan(a & ABS) ? 0 : to_u64(a, ~0ULL); }

/* ------------------------------------------------------------------------- math.h */

/* n steps of the digit-by-digit square root on words: two bits of feed (from its top) into
 * the remainder, one bit out into the root. */
static inline void sqrt_steps(u32 *qp, u32 *rp, u32 feed, int n)
{
    u32 q = *qp, r = *rp;
    for (int i = 0; i < n; i++) {
        r = (r << 2) | (feed >> 30);
        feed <<= 2;
        u32 t = (q << 2) | 1;
        q <<= 1;
        if (r >= t) {
            r -= t;
            q |= 1;
        }
    }
    *qp = q;
    *rp = r;
}

/* Correctly rounded square root, one result bit per step (two bits of the operand in). */
static REP sqrt_bits(REP a)
{
    REP aa = a & ABS;
    if (is_nan(aa))
        return a | QUIET;
    if (aa == 0)
        return a; /* sqrt(-0) is -0 */
    if (a & SIGN)
        return DEFAULT_NAN;
    if (aa == INF)
        return a;
    REP m;
    int e = unpack(aa, &m) - BIAS; /* a = m * 2^(e - MANT) */
    if (e & 1) {
        m <<= 1;
        e--;
    }
    /* q = floor(sqrt(m * 2^(MANT + 6))): MANT + 4 bits, LEAD first, two bits of m in for
     * each; r stays below 2q + 1.  While q has at most 28 bits, r fits 32 bits: the first 28
     * steps (which take in all of m) run on words, the rest of a double's on pairs. */
    REP feed = m << (BITS - MANT - 2);
    u32 q32 = 0, r32 = 0;
#if BITS == 32
    sqrt_steps(&q32, &r32, feed, MANT + 4);
    REP q = q32, r = r32;
#else
    sqrt_steps(&q32, &r32, (u32)(feed >> 32), 16);
    sqrt_steps(&q32, &r32, (u32)feed, 12);
    REP q = q32, r = r32;
    for (int i = 0; i < MANT + 4 - 28; i++) {
        r <<= 2;
        REP t = (q << 2) | 1;
        q <<= 1;
        if (r >= t) {
            r -= t;
            q |= 1;
        }
    }
#endif
    return pack(0, e / 2 + BIAS, q | (r != 0));
}

#define ONE ((REP)BIAS << MANT)

/* Rounding to an integral value: the fraction bits of a finite a with 0 <= exponent < MANT
 * are cleared, after adding `up` to its magnitude (a carry moves into the exponent). */
enum { TOWARD_ZERO, DOWN, UP, HALF_AWAY };

static REP integral(REP a, int mode)
{
    REP aa = a & ABS, sign = a & SIGN;
    int e = (int)(aa >> MANT) - BIAS;
    if (e >= MANT)
        return is_nan(aa) ? a | QUIET : a; /* already integral, or infinite */
    if (e < 0) {
        if (aa == 0)
            return a;
        int away = mode == HALF_AWAY ? e == -1 : mode == (sign ? DOWN : UP);
        return sign | (away ? ONE : 0);
    }
    REP mask = FRAC >> e;
    if ((aa & mask) == 0)
        return a;
    if (mode == HALF_AWAY)
        aa += (mask >> 1) + 1;
    else if (mode == (sign ? DOWN : UP))
        aa += mask;
    return sign | (aa & ~mask);
}

/* fmin/fmax: a NaN operand is ignored (both NaN: the first, made quiet); -0 < +0. */
static REP pick(REP a, REP b, int want_max)
{
    if (is_nan(a & ABS))
        return is_nan(b & ABS) ? a | QUIET : b;
    if (is_nan(b & ABS))
        return a;
    int a_less = (a & b & SIGN) ? (SREP)a > (SREP)b : (SREP)a < (SREP)b;
    return a_less == want_max ? b : a;
}
