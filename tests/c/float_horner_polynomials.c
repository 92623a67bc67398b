/* Polynomial evaluation in double and float: Horner's scheme against the naive sum of powers
 * (they round differently), the derivative by synthetic division, a Chebyshev recurrence, and
 * root finding by bisection on a sign change. */
#include "check.h"
static unsigned long long db(double d) { union { double d; unsigned long long u; } v = { d }; return v.u; }
static unsigned fb(float f) { union { float f; unsigned u; } v = { f }; return v.u; }
static const double c[] = { 1.0, -3.5, 0.25, 2.0, -0.125 };
static double horner(double x) { double r = 0; for (int i = 4; i >= 0; i--) r = r * x + c[i]; return r; }
static double naive(double x) { double r = 0, p = 1; for (int i = 0; i < 5; i++) { r += c[i] * p; p *= x; } return r; }
static double dhorner(double x) { double r = 0, d = 0; for (int i = 4; i >= 0; i--) { d = d * x + r; r = r * x + c[i]; } return d; }
static float cheb(int n, float x) { float t0 = 1, t1 = x; if (n == 0) return t0; for (int i = 1; i < n; i++) { float t = 2 * x * t1 - t0; t0 = t1; t1 = t; } return t1; }
int main(void)
{
    double xs[] = { -1.5, 0.1 };
    for (int i = 0; i < 2; i++) { OUT64(db(horner(xs[i]))); OUT64(db(naive(xs[i]))); OUT64(db(dhorner(xs[i]))); }
    for (int n = 0; n < 6; n++) OUT(fb(cheb(n, 0.3f)));
    double lo = 0, hi = 1; int pos = horner(lo) > 0;
    for (int i = 0; i < 5; i++) { double mid = (lo + hi) / 2; if ((horner(mid) > 0) == pos) lo = mid; else hi = mid; }
    OUT64(db(lo)); OUT64(db(hi));
    return 0;
}
