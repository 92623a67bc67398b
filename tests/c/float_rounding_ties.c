/* Round to nearest, ties to even, in float addition, multiplication and division: sums
 * exactly halfway between two floats, just above and below halfway (sticky bits), the carry of
 * rounding up into the next binade, and the same in double near 2^53. */
#include "check.h"
static unsigned fb(float f) { union { float f; unsigned u; } v = { f }; return v.u; }
static unsigned long long db(double d) { union { double d; unsigned long long u; } v = { d }; return v.u; }
static volatile float one = 1.0f;
static volatile double oned = 1.0;
int main(void)
{
    float h = 0x1p-24f, u = 0x1p-23f;
    OUT(fb(one + h)); OUT(fb(one + u + h)); OUT(fb(one + h + 0x1p-40f)); OUT(fb(one + h - 0x1p-40f));
    OUT(fb((one + u) + h)); OUT(fb(one + 3 * h)); OUT(fb(2 * one - h)); OUT(fb(2 * one - h / 2));
    OUT(fb(0x1.fffffep0f * one + h)); OUT(fb(0x1.fffffep0f * one + u)); OUT(fb(16777216.0f * one + 1)); OUT(fb(16777216.0f * one + 3));
    OUT(fb(16777218.0f * one + 1)); OUT(fb(0x1.000002p0f * 0x1.8p0f * one)); OUT(fb(0x1.000002p0f * 0x1.000002p0f * one));
    OUT(fb(one / 3)); OUT(fb(2 * one / 3)); OUT(fb(one / 10)); OUT(fb(7 * one / 9));
    double dh = 0x1p-53;
    OUT64(db(oned + dh)); OUT64(db(oned + 0x1p-52 + dh)); OUT64(db(oned + dh + 0x1p-100)); OUT64(db(9007199254740992.0 * oned + 1));
    OUT64(db(9007199254740994.0 * oned + 1)); OUT64(db(oned / 3)); OUT64(db(0x1.0000000000001p0 * 0x1.0000000000001p0 * oned));
    return 0;
}
