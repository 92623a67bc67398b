/* The classification macros isnan, isinf, isfinite, isnormal, signbit and fpclassify on float
 * and double values of every class: zeros, subnormals, normals at both ends, infinities and
 * NaNs of both signs.  Tiny doubles are made at run time. */
#include "check.h"
#include <math.h>
#include <float.h>
static volatile float zf = 0.0f;
static volatile double zd = 0.0, tiny = 0x1p-600;
static int klass(int c) { return c == FP_NAN ? 1 : c == FP_INFINITE ? 2 : c == FP_ZERO ? 3 : c == FP_SUBNORMAL ? 4 : c == FP_NORMAL ? 5 : 0; }
#define ALL(x) (isnan(x) != 0) | (isinf(x) != 0) << 1 | (isfinite(x) != 0) << 2 | (isnormal(x) != 0) << 3 | (signbit(x) != 0) << 4 | klass(fpclassify(x)) << 5
int main(void)
{
    float fn = zf / zf, fi = 1.0f / zf;
    float fs[] = { zf, -zf, FLT_TRUE_MIN, -FLT_TRUE_MIN, FLT_MIN, FLT_MIN / 2, -FLT_MIN, FLT_MAX, -FLT_MAX,
                   1.0f, -3.5f, fi, -fi, fn, -fn, FLT_MIN * 0.999999f };
    for (unsigned i = 0; i < sizeof fs / sizeof fs[0]; i++) OUT(ALL(fs[i]));
    double dn = zd / zd, di = 1.0 / zd;
    double dmin = tiny * 0x1p-422;  /* DBL_MIN, made at run time */
    double ds[] = { zd, -zd, dmin * 0x1p-52, -dmin * 0x1p-52, dmin, dmin / 2, -dmin, DBL_MAX, -DBL_MAX,
                    1.0, -0.1, di, -di, dn, -dn, (double)FLT_TRUE_MIN, dmin * 0.9999999 };
    for (unsigned i = 0; i < sizeof ds / sizeof ds[0]; i++) OUT(ALL(ds[i]));
    OUT(isnan(fi - fi)); OUT(isinf(FLT_MAX * 2.0f * (1.0f + zf))); OUT(isinf((double)FLT_MAX * 2.0));
    OUT(isfinite((float)(DBL_MAX * (1.0 + zd)))); OUT(isinf((float)(DBL_MAX * (1.0 + zd))));
    OUT(isnormal((float)(dmin * 0x1p900))); OUT(fpclassify((float)dmin) == FP_ZERO);
    return 0;
}
