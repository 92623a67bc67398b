/* floor, ceil, trunc and round (and their float forms): halfway cases (round goes away from
 * zero), negative values, results of -0.0 for small negatives, values too large to have a
 * fraction, and ±inf passed through. */
#include "check.h"
#include <math.h>
static unsigned fb(float f) { union { float f; unsigned u; } v = { f }; return v.u; }
static unsigned long long db(double d) { union { double d; unsigned long long u; } v = { d }; return v.u; }
static volatile double dv[] = { 0.0, -0.0, 0.5, -0.5, 1.5, -1.5, 2.5, -2.5, 0.49999999999999994, -0.3,
                                2.7, -2.7, 1e15 + 0.5, 4503599627370495.5, 9007199254740993.0, -1e300, 123.0 };
static volatile float fv[] = { 0.5f, -0.5f, 1.5f, -2.5f, 0.49999997f, -0.7f, 3.3f, 8388607.5f, 16777215.0f, -1e30f, -0.0f };
int main(void)
{
    for (unsigned i = 0; i < sizeof dv / sizeof dv[0]; i++) {
        double x = dv[i];
        OUT64(db(floor(x))); OUT64(db(ceil(x))); OUT64(db(trunc(x))); OUT64(db(round(x)));
    }
    for (unsigned i = 0; i < sizeof fv / sizeof fv[0]; i++) {
        float x = fv[i];
        OUT(fb(floorf(x))); OUT(fb(ceilf(x))); OUT(fb(truncf(x))); OUT(fb(roundf(x)));
    }
    volatile double inf = __builtin_inf();
    OUT64(db(floor(inf))); OUT64(db(ceil(-inf))); OUT64(db(round(inf))); OUT(fb(truncf(-(float)inf)));
    OUT((int)floor(-7.25) + (int)ceil(-7.25) * 100);
    return 0;
}
