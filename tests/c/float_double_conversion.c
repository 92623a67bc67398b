/* float <-> double conversions: widening is exact (subnormal floats become normal doubles,
 * inf stays inf); narrowing rounds to nearest even, overflows to inf past FLT_MAX's rounding
 * boundary, and underflows gradually into float subnormals and to signed zero. */
#include "check.h"
static unsigned fb(float f) { union { float f; unsigned u; } v = { f }; return v.u; }
static unsigned long long db(double d) { union { double d; unsigned long long u; } v = { d }; return v.u; }
static volatile double dv[] = {
    0.1, -0.1, 1.0 + 0x1p-24, 1.0 + 0x1p-24 + 0x1p-50, 1.0 + 0x3p-24, 1.0 - 0x1p-25, 3.4028234663852886e38,
    3.4028235677973366e38, 3.4028235677973362e38, 1e39, -1e39, 0x1p-126, 0x1p-127, 0x1p-149,
    0x1p-150, 0x1.0000001p-150, 0x3p-151, -0x1p-160, 1e-300, -0.0, 123456789.0, 0x1.fffffffp-127 };
static volatile float fv[] = { 0.1f, -1.5f, 0x1p-149f, 0x1.fffffcp-127f, 3.4028235e38f, -0.0f, 1e-40f };
int main(void)
{
    for (unsigned i = 0; i < sizeof dv / sizeof dv[0]; i++) {
        float f = (float)dv[i];
        OUT(fb(f)); OUT64(db((double)f));
    }
    for (unsigned i = 0; i < sizeof fv / sizeof fv[0]; i++) {
        double d = fv[i];
        OUT64(db(d)); OUT(fb((float)d)); OUT64(db(d * 0.5)); OUT(fb((float)(d * 3.0)));
    }
    volatile float inf = 1e30f; inf *= 1e30f; double dinf = inf; OUT64(db(dinf)); OUT64(db(-dinf));
    /* a float sum done in double then rounded once differs from float arithmetic */
    volatile float a = 16777216.0f, b = 1.0f, c = 1.0f;
    float s1 = a + b + c; float s2 = (float)((double)a + b + c);
    OUT(fb(s1)); OUT(fb(s2));
    return 0;
}
