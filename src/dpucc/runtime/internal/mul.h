/* Products on the DPU, which multiplies bytes (mul_ul_ul … one instruction each): a 16 x 16
 * product is four of them, which beats __mulsi3's loop of mul_step; wider products are made
 * of 16 x 16 ones.  Shared by the soft-float routines and the 64-bit integer helpers (and
 * compiled by the host's gcc too, which multiplies directly). */
#ifndef DPU_RUNTIME_MUL_H
#define DPU_RUNTIME_MUL_H

/* a * b for a, b < 2^16 */
static inline unsigned int mul16(unsigned int a, unsigned int b)
{
#ifdef __DPU__
    unsigned int ll, lh, hl, hh;
    __builtin_mul_ul_ul_rrr(ll, a, b);
    __builtin_mul_ul_uh_rrr(lh, a, b);
    __builtin_mul_uh_ul_rrr(hl, a, b);
    __builtin_mul_uh_uh_rrr(hh, a, b);
    return ll + ((lh + hl) << 8) + (hh << 16);
#else
    return a * b;
#endif
}

/* the 64-bit product of two words */
static inline unsigned long long mul32(unsigned int x, unsigned int y)
{
    unsigned int xl = x & 0xffff, xh = x >> 16, yl = y & 0xffff, yh = y >> 16;
    unsigned long long r = ((unsigned long long)mul16(xh, yh) << 32) | mul16(xl, yl);
    r += (unsigned long long)mul16(xl, yh) << 16;
    return r + ((unsigned long long)mul16(xh, yl) << 16);
}

/* the low word of the product of two words */
static inline unsigned int mul32_low(unsigned int x, unsigned int y)
{
    unsigned int xl = x & 0xffff, xh = x >> 16, yl = y & 0xffff, yh = y >> 16;
    return mul16(xl, yl) + ((mul16(xl, yh) + mul16(xh, yl)) << 16);
}

#endif
