/* Mixed signed/unsigned arithmetic with well-defined wrap-around: signed values converted to
 * unsigned before the operation, unsigned subtraction below zero, multiplication wrapping
 * mod 2^32 and 2^64, and comparisons where -1 becomes the largest unsigned value. */
#include "check.h"
static volatile int vneg = -7;
static volatile unsigned vbig = 3000000000u;
int main(void)
{
    int n = vneg; unsigned u = vbig;
    OUT(n + u); OUT(u - n); OUT(n * u); OUT(u / n == u / (unsigned)n); OUT(u % 10u); OUT((unsigned)n / 2);
    OUT(n < u); OUT((long long)n < u); OUT(n + 0u > 4000000000u);
    unsigned z = 0; z -= 1; OUT(z); z = 5; OUT(z - 10); OUT(z - 10 > z);
    unsigned m = 0x10001u; OUT(m * m); OUT(m * m * m); OUT(0xffffffffu * 0xffffffffu);
    unsigned long long w = 0xffffffffffffffffULL; OUT64(w * w); OUT64(w + 2); OUT64((unsigned long long)n * 3); OUT64(n * 3ULL + u);
    unsigned short us = 1; us -= 2; OUT(us); unsigned char uc = 0; uc--; OUT(uc);
    return 0;
}
