/* Conversions between float/double and scaled integers: to Q16.16 fixed point and back,
 * rounding by adding 0.5 before truncation (for positive and negative values), exact round
 * trips of integers through float below 2^24, and the first integers that do not survive. */
#include "check.h"
static unsigned fb(float f) { union { float f; unsigned u; } v = { f }; return v.u; }
static int to_q16(double x) { return (int)(x * 65536.0 + (x < 0 ? -0.5 : 0.5)); }
static double from_q16(int q) { return q / 65536.0; }
static unsigned long long db(double d) { union { double d; unsigned long long u; } v = { d }; return v.u; }
int main(void)
{
    double xs[] = { 1.0, -1.0, 0.1, -0.1, 3.14159, -2.71828, 1.0 / 3, 32767.99998 };
    for (int i = 0; i < 8; i++) { int q = to_q16(xs[i]); OUT(q); OUT64(db(from_q16(q))); }
    int ok = 0; for (int n = 16777200; n <= 16777216; n++) ok += (int)(float)n == n; OUT(ok);
    int first = 0; for (int n = 16777216; n < 16777230; n++) if ((int)(float)n != n) { first = n; break; } OUT(first);
    float step = 0.1f; int k = 0; for (float x = 0; x < 1.0f; x += step) k++; OUT(k);
    double st = 0.1; k = 0; for (double x = 0; x < 1.0; x += st) k++; OUT(k);
    OUT((int)(0.29f * 100)); OUT((int)(0.29 * 100)); OUT((int)(0.29f * 100 + 0.5f)); OUT(fb((float)(int)-2.5f));
    return 0;
}
