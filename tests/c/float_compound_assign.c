/* Compound assignment with floating operands: float op= float/double/int, and integer lvalues
 * op= floating values (the operation is done in floating point, then converted back, truncating). */
#include "check.h"
static unsigned fb(float f) { union { float f; unsigned u; } v = { f }; return v.u; }
static unsigned long long db(double d) { union { double d; unsigned long long u; } v = { d }; return v.u; }
static volatile double vd = 2.5;
static volatile float vf = 0.75f;
static volatile int vi = 7;
int main(void)
{
    float f = 1.0f;
    f += vf; OUT(fb(f)); f -= vi; OUT(fb(f)); f *= vd; OUT(fb(f)); f /= 3; OUT(fb(f));
    f += 0.1; OUT(fb(f)); f *= f; OUT(fb(f));
    double d = 10.0;
    d += vf; OUT64(db(d)); d /= vi; OUT64(db(d)); d -= 1e-3f; OUT64(db(d)); d *= -vd; OUT64(db(d));
    int i = 10;
    i += vd; OUT(i); i *= vf; OUT(i); i -= 0.5; OUT(i); i /= vd; OUT(i);
    i = -10; i *= 1.55; OUT(i); i += 0.99; OUT(i);
    unsigned u = 100; u *= 2.5; OUT(u); u /= 0.5f; OUT(u); u -= 0.25; OUT(u);
    char c = 100; c += 20.75; OUT(c); c /= 2.0f; OUT(c); c -= 100.5; OUT(c);
    short s = -300; s *= 1.5; OUT(s); s += vf; OUT(s);
    long long ll = 1LL << 40; ll *= vd; OUT64(ll); ll /= 3.0; OUT64(ll);
    float arr[3] = { 1, 2, 3 }; int k = 0;
    arr[k++] += 0.5f; arr[k++] *= vd; arr[k] -= vi; OUT(k);
    for (int j = 0; j < 3; j++) OUT(fb(arr[j]));
    return 0;
}
