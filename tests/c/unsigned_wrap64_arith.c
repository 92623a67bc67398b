/* Unsigned 64-bit arithmetic wraps modulo 2^64: carries across the 32-bit halves in
 * sums, borrows in differences, products that overflow, a 64-bit LCG and factorials. */
#include "check.h"
volatile unsigned long long a = 0xFFFFFFFFFFFFFFF0ULL, b = 0x20, c = 0x00000000FFFFFFFFULL;
int main(void)
{
    OUT64(a + b); OUT64(b - a); OUT64(a * b); OUT64(c + 1); OUT64(c * c); OUT64(-b);
    OUT64(c + c); OUT64((c + 1) * (c + 1)); OUT64(0ULL - 1); OUT64(c << 32 | c);
    unsigned long long x = ~0ULL; x++; OUT64(x);
    unsigned long long s = 0x6A09E667F3BCC908ULL;
    for (int i = 0; i < 40; i++) s = s * 6364136223846793005ULL + 1442695040888963407ULL;
    OUT64(s);
    unsigned long long f = 1; for (unsigned i = 1; i <= 25; i++) f *= i; OUT64(f);
    OUT((a + b) < a); OUT((b - a) > b);
    return 0;
}
