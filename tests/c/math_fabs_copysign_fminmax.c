/* fabs, copysign, fmin and fmax (double and float forms): fabs of -0 and -inf, copysign with a
 * negative zero or NaN-free sign source, fmin/fmax ignoring a NaN operand (returning the other)
 * and NaN only when both are NaN. */
#include "check.h"
#include <math.h>
static unsigned fb(float f) { union { float f; unsigned u; } v = { f }; return v.u; }
static unsigned long long db(double d) { union { double d; unsigned long long u; } v = { d }; return v.u; }
static volatile double z = 0.0;
static volatile float zf = 0.0f;
int main(void)
{
    double nan = z / z, inf = 1.0 / z, nz = -z;
    double v[] = { 1.5, -2.25, nz, z, inf, -inf, 1e-310 * 0 + 3.0, -7.0 };
    for (int i = 0; i < 8; i++) {
        OUT64(db(fabs(v[i]))); OUT64(db(copysign(v[i], -1.0))); OUT64(db(copysign(v[i], nz))); OUT64(db(copysign(v[i], 2.0)));
    }
    for (int i = 0; i < 8; i++)
        for (int j = 0; j < 8; j++)
            if (!(v[i] == 0 && v[j] == 0)) { OUT64(db(fmin(v[i], v[j]))); OUT64(db(fmax(v[i], v[j]))); }
    OUT64(db(fmin(nan, 2.0))); OUT64(db(fmax(-3.0, nan))); OUT(isnan(fmin(nan, nan))); OUT(isnan(fmax(nan, nan)));
    OUT64(db(copysign(5.0, -inf))); OUT(isnan(copysign(nan, -1.0))); OUT(signbit(copysign(nan, -1.0)) != 0);
    OUT(signbit(copysign(nan, 1.0)) != 0); OUT(isnan(fabs(nan))); OUT(signbit(fabs(-nan)) != 0);
    float nf = zf / zf, fi = 1.0f / zf;
    float w[] = { 0.1f, -0.1f, -zf, fi, -fi, 100.0f };
    for (int i = 0; i < 6; i++) {
        OUT(fb(fabsf(w[i]))); OUT(fb(copysignf(w[i], -zf))); OUT(fb(copysignf(3.0f, w[i])));
        OUT(fb(fminf(w[i], nf))); OUT(fb(fmaxf(nf, w[i]))); OUT(fb(fminf(w[i], 0.5f))); OUT(fb(fmaxf(w[i], 0.5f)));
    }
    return 0;
}
