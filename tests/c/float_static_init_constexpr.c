/* Static and global initialisers with floating constant expressions, evaluated at compile time
 * exactly as the run-time arithmetic would: float arithmetic rounded to float, integer to float
 * conversions rounded once, IEEE division by zero, casts to _Bool and to integers, ?:, and
 * comparisons with the usual arithmetic conversions. */
#include "check.h"
static unsigned fb(float f) { union { float f; unsigned u; } v = { f }; return v.u; }
static unsigned long long db(double d) { union { double d; unsigned long long u; } v = { d }; return v.u; }
float gf[] = { 0.1f + 0.2f, 1.0f / 3.0f, 16777217, (float)16777219, 1e20f * 1e20f, 2.0f - 3.5f,
               (float)0x20000020000001LL, 3 / 2 * 1.5f, 1.5f * 3 / 2 };
double gd[] = { 0.1f + 0.2f, 0.1 + 0.2, 1.0 / 0.0, -1.0 / 0.0, 1.0f / 3, (double)(1.0f / 3),
                0x7fffffffffffffffLL, (float)0.1, 2.5e-324, 1e308 * 10, -0.0, 0.0 * -1 };
static const float scale = 3.0f / 8.0f;
static _Bool bools[] = { 0.5, 0.0, -0.0, 1e-300, (_Bool)0.25f };
static int ints[] = { (int)2.99, (int)-2.99, (int)1e9, (short)-32767.5, (unsigned char)255.9f,
                      2.5 > 2, 16777217 == 16777216.0f, 0.1f == 0.1, 1.0 / 3 > 1.0f / 3, (1 ? 3 : 2.5) == 3 };
static long long big = (long long)1e18 + (long long)-4.5e15;
static double tern = 1 ? 16777217 : 0.5f;  /* the common type is float */
struct pt { float x; double y; };
static struct pt pts[2] = { { 1.0f / 10, 1.0 / 10 }, { .y = -2.5e-3f, .x = 7 / 2.0f } };
int main(void)
{
    for (unsigned i = 0; i < sizeof gf / sizeof gf[0]; i++) OUT(fb(gf[i]));
    for (unsigned i = 0; i < sizeof gd / sizeof gd[0]; i++) OUT64(db(gd[i]));
    OUT(fb(scale));
    for (unsigned i = 0; i < sizeof bools; i++) OUT(bools[i]);
    for (unsigned i = 0; i < sizeof ints / sizeof ints[0]; i++) OUT(ints[i]);
    OUT64(big); OUT64(db(tern));
    for (int i = 0; i < 2; i++) { OUT(fb(pts[i].x)); OUT64(db(pts[i].y)); }
    static float local = 1.0f / 7 + 2;
    static double local2 = (double)(float)(1.0 / 7);
    OUT(fb(local)); OUT64(db(local2));
    return 0;
}
