/* Kahan compensated summation against naive summation, in float and in double: adding many
 * copies of 0.1, a large value followed by tiny ones, and alternating magnitudes; the
 * compensation term must survive the optimiser (no reassociation allowed). */
#include "check.h"
static unsigned long long db(double d) { union { double d; unsigned long long u; } v = { d }; return v.u; }
static unsigned fb(float f) { union { float f; unsigned u; } v = { f }; return v.u; }
static float kahanf(const float *x, int n) { float s = 0, c = 0; for (int i = 0; i < n; i++) { float y = x[i] - c; float t = s + y; c = (t - s) - y; s = t; } return s; }
static float naivef(const float *x, int n) { float s = 0; for (int i = 0; i < n; i++) s += x[i]; return s; }
static double kahan(const double *x, int n) { double s = 0, c = 0; for (int i = 0; i < n; i++) { double y = x[i] - c; double t = s + y; c = (t - s) - y; s = t; } return s; }
static double naive(const double *x, int n) { double s = 0; for (int i = 0; i < n; i++) s += x[i]; return s; }
int main(void)
{
    float f[12]; double d[8];
    for (int i = 0; i < 12; i++) f[i] = 0.1f;
    OUT(fb(naivef(f, 12))); OUT(fb(kahanf(f, 12)));
    f[0] = 1e8f; for (int i = 1; i < 12; i++) f[i] = 1.0f;
    OUT(fb(naivef(f, 12))); OUT(fb(kahanf(f, 12)));
    for (int i = 0; i < 8; i++) d[i] = 0.1;
    OUT64(db(naive(d, 8))); OUT64(db(kahan(d, 8)));
    for (int i = 0; i < 8; i++) d[i] = (i % 2 ? 1e16 : 1.0) * (i % 4 < 2 ? 1 : -1);
    OUT64(db(naive(d, 8))); OUT64(db(kahan(d, 8)));
    d[0] = 1.0; for (int i = 1; i < 8; i++) d[i] = 1e-16;
    OUT64(db(naive(d, 8))); OUT64(db(kahan(d, 8)));
    return 0;
}
