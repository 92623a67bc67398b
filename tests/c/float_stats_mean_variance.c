/* Statistics in double and float: mean, two-pass variance, Welford's one-pass variance, the
 * minimum and maximum, and a running mean, on small data sets whose results round differently
 * depending on the order of operations. */
#include "check.h"
static unsigned long long db(double d) { union { double d; unsigned long long u; } v = { d }; return v.u; }
static unsigned fb(float f) { union { float f; unsigned u; } v = { f }; return v.u; }
int main(void)
{
    static const double x[] = { 2.5, 3.25, -1.0, 7.75, 0.1, 4.0, 4.0, 1e3 };
    int n = 8; double s = 0, mn = x[0], mx = x[0];
    for (int i = 0; i < n; i++) { s += x[i]; if (x[i] < mn) mn = x[i]; if (x[i] > mx) mx = x[i]; }
    double mean = s / n, ss = 0;
    for (int i = 0; i < n; i++) ss += (x[i] - mean) * (x[i] - mean);
    OUT64(db(mean)); OUT64(db(ss / n)); OUT64(db(ss / (n - 1))); OUT64(db(mn)); OUT64(db(mx));
    double wm = 0, m2 = 0;
    for (int i = 0; i < n; i++) { double d = x[i] - wm; wm += d / (i + 1); m2 += d * (x[i] - wm); }
    OUT64(db(wm)); OUT64(db(m2 / n));
    static const float y[] = { 0.5f, 0.25f, 1.5f, 3.0f, 2.25f, 0.1f };
    float fs = 0, fq = 0;
    for (int i = 0; i < 6; i++) { fs += y[i]; fq += y[i] * y[i]; }
    float fmean = fs / 6; OUT(fb(fmean)); OUT(fb(fq / 6 - fmean * fmean));
    return 0;
}
