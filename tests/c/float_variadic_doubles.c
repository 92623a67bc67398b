/* Variadic functions taking doubles: floats are promoted to double by the call, va_arg(ap,
 * double) reads them back, mixed with int and long long arguments, a sum and a formatted
 * accumulate over a kind string, and va_copy to read the list twice. */
#include "check.h"
#include <stdarg.h>
static unsigned long long db(double d) { union { double d; unsigned long long u; } v = { d }; return v.u; }
static double dsum(int n, ...)
{
    va_list ap; va_start(ap, n); double s = 0;
    for (int i = 0; i < n; i++) s += va_arg(ap, double);
    va_end(ap); return s;
}
static double kinds(const char *k, ...)
{
    va_list ap; va_start(ap, k); double acc = 0;
    for (; *k; k++)
        switch (*k) {
        case 'd': acc = acc * 2 + va_arg(ap, double); break;
        case 'i': acc = acc * 2 + va_arg(ap, int); break;
        case 'L': acc = acc * 2 + (double)va_arg(ap, long long); break;
        }
    va_end(ap); return acc;
}
static double twice(int n, ...)
{
    va_list ap, cp; va_start(ap, n); va_copy(cp, ap); double a = 0, b = 1;
    for (int i = 0; i < n; i++) a += va_arg(ap, double);
    for (int i = 0; i < n; i++) b *= va_arg(cp, double);
    va_end(cp); va_end(ap); return a - b;
}
static volatile float vf = 0.1f;
int main(void)
{
    float f = vf; char c = -5; short s = 300;
    OUT64(db(dsum(0))); OUT64(db(dsum(1, 2.5))); OUT64(db(dsum(3, f, 0.2, (double)f)));
    OUT64(db(dsum(6, 1e300, -1e300, f, 1.0f / 3, 2.0, -0.5)));
    OUT64(db(kinds("did", 1.5, 7, -0.25))); OUT64(db(kinds("LdiL", -(1LL << 50), f, c, 3LL)));
    OUT64(db(kinds("ididid", s, f, 1, 2.0f, -1, 1e-3)));
    OUT64(db(twice(4, 1.5, f, 2.0, -3.0))); OUT64(db(twice(2, 0.5, 0.5)));
    return 0;
}
