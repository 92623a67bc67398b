/* Signed zeros and infinities: -0.0 == 0.0 yet has the sign bit, x + -0 keeps x, 0 - 0 and
 * -0 + 0 give +0, -0 - 0 gives -0, products and quotients take the xor of the signs,
 * 1/±0 gives ±inf, inf arithmetic, and inf - inf or 0 * inf give NaN. */
#include "check.h"
#include <math.h>
static unsigned fb(float f) { union { float f; unsigned u; } v = { f }; return v.u; }
static unsigned long long db(double d) { union { double d; unsigned long long u; } v = { d }; return v.u; }
static volatile double z = 0.0, one = 1.0;
static volatile float zf = 0.0f, onef = 1.0f;
int main(void)
{
    double nz = -z, pinf = one / z, ninf = one / nz;
    OUT64(db(nz)); OUT(nz == z); OUT(nz < z); OUT64(db(pinf)); OUT64(db(ninf)); OUT(ninf < -1e308);
    OUT64(db(z + nz)); OUT64(db(nz + z)); OUT64(db(nz + nz)); OUT64(db(z - z)); OUT64(db(nz - z)); OUT64(db(nz - nz));
    OUT64(db(nz * one)); OUT64(db(nz * -one)); OUT64(db(z * -one)); OUT64(db(nz / one)); OUT64(db(z / -one));
    OUT64(db(-z)); OUT64(db(0.0 - z)); OUT64(db(-(z - z)));
    OUT64(db(pinf + pinf)); OUT64(db(pinf * ninf)); OUT64(db(one / pinf)); OUT64(db(one / ninf));
    OUT64(db(pinf - 1e308)); OUT64(db(ninf * -2.0)); OUT64(db(pinf / 1e-300));
    OUT(isnan(pinf - pinf)); OUT(isnan(z * pinf)); OUT(isnan(pinf / ninf)); OUT(isnan(z / z));
    OUT(pinf == pinf); OUT(pinf > 1.7e308); OUT(ninf < pinf); OUT(pinf != ninf);
    float fnz = -zf, finf = onef / zf;
    OUT(fb(fnz)); OUT(fb(finf)); OUT(fb(onef / fnz)); OUT(fb(fnz * fnz)); OUT(fb(fnz + zf)); OUT(fb(fnz - zf));
    OUT(isnan(finf + -finf)); OUT(fb(1e38f * 10.0f)); OUT(fb(-1e38f * 10.0f * onef));
    OUT(signbit(fnz) != 0); OUT(signbit(nz) != 0); OUT(signbit(z) != 0); OUT(signbit(ninf) != 0);
    double r = 1e308; r = r * 10.0 / 10.0; OUT64(db(r));
    return 0;
}
