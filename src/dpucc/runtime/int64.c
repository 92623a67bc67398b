/* 64-bit integer support (libgcc names): written with 32-bit operations and constant shifts
 * only, so that nothing here compiles into a call to itself. */

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

/* 32 x 32 -> 64 from four 16 x 16 products, each of which fits 32 bits. */
static u64 mul32x32(u32 x, u32 y)
{
    u32 x0 = x & 0xffff, x1 = x >> 16, y0 = y & 0xffff, y1 = y >> 16;
    u64 mid = (u64)(x0 * y1) + (x1 * y0);
    return (u64)(x0 * y0) + (mid << 16) + ((u64)(x1 * y1) << 32);
}

u64 __muldi3(u64 a, u64 b)
{
    u32 al = (u32)a, ah = (u32)(a >> 32), bl = (u32)b, bh = (u32)(b >> 32);
    return mul32x32(al, bl) + ((u64)(ah * bl + al * bh) << 32);
}

static u64 udivmod(u64 n, u64 d, u64 *rem)
{
    if (d == 0)
        __asm__ volatile("fault 2");
    if ((n >> 32) == 0 && (d >> 32) == 0) {
        u32 n32 = (u32)n, d32 = (u32)d;
        *rem = n32 % d32;
        return n32 / d32;
    }
    u64 q = 0, r = 0;
    for (int i = 0; i < 64; i++) {
        r = (r << 1) | (n >> 63);
        n <<= 1;
        q <<= 1;
        if (r >= d) {
            r -= d;
            q |= 1;
        }
    }
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
