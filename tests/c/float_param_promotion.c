/* Floats at call boundaries: prototyped float parameters are not promoted (a double argument
 * is rounded to float at the call), unprototyped-style promotion happens only for variadic
 * arguments, a float argument to a double parameter is widened exactly, and int arguments to
 * float parameters are rounded. */
#include "check.h"
#include <stdarg.h>
static unsigned fb(float f) { union { float f; unsigned u; } v = { f }; return v.u; }
static unsigned long long db(double d) { union { double d; unsigned long long u; } v = { d }; return v.u; }
static float idf(float x) { return x; }
static double idd(double x) { return x; }
static double first_vararg(int n, ...) { va_list ap; va_start(ap, n); double d = va_arg(ap, double); va_end(ap); return d; }
static float sum3(float a, float b, float c) { return a + b + c; }
static volatile double vd = 0.1;
int main(void)
{
    OUT(fb(idf(vd))); OUT64(db(idd(idf(vd)))); OUT64(db(idd(vd)));
    OUT(fb(idf(16777217))); OUT(fb(idf(0x7fffffff))); OUT64(db(idd(0x7fffffffffffffffLL)));
    float f = (float)vd; OUT64(db(first_vararg(1, f))); OUT64(db(first_vararg(1, vd))); OUT64(db(first_vararg(1, (double)f * 3)));
    OUT(fb(sum3(vd, vd, vd))); OUT(fb((float)(vd + vd + vd))); OUT(fb(sum3(1, 16777216, 1)));
    OUT(sizeof(idf(1.0))); OUT(sizeof(idd(1.0f)));
    return 0;
}
