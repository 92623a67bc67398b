/* The conditional operator with floating operands: int and float arms give float, float and
 * double give double (so an int arm is converted and rounded), nested conditionals, and
 * conditionals selecting lvalues through pointers and used as function arguments. */
#include "check.h"
static unsigned fb(float f) { union { float f; unsigned u; } v = { f }; return v.u; }
static unsigned long long db(double d) { union { double d; unsigned long long u; } v = { d }; return v.u; }
#define T(x) _Generic((x), float: 1, double: 2, int: 3, long long: 4, default: 9)
static volatile int yes = 1, no = 0;
static double take(double x) { return x * 2; }
int main(void)
{
    float f = 0.1f; double d = 0.1; int big = 16777217; long long huge = (1LL << 60) + 1;
    OUT(T(yes ? f : 1)); OUT(T(yes ? 1 : d)); OUT(T(yes ? f : d)); OUT(T(no ? huge : f)); OUT(sizeof(yes ? f : 'c'));
    OUT(fb(yes ? big : f)); OUT64(db(yes ? big : d)); OUT64(db(yes ? f : d)); OUT(fb(no ? f : big));
    OUT64(db(yes ? huge : d)); OUT(fb(yes ? huge : f));
    double r = no ? 1 : yes ? f : 2.5; OUT64(db(r));
    float a = 1.5f, b = -2.5f; *(yes ? &a : &b) += 1; *(no ? &a : &b) *= 2; OUT(fb(a)); OUT(fb(b));
    OUT64(db(take(yes ? f : 3))); OUT64(db(take(no ? f : 3)));
    float m = a > b ? a : b; OUT(fb(m)); OUT((yes ? 0.5 : 1) == 0.5f);
    return 0;
}
