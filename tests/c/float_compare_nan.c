/* Comparisons with NaN (from 0.0/0.0 at run time and __builtin_nan): every ordered relation is
 * false, != is true, x == x is false, and !(a < b) differs from a >= b; also in loops, ?: and
 * short-circuit conditions, for float and double. */
#include "check.h"
static volatile double zero = 0.0;
static volatile float zerof = 0.0f;
static int rel(double a, double b) { return (a < b) | (a <= b) << 1 | (a > b) << 2 | (a >= b) << 3 | (a == b) << 4 | (a != b) << 5; }
static int relf(float a, float b) { return (a < b) | (a <= b) << 1 | (a > b) << 2 | (a >= b) << 3 | (a == b) << 4 | (a != b) << 5; }
static int neg(double a, double b) { return !(a < b) | !(a <= b) << 1 | !(a > b) << 2 | !(a >= b) << 3 | !(a == b) << 4 | !(a != b) << 5; }
int main(void)
{
    double n1 = zero / zero, n2 = __builtin_nan(""), one = 1.0, inf = __builtin_inf();
    float nf = zerof / zerof, nf2 = __builtin_nanf("");
    double vals[] = { n1, n2, one, -inf, inf, -zero };
    for (int i = 0; i < 6; i++) for (int j = 0; j < 6; j++) { OUT(rel(vals[i], vals[j])); OUT(neg(vals[i], vals[j])); }
    OUT(relf(nf, nf)); OUT(relf(nf, 1.0f)); OUT(relf(2.0f, nf2)); OUT(relf(nf2, -zerof));
    OUT(n1 == n1); OUT(n1 != n1); OUT(nf == nf); OUT(nf != nf);
    int k = 0; while (n1 < 10.0 && k < 5) k++; OUT(k);
    k = 0; while (!(n1 >= 10.0) && k < 5) k++; OUT(k);
    OUT(n1 > 0 ? 1 : n1 <= 0 ? 2 : 3);
    OUT((n1 == n1) || (nf != nf)); OUT((n1 < 1) && (nf > 1));
    double m = one; if (n2 > m) m = n2; OUT(m == 1.0);
    m = n2; if (one > m) m = one; OUT(m != m);
    return 0;
}
