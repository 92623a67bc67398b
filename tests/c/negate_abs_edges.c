/* Negation and absolute values at the edges that stay defined: -INT_MAX, unsigned negation
 * of INT_MIN's bits, abs/llabs of the runtime library and hand-written abs of 64-bit values. */
#include "check.h"
#include <stdlib.h>
#include <limits.h>
volatile int vals[] = {0, 1, -1, INT_MAX, -INT_MAX, 12345, -54321};
volatile long long lv[] = {0, -1, LLONG_MAX, -LLONG_MAX, -4294967296LL, 4294967295LL};
int main(void)
{
    for (int i = 0; i < 7; i++) { OUT(-vals[i]); OUT(abs(vals[i])); OUT(0u - (unsigned)vals[i]); }
    for (int i = 0; i < 6; i++) {
        long long x = lv[i];
        OUT64(-x); OUT64(llabs(x)); OUT64(x < 0 ? -x : x); OUT64(0ULL - (unsigned long long)x);
    }
    unsigned m = (unsigned)INT_MIN; OUT(-m); OUT(m == -m);
    return 0;
}
