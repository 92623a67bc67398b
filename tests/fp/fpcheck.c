/* The soft-float routines of the DPU runtime library, compiled by the host's gcc, against the
 * host's FPU (x86 SSE, whose NaN rules the library follows).
 *
 *   fpcheck check OP N SEED     compare N operand sets; print "<mismatches> <checked>" and
 *                               the first mismatches, one per line
 *   fpcheck gen OP N SEED       write N records (a, b, expected: three little-endian u64) to
 *                               stdout, for the same comparison on a simulated DPU
 *   fpcheck list                the operation names
 *
 * The runtime's fp32.c and fp64.c are compiled beside this file with their routines renamed
 * (gcc -include rename.h: __addsf3 is t_addsf3, sqrt is t_sqrt ...), so that the host's own
 * libgcc and libm stay out of the way.  Operands mix uniformly
 * random bits with special values (zeros, subnormals, the normal range's ends, infinities,
 * quiet and signalling NaNs), pairs of nearby values (cancellation), and operands made to
 * fall on rounding ties. */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef uint32_t u32;
typedef uint64_t u64;

/* the library's routines under their host names */
#define BIN32(n) u32 n(u32, u32);
#define BIN64(n) u64 n(u64, u64);
BIN32(t_addsf3) BIN32(t_subsf3) BIN32(t_mulsf3) BIN32(t_divsf3)
BIN64(t_adddf3) BIN64(t_subdf3) BIN64(t_muldf3) BIN64(t_divdf3)
u32 t_negsf2(u32); u64 t_negdf2(u64);
#define CMP(n, T) int n##sf2(u32, u32); int n##df2(u64, u64);
CMP(t_eq,) CMP(t_ne,) CMP(t_lt,) CMP(t_le,) CMP(t_gt,) CMP(t_ge,) CMP(t_unord,)
u32 t_floatsisf(int32_t); u32 t_floatunsisf(u32); u32 t_floatdisf(int64_t); u32 t_floatundisf(u64);
u64 t_floatsidf(int32_t); u64 t_floatunsidf(u32); u64 t_floatdidf(int64_t); u64 t_floatundidf(u64);
int32_t t_fixsfsi(u32); u32 t_fixunssfsi(u32); int64_t t_fixsfdi(u32); u64 t_fixunssfdi(u32);
int32_t t_fixdfsi(u64); u32 t_fixunsdfsi(u64); int64_t t_fixdfdi(u64); u64 t_fixunsdfdi(u64);
u64 t_extendsfdf2(u32); u32 t_truncdfsf2(u64);
u32 t_sqrtf(u32); u64 t_sqrt(u64);
u32 t_floorf(u32); u32 t_ceilf(u32); u32 t_truncf(u32); u32 t_roundf(u32);
u64 t_floor(u64); u64 t_ceil(u64); u64 t_trunc(u64); u64 t_round(u64);
u32 t_fminf(u32, u32); u32 t_fmaxf(u32, u32); u64 t_fmin(u64, u64); u64 t_fmax(u64, u64);

static u32 fb(float f) { u32 u; memcpy(&u, &f, 4); return u; }
static float bf(u32 u) { float f; memcpy(&f, &u, 4); return f; }
static u64 db(double d) { u64 u; memcpy(&u, &d, 8); return u; }
static double bd(u64 u) { double d; memcpy(&d, &u, 8); return d; }

/* ---------------------------------------------------------------- the host FPU's answers
 * Arithmetic goes through inline SSE instructions so that the operand order, which decides
 * which NaN comes out, is the C expression's. */
#define SSE2(insn, T, x, y) ({ T r_ = (x); __asm__(insn " %1, %0" : "+x"(r_) : "x"(y)); r_; })
static u32 hw_addf(u32 a, u32 b) { return fb(SSE2("addss", float, bf(a), bf(b))); }
static u32 hw_subf(u32 a, u32 b) { return fb(SSE2("subss", float, bf(a), bf(b))); }
static u32 hw_mulf(u32 a, u32 b) { return fb(SSE2("mulss", float, bf(a), bf(b))); }
static u32 hw_divf(u32 a, u32 b) { return fb(SSE2("divss", float, bf(a), bf(b))); }
static u64 hw_addd(u64 a, u64 b) { return db(SSE2("addsd", double, bd(a), bd(b))); }
static u64 hw_subd(u64 a, u64 b) { return db(SSE2("subsd", double, bd(a), bd(b))); }
static u64 hw_muld(u64 a, u64 b) { return db(SSE2("mulsd", double, bd(a), bd(b))); }
static u64 hw_divd(u64 a, u64 b) { return db(SSE2("divsd", double, bd(a), bd(b))); }
static u32 hw_sqrtf(u32 a) { float r; __asm__("sqrtss %1, %0" : "=x"(r) : "x"(bf(a))); return fb(r); }
static u64 hw_sqrtd(u64 a) { double r; __asm__("sqrtsd %1, %0" : "=x"(r) : "x"(bd(a))); return db(r); }

/* ---------------------------------------------------------------- operands */

static u64 state;
static u64 rnd(void) /* xorshift64* */
{
    state ^= state >> 12;
    state ^= state << 25;
    state ^= state >> 27;
    return state * 2685821657736338717ULL;
}

static const u32 special32[] = {
    0x00000000, 0x80000000, 0x00000001, 0x80000001, 0x007fffff, 0x807fffff, 0x00800000,
    0x80800000, 0x7f7fffff, 0xff7fffff, 0x7f800000, 0xff800000, 0x7fc00000, 0xffc00000,
    0x7f800001, 0xff800001, 0x7fa00000, 0x7fffffff, 0x3f800000, 0xbf800000, 0x3f000000,
    0x4b000000, 0x4b7fffff, 0x4f000000, 0xcf000000, 0x5f000000, 0xdf000000, 0x4f800000,
    0x5f800000, 0x3effffff, 0x3fc00000, 0x40200000, 0x00400000, 0x34000000, 0x33800000,
};
static const u64 special64[] = {
    0x0000000000000000, 0x8000000000000000, 0x0000000000000001, 0x8000000000000001,
    0x000fffffffffffff, 0x800fffffffffffff, 0x0010000000000000, 0x8010000000000000,
    0x7fefffffffffffff, 0xffefffffffffffff, 0x7ff0000000000000, 0xfff0000000000000,
    0x7ff8000000000000, 0xfff8000000000000, 0x7ff0000000000001, 0xfff0000000000001,
    0x7ff4000000000000, 0x7fffffffffffffff, 0x3ff0000000000000, 0xbff0000000000000,
    0x3fe0000000000000, 0x4330000000000000, 0x433fffffffffffff, 0x41e0000000000000,
    0xc1e0000000000000, 0x43e0000000000000, 0xc3e0000000000000, 0x41f0000000000000,
    0x43f0000000000000, 0x3fdfffffffffffff, 0x3ff8000000000000, 0x4004000000000000,
    0x0008000000000000, 0x3cb0000000000000, 0x3ca0000000000000, 0x47efffffe0000000,
    0x47efffffefffffff, 0x36a0000000000000, 0x3690000000000000, 0x36a8000000000000,
};
#define NSPECIAL32 (sizeof special32 / sizeof *special32)
#define NSPECIAL64 (sizeof special64 / sizeof *special64)

/* An operand: random bits, a special value, or one with a small or extreme exponent. */
static u64 operand(int wide)
{
    u64 r = rnd(), kind = r % 16;
    r = rnd();
    if (kind < 2)
        return wide ? special64[r % NSPECIAL64] : special32[r % NSPECIAL32];
    if (kind < 4) { /* subnormal or tiny */
        return wide ? (r & 0x801fffffffffffffULL) : (r & 0x80ffffffu);
    }
    if (kind < 6) { /* near the top of the range */
        return wide ? (r | 0x7fc0000000000000ULL) & ~0x0010000000000000ULL
                    : ((u32)r | 0x7e000000u) & ~0x00800000u;
    }
    if (kind < 10) { /* moderate exponents: products and sums stay in range */
        if (wide)
            return (r & 0x800fffffffffffffULL) | ((u64)(1023 - 40 + (rnd() % 80)) << 52);
        return (r & 0x807fffffu) | ((u64)(127 - 20 + (rnd() % 40)) << 23);
    }
    return wide ? r : (u32)r;
}

/* The second operand: independent, or close to the first (cancellation), or a tie maker. */
static u64 partner(u64 a, int wide)
{
    u64 r = rnd(), kind = r % 8;
    r = rnd();
    u64 sign = wide ? 1ULL << 63 : 1ULL << 31;
    switch (kind) {
    case 0: /* a few ulps away, either sign */
        return (a + (r % 9) - 4) ^ ((r >> 8) & 1 ? sign : 0);
    case 1: { /* a power of two below a: a + b lands on a tie or just past one */
        int mant = wide ? 52 : 23;
        u64 e = (a >> mant) & (wide ? 0x7ff : 0xff);
        u64 d = mant + (r % 4) - 1;
        u64 be = e > d ? e - d : 0;
        u64 frac = (r >> 8) % 3 == 0 ? 0 : (r >> 16) & ((1ULL << (r % 5)) - 1);
        return (a & sign) ^ ((r >> 40) & 1 ? sign : 0) ^ (be << mant) ^ frac;
    }
    case 2: /* a value with few significant bits: exact products and quotients */
        return wide ? (r & 0xfff0000000000000ULL) | ((r & 7) << 49)
                    : (u32)((r & 0xff800000u) | ((r & 7) << 20));
    default:
        return operand(wide);
    }
}

/* ---------------------------------------------------------------- the operations */

enum operands { FP, INTEGER, TO_INTEGER };
struct op {
    const char *name;
    int width_a, width_b; /* operand widths in bits (0: unused) */
    u64 (*soft)(u64, u64);
    u64 (*hard)(u64, u64);
    enum operands kind; /* what the first operand is */
};

#define BINOP(nm, t, hw) \
    static u64 s_##nm(u64 a, u64 b) { return t(a, b); } \
    static u64 h_##nm(u64 a, u64 b) { return hw(a, b); }
BINOP(addf, t_addsf3, hw_addf) BINOP(subf, t_subsf3, hw_subf)
BINOP(mulf, t_mulsf3, hw_mulf) BINOP(divf, t_divsf3, hw_divf)
BINOP(addd, t_adddf3, hw_addd) BINOP(subd, t_subdf3, hw_subd)
BINOP(muld, t_muldf3, hw_muld) BINOP(divd, t_divdf3, hw_divd)

static u64 s_negf(u64 a, u64 b) { (void)b; return t_negsf2(a); }
static u64 h_negf(u64 a, u64 b) { (void)b; return fb(-bf(a)); }
static u64 s_negd(u64 a, u64 b) { (void)b; return t_negdf2(a); }
static u64 h_negd(u64 a, u64 b) { (void)b; return db(-bd(a)); }

/* Comparisons: the six C relations (and "unordered") as 0/1, each from its routine. */
#define REL(nm, sf, df, test, rel) \
    static u64 s_##nm##f(u64 a, u64 b) { return sf(a, b) test; } \
    static u64 h_##nm##f(u64 a, u64 b) { return bf(a) rel bf(b); } \
    static u64 s_##nm##d(u64 a, u64 b) { return df(a, b) test; } \
    static u64 h_##nm##d(u64 a, u64 b) { return bd(a) rel bd(b); }
REL(eq, t_eqsf2, t_eqdf2, == 0, ==) REL(ne, t_nesf2, t_nedf2, != 0, !=)
REL(lt, t_ltsf2, t_ltdf2, < 0, <) REL(le, t_lesf2, t_ledf2, <= 0, <=)
REL(gt, t_gtsf2, t_gtdf2, > 0, >) REL(ge, t_gesf2, t_gedf2, >= 0, >=)
static u64 s_unordf(u64 a, u64 b) { return t_unordsf2(a, b) != 0; }
static u64 h_unordf(u64 a, u64 b) { return isunordered(bf(a), bf(b)); }
static u64 s_unordd(u64 a, u64 b) { return t_unorddf2(a, b) != 0; }
static u64 h_unordd(u64 a, u64 b) { return isunordered(bd(a), bd(b)); }

#define UNARY(nm, soft, hw) \
    static u64 s_##nm(u64 a, u64 b) { (void)b; return soft(a); } \
    static u64 h_##nm(u64 a, u64 b) { (void)b; return hw; }
UNARY(sqrtf, t_sqrtf, hw_sqrtf(a)) UNARY(sqrtd, t_sqrt, hw_sqrtd(a))
/* Rounding to integers: the C library's answer; a NaN comes back quiet (IEEE 754), which the
 * host's libm does not always do for a signalling one. */
static u64 qf(u32 a, float r) { return isnan(bf(a)) ? a | 0x400000u : fb(r); }
static u64 qd(u64 a, double r) { return isnan(bd(a)) ? a | 0x8000000000000ULL : db(r); }
UNARY(floorf, t_floorf, qf(a, floorf(bf(a)))) UNARY(floord, t_floor, qd(a, floor(bd(a))))
UNARY(ceilf, t_ceilf, qf(a, ceilf(bf(a)))) UNARY(ceild, t_ceil, qd(a, ceil(bd(a))))
UNARY(truncf, t_truncf, qf(a, truncf(bf(a)))) UNARY(truncd, t_trunc, qd(a, trunc(bd(a))))
UNARY(roundf, t_roundf, qf(a, roundf(bf(a)))) UNARY(roundd, t_round, qd(a, round(bd(a))))
UNARY(extend, t_extendsfdf2, db((double)bf(a))) UNARY(truncate, t_truncdfsf2, fb((float)bd(a)))

/* fmin/fmax: the C library's answer, with -0 < +0 (which C leaves open) and a NaN pair
 * giving the first operand made quiet. */
static u64 minmax(u64 a, u64 b, int wide, int want_max)
{
    double x = wide ? bd(a) : bf(a), y = wide ? bd(b) : bf(b);
    u64 quiet = wide ? 1ULL << 51 : 1ULL << 22;
    if (isnan(x) && isnan(y))
        return a | quiet;
    if (x == y && !isnan(x)) { /* equal, or zeros of different signs */
        int a_neg = wide ? (int)(a >> 63) : (int)(a >> 31);
        return (a_neg ^ want_max) ? a : b;
    }
    double r = want_max ? fmax(x, y) : fmin(x, y);
    return r == x || (isnan(y)) ? a : b;
}
static u64 s_fminf(u64 a, u64 b) { return t_fminf(a, b); }
static u64 h_fminf(u64 a, u64 b) { return minmax(a, b, 0, 0); }
static u64 s_fmaxf(u64 a, u64 b) { return t_fmaxf(a, b); }
static u64 h_fmaxf(u64 a, u64 b) { return minmax(a, b, 0, 1); }
static u64 s_fmind(u64 a, u64 b) { return t_fmin(a, b); }
static u64 h_fmind(u64 a, u64 b) { return minmax(a, b, 1, 0); }
static u64 s_fmaxd(u64 a, u64 b) { return t_fmax(a, b); }
static u64 h_fmaxd(u64 a, u64 b) { return minmax(a, b, 1, 1); }

/* Integers to floating point: every integer is valid. */
#define FROMINT(nm, soft, T, F, conv) \
    static u64 s_##nm(u64 a, u64 b) { (void)b; return soft((T)a); } \
    static u64 h_##nm(u64 a, u64 b) { (void)b; return conv((F)(T)a); }
FROMINT(sitof, t_floatsisf, int32_t, float, fb) FROMINT(uitof, t_floatunsisf, u32, float, fb)
FROMINT(ditof, t_floatdisf, int64_t, float, fb) FROMINT(uditof, t_floatundisf, u64, float, fb)
FROMINT(sitod, t_floatsidf, int32_t, double, db) FROMINT(uitod, t_floatunsidf, u32, double, db)
FROMINT(ditod, t_floatdidf, int64_t, double, db) FROMINT(uditod, t_floatundidf, u64, double, db)

/* Floating point to integers: C defines the values in range; outside it (and for NaN) the
 * library saturates, which the host's FPU does not (x86 gives the "integer indefinite"), so
 * those expectations are computed here. */
#define TOINT(nm, soft, T, lo, hi, conv) \
    static u64 s_##nm(u64 a, u64 b) { (void)b; return (u64)(T)soft(a); } \
    static u64 h_##nm(u64 a, u64 b) { \
        (void)b; \
        double x = conv(a); \
        if (isnan(x)) return 0; \
        if (x <= (lo)) return (u64)(T)(lo); \
        if (x >= (hi)) return (u64)(T)(hi); \
        return (u64)(T)conv(a); \
    }
/* bounds as doubles: lo is the type's minimum, hi its maximum + 1 where that is not exact */
TOINT(ftosi, t_fixsfsi, int32_t, -2147483648.0, 2147483647.0, bf)
TOINT(ftoui, t_fixunssfsi, u32, 0.0, 4294967295.0, bf)
TOINT(ftodi, t_fixsfdi, int64_t, -9223372036854775808.0, 9223372036854775807.0, bf)
TOINT(ftoudi, t_fixunssfdi, u64, 0.0, 18446744073709551615.0, bf)
TOINT(dtosi, t_fixdfsi, int32_t, -2147483648.0, 2147483647.0, bd)
TOINT(dtoui, t_fixunsdfsi, u32, 0.0, 4294967295.0, bd)
TOINT(dtodi, t_fixdfdi, int64_t, -9223372036854775808.0, 9223372036854775807.0, bd)
TOINT(dtoudi, t_fixunsdfdi, u64, 0.0, 18446744073709551615.0, bd)

#define OP(nm, wa, wb, k) {#nm, wa, wb, s_##nm, h_##nm, k}
static const struct op ops[] = {
    OP(addf, 32, 32, FP), OP(subf, 32, 32, FP), OP(mulf, 32, 32, FP), OP(divf, 32, 32, FP),
    OP(addd, 64, 64, FP), OP(subd, 64, 64, FP), OP(muld, 64, 64, FP), OP(divd, 64, 64, FP),
    OP(negf, 32, 0, FP), OP(negd, 64, 0, FP),
    OP(eqf, 32, 32, FP), OP(nef, 32, 32, FP), OP(ltf, 32, 32, FP), OP(lef, 32, 32, FP),
    OP(gtf, 32, 32, FP), OP(gef, 32, 32, FP), OP(unordf, 32, 32, FP),
    OP(eqd, 64, 64, FP), OP(ned, 64, 64, FP), OP(ltd, 64, 64, FP), OP(led, 64, 64, FP),
    OP(gtd, 64, 64, FP), OP(ged, 64, 64, FP), OP(unordd, 64, 64, FP),
    OP(sqrtf, 32, 0, FP), OP(sqrtd, 64, 0, FP),
    OP(floorf, 32, 0, FP), OP(ceilf, 32, 0, FP), OP(truncf, 32, 0, FP), OP(roundf, 32, 0, FP),
    OP(floord, 64, 0, FP), OP(ceild, 64, 0, FP), OP(truncd, 64, 0, FP), OP(roundd, 64, 0, FP),
    OP(fminf, 32, 32, FP), OP(fmaxf, 32, 32, FP), OP(fmind, 64, 64, FP), OP(fmaxd, 64, 64, FP),
    OP(extend, 32, 0, FP), OP(truncate, 64, 0, FP),
    OP(sitof, 32, 0, INTEGER), OP(uitof, 32, 0, INTEGER), OP(ditof, 64, 0, INTEGER), OP(uditof, 64, 0, INTEGER),
    OP(sitod, 32, 0, INTEGER), OP(uitod, 32, 0, INTEGER), OP(ditod, 64, 0, INTEGER), OP(uditod, 64, 0, INTEGER),
    OP(ftosi, 32, 0, TO_INTEGER), OP(ftoui, 32, 0, TO_INTEGER), OP(ftodi, 32, 0, TO_INTEGER), OP(ftoudi, 32, 0, TO_INTEGER),
    OP(dtosi, 64, 0, TO_INTEGER), OP(dtoui, 64, 0, TO_INTEGER), OP(dtodi, 64, 0, TO_INTEGER), OP(dtoudi, 64, 0, TO_INTEGER),
};
#define NOPS (sizeof ops / sizeof *ops)

/* An integer operand: random bits, small magnitudes, or near a power of two (rounding). */
static u64 int_operand(int bits)
{
    u64 r = rnd(), kind = rnd() % 4;
    if (kind == 1)
        r = (r % 2001) - 1000;
    else if (kind == 2)
        r = (1ULL << (rnd() % bits)) + (r % 5) - 2;
    else if (kind == 3)
        r = r >> (rnd() % bits);
    return bits == 32 ? (u32)r : r;
}

/* Operands for floating point -> integer: mostly in range, some just out of it. */
static u64 conv_operand(const struct op *op)
{
    u64 a = operand(op->width_a == 64);
    if (rnd() % 2 == 0) {
        int wide = op->width_a == 64;
        int bits = strstr(op->name, "di") ? 64 : 32;
        u64 e = rnd() % (bits + 2); /* exponent 0 .. bits + 1 */
        u64 sign = rnd() & 1;
        a = wide ? (sign << 63) | ((1023 + e) << 52) | (rnd() & 0xfffffffffffffULL)
                 : (sign << 31) | ((127 + e) << 23) | (rnd() & 0x7fffff);
    }
    return a;
}

static void make(const struct op *op, u64 *a, u64 *b)
{
    if (op->kind == INTEGER)
        *a = int_operand(op->width_a);
    else if (op->kind == TO_INTEGER)
        *a = conv_operand(op);
    else
        *a = operand(op->width_a == 64);
    *b = op->width_b ? partner(*a, op->width_b == 64) : 0;
}

static const struct op *find(const char *name)
{
    for (size_t i = 0; i < NOPS; i++)
        if (!strcmp(ops[i].name, name))
            return &ops[i];
    fprintf(stderr, "fpcheck: unknown operation '%s'\n", name);
    exit(2);
}

int main(int argc, char **argv)
{
    if (argc == 2 && !strcmp(argv[1], "list")) {
        for (size_t i = 0; i < NOPS; i++)
            printf("%s %d %d\n", ops[i].name, ops[i].width_a, ops[i].width_b);
        return 0;
    }
    if (argc != 5) {
        fprintf(stderr, "usage: fpcheck check|gen OP N SEED | fpcheck list\n");
        return 2;
    }
    const struct op *op = find(argv[2]);
    long n = atol(argv[3]);
    state = strtoull(argv[4], 0, 0) * 0x9E3779B97F4A7C15ULL + 1;
    if (!strcmp(argv[1], "gen")) {
        for (long i = 0; i < n; i++) {
            u64 rec[3];
            make(op, &rec[0], &rec[1]);
            rec[2] = op->hard(rec[0], rec[1]);
            fwrite(rec, sizeof rec, 1, stdout);
        }
        return 0;
    }
    long bad = 0;
    for (long i = 0; i < n; i++) {
        u64 a, b;
        make(op, &a, &b);
        u64 want = op->hard(a, b), got = op->soft(a, b);
        if (got != want && bad++ < 10)
            printf("# %s(%#llx, %#llx): got %#llx, want %#llx\n", op->name,
                   (unsigned long long)a, (unsigned long long)b, (unsigned long long)got,
                   (unsigned long long)want);
    }
    printf("%ld %ld\n", bad, n);
    return 0;
}
