/* Floating state outside the stack: global float and double variables updated by several
 * functions, static local accumulators keeping their value between calls, volatile floats
 * read and written in a loop, and a global array of doubles with a partial initialiser. */
#include "check.h"
static unsigned fb(float f) { union { float f; unsigned u; } v = { f }; return v.u; }
static unsigned long long db(double d) { union { double d; unsigned long long u; } v = { d }; return v.u; }
float gscale = 1.5f;
double gtotal;
double gtab[6] = { 0.5, -0.25 };
volatile float vreg = 2.0f;
static float acc(float x) { static float sum = 0.25f; sum += x * gscale; return sum; }
static double avg(double x) { static double s; static int n; s += x; n++; return s / n; }
static void bump(void) { gtotal += gscale; gscale *= 0.5f; }
int main(void)
{
    for (int i = 0; i < 4; i++) OUT(fb(acc((float)i - 1.5f)));
    OUT64(db(avg(1))); OUT64(db(avg(2))); OUT64(db(avg(0.1)));
    for (int i = 0; i < 5; i++) bump();
    OUT64(db(gtotal)); OUT(fb(gscale));
    for (int i = 2; i < 6; i++) gtab[i] = gtab[i - 1] * gtab[i - 2] + 1;
    for (int i = 0; i < 6; i++) OUT64(db(gtab[i]));
    for (int i = 0; i < 5; i++) vreg = vreg * vreg - 1.5f;
    OUT(fb(vreg));
    return 0;
}
