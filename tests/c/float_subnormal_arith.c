/* Gradual underflow in float: arithmetic producing and consuming subnormals, halving down to
 * the smallest subnormal and then to zero (ties to even), subnormal times a large power of two
 * coming back to normal, and subnormal sums and differences that are exact. */
#include "check.h"
#include <float.h>
static unsigned fb(float f) { union { float f; unsigned u; } v = { f }; return v.u; }
static volatile float vmin = FLT_MIN, vone = 1.0f;
int main(void)
{
    float x = vmin; int steps = 0;
    while (x > 0) { x /= 2; steps++; if (steps < 30 && steps % 3 == 0) OUT(fb(x)); }
    OUT(steps);
    float t = FLT_TRUE_MIN * vone; OUT(fb(t)); OUT(fb(t * 0.5f)); OUT(fb(t * 1.5f)); OUT(fb(t * 2.5f)); OUT(fb(t * 3.5f));
    OUT(fb(t + t)); OUT(fb(vmin - t)); OUT(fb((vmin - t) + t)); OUT(fb(vmin / 3)); OUT(fb(vmin / 3 * 3));
    float s = vmin * 0.75f; OUT(fb(s)); OUT(fb(s * 0x1p30f)); OUT(fb(s / 0x1p20f)); OUT(fb(s * s)); OUT(fb(-s * 0x1p-10f));
    OUT(s < vmin); OUT(s > 0); OUT(s + s > vmin);
    double d = s; OUT(fb((float)(d / 3))); OUT((float)(d * 0x1p-30) == 0.0f);
    return 0;
}
