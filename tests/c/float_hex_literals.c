/* Hexadecimal floating literals: 0x1.8p3, negative exponents, no fraction digits, uppercase
 * P and X, the f suffix, the smallest subnormals and largest finite values, and literals used
 * in expressions and initialisers. */
#include "check.h"
static unsigned long long db(double d) { union { double d; unsigned long long u; } v = { d }; return v.u; }
static unsigned fb(float f) { union { float f; unsigned u; } v = { f }; return v.u; }
static const double tab[] = { 0x1.8p3, 0x1p-1, 0xAp0, 0X1.FFFFFFFFFFFFFp1023, 0x.8p1, 0x1p-1074, 0x10.4p-4, 0x1.921fb54442d18p1 };
static const float ftab[] = { 0x1.8p3f, 0x1p-149f, 0x1.fffffep127f, 0xFFp-8F, 0x1.0p0f, 0x0.000002p-126f };
int main(void)
{
    for (unsigned i = 0; i < sizeof tab / sizeof tab[0]; i++) OUT64(db(tab[i]));
    for (unsigned i = 0; i < sizeof ftab / sizeof ftab[0]; i++) OUT(fb(ftab[i]));
    OUT((int)0x1.8p3); OUT((int)(0x1p4 + 0x1p-1 * 4)); OUT((int)0x3.p2); OUT(0x1p3 == 8.0); OUT(0x1.8p1f == 3.0f);
    volatile double v = 0x1.5p0; OUT64(db(v * 0x1p10)); OUT64(db(v / 0x1p-10)); OUT64(db(v + 0x1p-52));
    OUT(sizeof(0x1p0)); OUT(sizeof(0x1p0f));
    return 0;
}
