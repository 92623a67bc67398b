/* Conversion of float and double to _Bool (nonzero, including NaN, inf and the smallest
 * subnormals, becomes 1; both zeros become 0), and floating values in conditions, !, && and ||. */
#include "check.h"
#include <float.h>
static volatile float zf = 0.0f;
static volatile double zd = 0.0;
int main(void)
{
    float nz = -zf, tiny = FLT_TRUE_MIN, nanf_ = zf / zf, inf = 1.0f / zf;
    double dtiny = DBL_TRUE_MIN, dnan = zd / zd, dn = -zd, dhalf = 0.5;
    _Bool b;
    b = zf; OUT(b); b = nz; OUT(b); b = tiny; OUT(b); b = nanf_; OUT(b); b = inf; OUT(b); b = -inf; OUT(b);
    b = zd; OUT(b); b = dn; OUT(b); b = dtiny; OUT(b); b = dnan; OUT(b); b = dhalf; OUT(b);
    OUT((_Bool)0.4f); OUT((_Bool)-0.0); OUT((_Bool)(dtiny / 2));
    OUT(!zf); OUT(!nz); OUT(!tiny); OUT(!nanf_); OUT(!dnan); OUT(!dtiny);
    OUT(zd && 1); OUT(dhalf && tiny); OUT(zd || nz); OUT(zd || dnan);
    int n = 0; if (nanf_) n += 1; if (nz) n += 2; if (dtiny) n += 4; if (dn) n += 8; OUT(n);
    n = 0; for (double x = 3.0; x; x -= 1.0) n++; OUT(n);
    OUT(nanf_ ? 10 : 20); OUT(dn ? 10 : 20);
    _Bool bb = 1; float back = bb; double back2 = (_Bool)dnan + (_Bool)zd; OUT(back == 1.0f); OUT(back2 == 1.0);
    return 0;
}
