/* Functions returning float and double: results used directly in expressions, returned
 * through several call levels, converted at the return statement (int expression returned as
 * double, double returned as float), from recursion, and ignored. */
#include "check.h"
static unsigned long long db(double d) { union { double d; unsigned long long u; } v = { d }; return v.u; }
static unsigned fb(float f) { union { float f; unsigned u; } v = { f }; return v.u; }
static double half(double x) { return x / 2; }
static float narrow(double x) { return x; }
static double widen(float x) { return x; }
static double from_int(int n) { return n * 3; }
static float from_ll(long long n) { return n; }
static double power(double x, int n) { return n == 0 ? 1.0 : n % 2 ? x * power(x, n - 1) : power(x * x, n / 2); }
static double harmonic(int n) { return n == 0 ? 0.0 : 1.0 / n + harmonic(n - 1); }
static float sign_of(float x) { if (x > 0) return 1; if (x < 0) return -1; return x; }
static int counter;
static double side(double x) { counter++; return x; }
static volatile double vd = 0.1;
int main(void)
{
    OUT64(db(half(half(vd)))); OUT(fb(narrow(vd))); OUT64(db(widen(narrow(vd)))); OUT64(db(from_int(-7)));
    OUT(fb(from_ll(0x7fffffffffffffffLL))); OUT(fb(from_ll(123456789)));
    OUT64(db(power(1.5, 10))); OUT64(db(power(vd, 5))); OUT64(db(power(-2.0, 31)));
    OUT64(db(harmonic(6))); OUT64(db(half(vd) + half(1.0) * from_int(2)));
    OUT(fb(sign_of(-3.0f))); OUT(fb(sign_of(2.0f))); OUT(fb(sign_of(-0.0f))); OUT(fb(sign_of(0.0f)));
    side(1.0); (void)side(2.0); OUT(counter); OUT(side(3.5) > side(3.25)); OUT(counter);
    OUT((int)(narrow(2.75) * widen(4.0f)));
    return 0;
}
