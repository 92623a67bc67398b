/* Newton's iteration in double and float: square roots (checked against sqrt and by squaring),
 * reciprocals by x(2 - ax) from a power-of-two start, and a cube root, all with fixed iteration
 * counts so the rounding of every step matters. */
#include "check.h"
#include <math.h>
static unsigned long long db(double d) { union { double d; unsigned long long u; } v = { d }; return v.u; }
static unsigned fb(float f) { union { float f; unsigned u; } v = { f }; return v.u; }
static double nsqrt(double a) { double x = 1.0; while (x * x < a) x *= 2; for (int i = 0; i < 5; i++) x = 0.5 * (x + a / x); return x; }
static float nsqrtf(float a) { float x = 1.0f; while (x * x < a) x *= 2; for (int i = 0; i < 5; i++) x = 0.5f * (x + a / x); return x; }
static double recip(double a) { double x = 1.0; while (x * a > 1.5) x *= 0.5; for (int i = 0; i < 5; i++) x = x * (2 - a * x); return x; }
static double cbrt_n(double a) { double x = 1.0; while (x * x * x < a) x *= 2; for (int i = 0; i < 6; i++) x = x - (x * x * x - a) / (3 * x * x); return x; }
int main(void)
{
    double as[] = { 2.0, 12345.678 };
    for (int i = 0; i < 2; i++) {
        double r = nsqrt(as[i]); OUT64(db(r)); OUT(r == sqrt(as[i])); OUT64(db(r * r - as[i]));
    }
    float fa[] = { 2.0f, 1000.0f };
    for (int i = 0; i < 2; i++) { float r = nsqrtf(fa[i]); OUT(fb(r)); OUT(r == sqrtf(fa[i])); }
    double rs[] = { 3.0, 0.3 };
    for (int i = 0; i < 1; i++) { double r = recip(rs[i]); OUT64(db(r)); OUT64(db(r * rs[i])); }
    OUT64(db(cbrt_n(2.0)));
    return 0;
}
