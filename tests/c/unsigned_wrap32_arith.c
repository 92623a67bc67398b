/* Unsigned 32-bit arithmetic wraps modulo 2^32: sums, differences, products, negation and
 * increments past the ends, plus the carry/borrow tests written with comparisons. */
#include "check.h"
volatile unsigned a = 0xFFFFFFF0u, b = 0x20u, c = 0x10000u;
int main(void)
{
    OUT(a + b); OUT(b - a); OUT(a * b); OUT(c * c); OUT(c * c * 3u + 1u); OUT(-b); OUT(0u - 1u);
    unsigned s = a + b; OUT(s < a);
    unsigned d = b - a; OUT(d > b);
    unsigned x = 0xFFFFFFFFu; x++; OUT(x); x--; OUT(x);
    unsigned f = 1; for (int i = 1; i <= 20; i++) f *= (unsigned)i; OUT(f);
    unsigned h = 2166136261u;
    for (int i = 0; i < 50; i++) h = (h ^ (unsigned)i) * 16777619u;
    OUT(h);
    unsigned p = 0x9E3779B9u; OUT(p * p); OUT(p * 0xFFFFFFFFu); OUT(p + p + p + p);
    return 0;
}
