/* Usual arithmetic conversions with 64-bit operands: int and unsigned widen to long long
 * (sign- or zero-extended), and unsigned long long absorbs negative 32-bit values. */
#include "check.h"
volatile int n = -5;
volatile unsigned u = 0xFFFFFFF0u;
volatile long long ll = -3;
volatile unsigned long long ull = 10;
int main(void)
{
    OUT64(n + ll); OUT64(u + ll); OUT64(n + ull); OUT64(u + ull); OUT64(n * ull);
    OUT64(ll * u); OUT64(ll / n); OUT64(u / ll); OUT64(ull / n); OUT64(ull % (unsigned)n);
    OUT(ll < u); OUT(n < ull); OUT(ll < ull); OUT(u < ll); OUT(-1LL < 0u); OUT(-1 < 0ULL);
    OUT64(u << 4); OUT64((unsigned long long)u << 4); OUT64((long long)-n << 40);
    OUT64(n - u); OUT64((long long)n - u); OUT64(ull - 11); OUT64(ll >> 1);
    OUT64((unsigned long long)ll >> 1); OUT64(ll & u); OUT64(n ^ ull);
    long long w = u; OUT64(w); w = n; OUT64(w); w = (unsigned)n; OUT64(w);
    return 0;
}
