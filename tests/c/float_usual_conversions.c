/* The usual arithmetic conversions with floating operands: int op float is done in float,
 * anything op double in double, long long and unsigned operands are converted (and rounded)
 * first; checked through sizeof, _Generic and the exact results. */
#include "check.h"
static unsigned fb(float f) { union { float f; unsigned u; } v = { f }; return v.u; }
static unsigned long long db(double d) { union { double d; unsigned long long u; } v = { d }; return v.u; }
#define T(x) _Generic((x), float: 1, double: 2, int: 3, unsigned: 4, long long: 5, default: 9)
static volatile int vi = 16777217;
static volatile unsigned vu = 0xffffffffu;
static volatile long long vll = (1LL << 53) + 1;
static volatile char vc = -3;
static volatile float vf = 0.5f;
static volatile double vd = 0.5;
int main(void)
{
    int i = vi; unsigned u = vu; long long ll = vll; char c = vc; float f = vf; double d = vd;
    OUT(T(i + f)); OUT(T(f + d)); OUT(T(c * f)); OUT(T(ll - f)); OUT(T(u / d)); OUT(T(f + f));
    OUT(T(1.0f + 1)); OUT(T(1.0f + 1.0)); OUT(T(c ? f : d)); OUT(T(c ? f : 1)); OUT(T(-f)); OUT(T(+f));
    OUT(sizeof(i + f)); OUT(sizeof(f * 2.0)); OUT(sizeof(ll * f)); OUT(sizeof(c + 1.0f));
    OUT(fb(i + f)); OUT64(db(i + d)); OUT(fb(i * 1.0f)); OUT64(db(i * 1.0));
    OUT(fb(u + f)); OUT64(db(u + d)); OUT(fb(u - 1.0f)); OUT64(db(u - 1.0));
    OUT(fb(ll + f)); OUT64(db(ll + d)); OUT64(db(ll * 1.0)); OUT64(db(ll - 1.0));
    OUT(fb(c + f)); OUT64(db(c / d)); OUT(fb(c / 2.0f)); OUT(c / 2);
    OUT(fb(f + d)); OUT64(db(f + d)); OUT(fb((float)(f + d)));
    /* comparisons convert too */
    OUT(i == 16777216.0f); OUT(i == 16777216.0); OUT(i > (float)i); OUT(u == 4294967296.0f); OUT(u < 4294967296.0);
    OUT(ll == (double)ll); OUT(ll == (long long)(double)ll); OUT(c < f); OUT(-1 < 0u); OUT(-1 < 0.0f);
    /* integer division before the conversion, or after */
    OUT(fb(7 / 2 * f)); OUT(fb(7 / (2 * f))); OUT(fb(7 * f / 2)); OUT64(db(1 / 3 + 1 / 3.0));
    return 0;
}
