/* Floating literals: an f suffix rounds the literal once, from its exact decimal or hexadecimal
 * value, to float (not through double first), so 1e-3f widened to double keeps float's value;
 * ties that only appear after a first rounding to double; no suffix gives double. */
#include "check.h"
static unsigned fb(float f) { union { float f; unsigned u; } v = { f }; return v.u; }
static unsigned long long db(double d) { union { double d; unsigned long long u; } v = { d }; return v.u; }
static double g1 = 1e-3f, g2 = 0.1f + 0.2f, g3 = 1.00000005960464477539062500000000001f;
static float g4 = 1.00000005960464477539062500000000001f;
static volatile double one = 1.0;
int main(void)
{
    OUT64(db(g1)); OUT64(db(g2)); OUT64(db(g3)); OUT(fb(g4));
    double d = 1e-3f; OUT64(db(d)); OUT(d == 1e-3); OUT(d == (double)(float)1e-3);
    OUT64(db(one - 1e-3f)); OUT64(db(one * 0.1f)); OUT64(db(one + 0.1f));
    OUT(fb(1.00000005960464477539062500000000001f)); OUT(fb(1.000000059604644775390625f));
    OUT(fb(0x1.000001000000000001p0f)); OUT(fb(0x1.000001p0f)); OUT(fb(0x1.0000030p0f));
    OUT64(db(1.00000005960464477539062500000000001f)); OUT64(db(0x1.000001000000000001p0f));
    OUT(fb(3.4028235e38f)); OUT(fb(1e-45f)); OUT(fb(7.1e-46f)); OUT(fb(1.1754942e-38f));
    OUT(fb(16777217.0f)); OUT(fb(16777219.0f)); OUT(fb(0.1f)); OUT(fb(.5f)); OUT(fb(5.f)); OUT(fb(1E+10F));
    OUT64(db(0.1)); OUT64(db(1e-3)); OUT64(db(0x1.8p3)); OUT64(db(1e308)); OUT64(db(4.9e-324));
    OUT(sizeof(1.0f)); OUT(sizeof(1.0)); OUT(sizeof(1e0f + 1));
    return 0;
}
