/* Conversions from char, short, int and unsigned to float and double: exact for small values,
 * rounded to nearest-even once past 2^24 for float, and the sign handling of INT_MIN and of
 * unsigned values with the top bit set. */
#include "check.h"
#include <limits.h>
static unsigned fb(float f) { union { float f; unsigned u; } v = { f }; return v.u; }
static unsigned long long db(double d) { union { double d; unsigned long long u; } v = { d }; return v.u; }
static volatile int iv[] = { 0, 1, -1, 16777216, 16777217, 16777218, 16777219, -16777219, 33554435,
                             INT_MAX, INT_MIN, 2147483520, 2147483584, 123456789 };
static volatile unsigned uv[] = { 0u, 0x80000000u, 0xffffffffu, 0xffffff7fu, 0xffffff80u, 0x80000081u, 4000000001u };
int main(void)
{
    for (unsigned i = 0; i < sizeof iv / sizeof iv[0]; i++) { OUT(fb((float)iv[i])); OUT64(db((double)iv[i])); }
    for (unsigned i = 0; i < sizeof uv / sizeof uv[0]; i++) { OUT(fb((float)uv[i])); OUT64(db(uv[i])); }
    volatile char c = -128; volatile signed char sc = 127; volatile unsigned char uc = 255;
    volatile short s = -32768; volatile unsigned short us = 65535;
    OUT(fb(c)); OUT(fb(sc)); OUT(fb(uc)); OUT(fb(s)); OUT(fb(us));
    OUT64(db(c)); OUT64(db(uc)); OUT64(db(s)); OUT64(db(us));
    float f = uc; f = f / 2; OUT(fb(f));
    return 0;
}
