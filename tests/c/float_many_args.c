/* Functions with many float and double parameters, interleaved with int, char and long long
 * ones, so that some arguments go on the stack: each parameter is weighted differently so a
 * swapped or misplaced argument shows. */
#include "check.h"
static unsigned long long db(double d) { union { double d; unsigned long long u; } v = { d }; return v.u; }
static unsigned fb(float f) { union { float f; unsigned u; } v = { f }; return v.u; }
static double f10(double a, double b, double c, double d, double e, double f, double g, double h, double i, double j)
{ return a + 2 * b + 4 * c + 8 * d + 16 * e + 32 * f + 64 * g + 128 * h + 256 * i + 512 * j; }
static float g12(float a, float b, float c, float d, float e, float f, float g, float h, float i, float j, float k, float l)
{ return a - b + c * 2 - d * 3 + e * 4 - f + g / 2 + h - i * 8 + j + k * 0.5f - l; }
static double mixed(int a, double b, char c, float d, long long e, double f, short g, float h, int i, double j, float k)
{ return a * 1000000.0 + b * 10000 + c * 100 + d + e * 0.5 + f * 0.25 + g * 8 + h * 0.125 + i - j + k * 3; }
static float last(int a, int b, int c, int d, int e, int f, int g, int h, float x) { return x * (a + b + c + d + e + f + g + h); }
static double pass_on(double a, float b, double c, float d, double e, float f, double g, float h, double i)
{ return f10(i, h, g, f, e, d, c, b, a, a * b); }
static volatile double vd = 0.5;
int main(void)
{
    double x = vd;
    OUT64(db(f10(1, 2, 3, 4, 5, 6, 7, 8, 9, 10))); OUT64(db(f10(x, -x, x * 3, 0.1, 0, -1e10, x, x, 1.0 / 3, 7)));
    OUT(fb(g12(1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12))); OUT(fb(g12(x, 0.1f, x, x, 0.3f, x, x, x, 1e-3f, x, x, -1)));
    OUT64(db(mixed(3, 0.25, 'z', 1.5f, -4000000000LL, x, -7, 8.0f, 99, 1e-5, 2.5f)));
    OUT64(db(mixed(-1, x, -128, -0.0f, 1LL << 40, -x, 32767, 0.1f, -99, x * x, -1.0f)));
    OUT(fb(last(1, 2, 3, 4, 5, 6, 7, 8, 0.5f))); OUT(fb(last(-1, 2, -3, 4, -5, 6, -7, 8, (float)x / 3)));
    OUT64(db(pass_on(1, 2, 3, 4, 5, 6, 7, 8, 9))); OUT64(db(pass_on(x, 0.1f, x, 0.2f, x, 0.3f, x, 0.4f, x)));
    return 0;
}
