/* 64-bit integer support (libgcc names): written with 32-bit operations and constant shifts
 * only, so that nothing here compiles into a call to itself. */

#include "mul.h"

typedef unsigned int u32;
typedef unsigned long long u64;
typedef long long s64;

static u64 make(u32 hi, u32 lo) { return ((u64)hi << 32) | lo; }

u64 __ashldi3(u64 a, int b)
{
    u32 lo = (u32)a, hi = (u32)(a >> 32);
    b &= 63;
    if (b == 0)
        return a;
    if (b >= 32)
        return make(lo << (b - 32), 0);
    return make((hi << b) | (lo >> (32 - b)), lo << b);
}

u64 __lshrdi3(u64 a, int b)
{
    u32 lo = (u32)a, hi = (u32)(a >> 32);
    b &= 63;
    if (b == 0)
        return a;
    if (b >= 32)
        return make(0, hi >> (b - 32));
    return make(hi >> b, (lo >> b) | (hi << (32 - b)));
}

s64 __ashrdi3(s64 a, int b)
{
    u32 lo = (u32)a;
    int hi = (int)(a >> 32);
    b &= 63;
    if (b == 0)
        return a;
    if (b >= 32)
        return (s64)make((u32)(hi >> 31), (u32)(hi >> (b - 32)));
    return (s64)make((u32)(hi >> b), (lo >> b) | ((u32)hi << (32 - b)));
}

u64 __muldi3(u64 a, u64 b)
{
    u32 al = (u32)a, ah = (u32)(a >> 32), bl = (u32)b, bh = (u32)(b >> 32);
    return mul32(al, bl) + ((u64)(mul32_low(ah, bl) + mul32_low(al, bh)) << 32);
}

/* (n / d) << 32 | n % d, from div_step (intmath.s); d != 0. */
extern u64 __udivmodsi4(u32 n, u32 d);

/* Shift `bits` bits of n (left-aligned) into the remainder r, one quotient bit out for each
 * into n's low end: ten instructions a bit (a 64-bit subtraction branching on its borrow).
 * Needs r < d < 2^63, so that the doubled remainder never overflows. */
static inline u64 divide_bits(u64 n, u64 d, u64 *r, int bits)
{
    u64 rem = *r, t;
    __asm__("1:\n"
            "add %L[n], %L[n], %L[n]\n"
            "addc %H[n], %H[n], %H[n]\n"
            "addc %L[r], %L[r], %L[r]\n"
            "addc %H[r], %H[r], %H[r]\n"
            "sub %L[t], %L[r], %L[d]\n"
            "subc %H[t], %H[r], %H[d], nc, 2f\n"
            "move %L[r], %L[t]\n"
            "move %H[r], %H[t]\n"
            "or %L[n], %L[n], 1\n"
            "2:\n"
            "add %[k], %[k], -1, nz, 1b"
            : [n] "+r"(n), [r] "+r"(rem), [k] "+r"(bits), [t] "=&r"(t)
            : [d] "r"(d));
    *r = rem;
    return n;
}

static u64 udivmod(u64 n, u64 d, u64 *rem)
{
    if (d == 0)
        __asm__ volatile("fault 2");
    u32 nh = (u32)(n >> 32), nl = (u32)n, dh = (u32)(d >> 32), dl = (u32)d;
    if (dh == 0 && nh == 0) {
        u64 qr = __udivmodsi4(nl, dl);
        *rem = (u32)qr;
        return qr >> 32;
    }
    if (n < d) {
        *rem = n;
        return 0;
    }
    if (d >> 63) { /* n >= d >= 2^63: the quotient is 1 */
        *rem = n - d;
        return 1;
    }
    if (dh == 0 && dl < 0x10000) { /* 16-bit digits: every partial dividend fits a word */
        u64 qr = __udivmodsi4(nh, dl);
        u32 q3 = (u32)(qr >> 32), r = (u32)qr;
        qr = __udivmodsi4((r << 16) | (nl >> 16), dl);
        u32 q1 = (u32)(qr >> 32);
        r = (u32)qr;
        qr = __udivmodsi4((r << 16) | (nl & 0xffff), dl);
        *rem = (u32)qr;
        return ((u64)q3 << 32) | (q1 << 16) | (u32)(qr >> 32);
    }
    u64 r = 0;
    if (dh == 0) { /* the high word first, by div_step; then its remainder and the low word */
        u64 qr = __udivmodsi4(nh, dl);
        r = (u32)qr;
        u64 low = divide_bits((u64)nl << 32, d, &r, 32);
        *rem = r;
        return ((qr >> 32) << 32) | (u32)low;
    }
    int skip = __builtin_clzll(n);
    u64 q = divide_bits(n << skip, d, &r, 64 - skip);
    *rem = r;
    return q;
}

u64 __udivdi3(u64 n, u64 d) { u64 r; return udivmod(n, d, &r); }
u64 __umoddi3(u64 n, u64 d) { u64 r; udivmod(n, d, &r); return r; }

s64 __divdi3(s64 n, s64 d)
{
    u64 r;
    int negative = (n < 0) != (d < 0);
    u64 q = udivmod(n < 0 ? -(u64)n : (u64)n, d < 0 ? -(u64)d : (u64)d, &r);
    return negative ? -(s64)q : (s64)q;
}

s64 __moddi3(s64 n, s64 d)
{
    u64 r;
    udivmod(n < 0 ? -(u64)n : (u64)n, d < 0 ? -(u64)d : (u64)d, &r);
    return n < 0 ? -(s64)r : (s64)r;
}
