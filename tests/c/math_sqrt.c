/* sqrt and sqrtf from <math.h>: exact squares, correctly rounded irrational roots, ±0, +inf,
 * subnormal arguments, and the NaN of a negative argument (tested with isnan). */
#include "check.h"
#include <math.h>
#include <float.h>
static unsigned fb(float f) { union { float f; unsigned u; } v = { f }; return v.u; }
static unsigned long long db(double d) { union { double d; unsigned long long u; } v = { d }; return v.u; }
static volatile double dv[] = { 0.0, -0.0, 1.0, 2.0, 4.0, 0.25, 1e300, 144.0, 3.0, 0.1, DBL_TRUE_MIN, DBL_MAX,
                                1.0000000000000002, 6.25e-2 };
static volatile float fv[] = { 0.0f, -0.0f, 2.0f, 9.0f, 0.5f, 1e-40f, FLT_TRUE_MIN, FLT_MAX, 3.0f, 10.0f, 1.0000001f, 16777215.0f };
int main(void)
{
    for (unsigned i = 0; i < sizeof dv / sizeof dv[0]; i++) OUT64(db(sqrt(dv[i])));
    volatile double tiny = 0x1p-600; tiny *= 0x1p-422; OUT64(db(tiny)); OUT64(db(sqrt(tiny)));  /* DBL_MIN */
    tiny *= 0x1.8p-20; OUT64(db(sqrt(tiny)));
    for (unsigned i = 0; i < sizeof fv / sizeof fv[0]; i++) OUT(fb(sqrtf(fv[i])));
    volatile double inf = __builtin_inf(), m1 = -1.0; volatile float mf = -4.0f;
    OUT64(db(sqrt(inf))); OUT(isnan(sqrt(m1))); OUT(isnan(sqrtf(mf))); OUT(isnan(sqrt(-inf)));
    double s = sqrt(dv[3]); OUT(s * s == 2.0); OUT64(db(s * s));
    float t = sqrtf(fv[8]); OUT(fb(t * t));
    OUT(sizeof(sqrtf(1.0f))); OUT(sizeof(sqrt(1.0f)));
    OUT64(db(sqrt(2.0))); OUT(fb(sqrtf(2.0f)));
    return 0;
}
