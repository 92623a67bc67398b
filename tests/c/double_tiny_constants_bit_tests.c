/* Constants LLVM prints as short hex bit patterns (DBL_MIN, 1e-300, DBL_TRUE_MIN), and tests
 * of a float's or double's bits that the optimiser turns into llvm.is.fpclass. */
#include "check.h"
#include <float.h>

static volatile double d = 2.2250738585072014e-308, e = 1e-300, t = DBL_TRUE_MIN;
static volatile float x = 0.0f, y = -0.0f;

static unsigned fbits(float f) { union { float f; unsigned u; } v = { f }; return v.u; }
static unsigned long long dbits(double f) { union { double f; unsigned long long u; } v = { f }; return v.u; }

int main(void)
{
    OUT64(dbits(d));
    OUT64(dbits(e));
    OUT64(dbits(t));
    OUT(d > 0 && e > d && t < d);
    OUT(fbits(x + 1.0f) != 0);
    OUT(fbits(x) != 0);
    OUT(fbits(y) != 0);
    OUT((fbits(y) & 0x7fffffffu) == 0);
    OUT(dbits(d * 0.0) == 0);
    OUT(dbits(-d * 0.0) != 0);
    OUT((dbits(t) & 0x7ff0000000000000ull) == 0);
    return 0;
}
