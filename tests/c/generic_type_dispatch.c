/* _Generic as a type-generic macro dispatching to functions for int, unsigned, long long,
 * float, double and pointer arguments (like <tgmath.h>), with the selected function then
 * called, and selection by the result type of expressions after promotion. */
#include "check.h"
static unsigned long long db(double d) { union { double d; unsigned long long u; } v = { d }; return v.u; }
static int abs_i(int x) { return x < 0 ? -x : x; }
static unsigned abs_u(unsigned x) { return x; }
static long long abs_ll(long long x) { return x < 0 ? -x : x; }
static float abs_f(float x) { return x < 0 ? -x : x; }
static double abs_d(double x) { return x < 0 ? -x : x; }
#define ABS(x) _Generic((x), int: abs_i, unsigned: abs_u, long long: abs_ll, float: abs_f, double: abs_d)(x)
#define NAME(x) _Generic((x), int: 1, unsigned: 2, long long: 3, float: 4, double: 5, char *: 6, const char *: 7, default: 0)
int main(void)
{
    OUT(ABS(-5)); OUT(ABS(5u)); OUT64(ABS(-(1LL << 40))); OUT((int)ABS(-2.5f)); OUT64(db(ABS(-0.1)));
    char c = -3; short s = -4; unsigned char uc = 200;
    OUT(ABS(c + 0)); OUT(ABS(s * 1)); OUT(ABS(+uc)); OUT(NAME(c)); OUT(NAME(c + 0u)); OUT(NAME(s * 1LL)); OUT(NAME(uc * 1.0f));
    OUT(NAME("lit")); const char *cp = "x"; OUT(NAME(cp)); OUT(NAME(1.0 + 1.0f)); OUT(NAME((void *)0));
    OUT(NAME(ABS(-1))); OUT(NAME(ABS(1.0f))); OUT(NAME(c ? 1 : 2u));
    return 0;
}
