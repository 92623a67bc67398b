/* double (binary64) + - * / and unary minus on run-time values (through volatile), checked bit
 * for bit, including inexact results, cancellation, and the sign of zero results. */
#include "check.h"
static unsigned long long db(double d) { union { double d; unsigned long long u; } v = { d }; return v.u; }
static volatile double in[] = { -2.25, 0.1, 1e300, -1e-300, 0.0, 2.0 / 3.0 };
int main(void)
{
    int n = sizeof in / sizeof in[0];
    for (int i = 0; i < n; i++)
        for (int j = i; j < n; j++) {
            double a = in[i], b = in[j];
            OUT64(db(a + b)); OUT64(db(a - b)); OUT64(db(a * b));
            if (b != 0.0) OUT64(db(a / b));
        }
    for (int i = 0; i < n; i++) OUT64(db(-in[i]));
    double t = in[2];
    OUT64(db(t + 0.2)); OUT64(db(t * 10.0 - 1.0)); OUT64(db((t + 1.0) - 1.0));
    OUT((t + 0.2) == 0.3); OUT(t * 3.0 == 0.3);
    return 0;
}
