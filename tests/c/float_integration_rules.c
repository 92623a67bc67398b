/* Numerical integration in float and double: the trapezoidal rule, Simpson's rule and the
 * midpoint rule on polynomials (Simpson is exact for cubics) with a fixed number of panels. */
#include "check.h"
static unsigned long long db(double d) { union { double d; unsigned long long u; } v = { d }; return v.u; }
static unsigned fb(float f) { union { float f; unsigned u; } v = { f }; return v.u; }
static double cubic(double x) { return ((x - 2) * x + 0.5) * x + 1; }
static float quad(float x) { return x * x - 0.25f * x; }
static double trap(double (*f)(double), double a, double b, int n)
{ double h = (b - a) / n, s = (f(a) + f(b)) / 2; for (int i = 1; i < n; i++) s += f(a + i * h); return s * h; }
static double simpson(double (*f)(double), double a, double b, int n)
{ double h = (b - a) / n, s = f(a) + f(b); for (int i = 1; i < n; i++) s += (i % 2 ? 4 : 2) * f(a + i * h); return s * h / 3; }
static float midf(float (*f)(float), float a, float b, int n)
{ float h = (b - a) / n, s = 0; for (int i = 0; i < n; i++) s += f(a + (i + 0.5f) * h); return s * h; }
int main(void)
{
    OUT64(db(trap(cubic, 0, 2, 4))); double s = simpson(cubic, 0, 2, 4); OUT64(db(s)); OUT64(db(simpson(cubic, -1, 3, 2)));
    OUT(s == 8.0 / 3); OUT64(db(trap(cubic, -1, 1, 3)));
    OUT(fb(midf(quad, 0, 1, 6))); OUT(fb(midf(quad, -2, 2, 8))); OUT(fb(midf(quad, 0.5f, 0.75f, 3)));
    return 0;
}
