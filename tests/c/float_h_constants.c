/* <float.h>: the values of FLT_EPSILON, FLT_MIN, FLT_MAX, FLT_TRUE_MIN, DBL_EPSILON, DBL_MAX,
 * FLT_MANT_DIG, DBL_MANT_DIG and the exponent limits, and the properties they stand for
 * (1 + eps is the next float after 1, FLT_MAX * 2 overflows, TRUE_MIN / 2 rounds to 0). */
#include "check.h"
#include <float.h>
static unsigned fb(float f) { union { float f; unsigned u; } v = { f }; return v.u; }
static unsigned long long db(double d) { union { double d; unsigned long long u; } v = { d }; return v.u; }
static volatile float one = 1.0f;
static volatile double oned = 1.0;
int main(void)
{
    OUT(fb(FLT_EPSILON)); OUT(fb(FLT_MIN)); OUT(fb(FLT_MAX)); OUT(fb(FLT_TRUE_MIN));
    OUT64(db(DBL_EPSILON)); OUT64(db(DBL_MAX)); OUT64(db((double)FLT_MAX)); OUT64(db((double)FLT_EPSILON));
    OUT(FLT_MANT_DIG); OUT(DBL_MANT_DIG); OUT(FLT_DIG); OUT(DBL_DIG); OUT(FLT_RADIX);
    OUT(FLT_MIN_EXP); OUT(FLT_MAX_EXP); OUT(DBL_MIN_EXP); OUT(DBL_MAX_EXP);
    OUT(FLT_MIN_10_EXP); OUT(FLT_MAX_10_EXP); OUT(DBL_MIN_10_EXP); OUT(DBL_MAX_10_EXP);
    OUT(FLT_EVAL_METHOD); OUT(FLT_DECIMAL_DIG); OUT(DBL_DECIMAL_DIG);
    float e = FLT_EPSILON;
    OUT(one + e > one); OUT(one + e / 2 == one); OUT(one - e / 2 < one); OUT(fb(one + e)); OUT(fb(one - e / 4));
    double de = DBL_EPSILON;
    OUT(oned + de > oned); OUT(oned + de / 2 == oned); OUT64(db(oned + de)); OUT64(db(oned - de / 2));
    OUT(fb(FLT_MAX * (one + one))); OUT(fb(FLT_MAX + one)); OUT(fb(FLT_TRUE_MIN * one / 2)); OUT(fb(FLT_TRUE_MIN * one * 0.75f));
    OUT(fb(FLT_MIN * one / 2)); OUT(fb(FLT_MIN - FLT_TRUE_MIN * one)); OUT64(db(DBL_MAX * oned * 2));
    OUT64(db(DBL_MAX * oned + 1e292)); OUT64(db(DBL_MAX * oned + 1e291));
    OUT((float)DBL_EPSILON == 0x1p-52f); OUT(FLT_EPSILON == 0x1p-23f); OUT(FLT_MAX == 0x1.fffffep127f);
    return 0;
}
