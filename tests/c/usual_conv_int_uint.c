/* Usual arithmetic conversions between int and unsigned int: negative ints become large
 * unsigned values in arithmetic, comparison, division and modulo. */
#include "check.h"
volatile int n = -7, p = 3;
volatile unsigned u = 5, big = 0x80000000u;
int main(void)
{
    OUT(n + u); OUT(n * u); OUT(n / u); OUT(n % u); OUT(u / n); OUT(u % n); OUT(n < u);
    OUT(n > u); OUT(n == (int)(n + 0u)); OUT(p - u); OUT((p - u) > 0); OUT((int)(p - u));
    OUT(big + big); OUT(big / p); OUT(big % 7); OUT((int)big / p); OUT((int)big % 7);
    OUT(-u); OUT(-big); OUT(n >> 1); OUT((unsigned)n >> 1); OUT(n & u); OUT(n | big);
    OUT((n + u) >> 28); OUT(n * (int)u); OUT(u - 6 < u);
    unsigned w = n; OUT(w); int back = w; OUT(back);
    return 0;
}
