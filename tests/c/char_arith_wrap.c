/* Arithmetic through char variables: increments and sums stored back into signed and
 * unsigned char wrap modulo 256 (conversion of out-of-range values, gcc: modulo). */
#include "check.h"
int main(void)
{
    unsigned char u = 0; signed char s = 0; char c = 0;
    unsigned sum = 0;
    for (int i = 0; i < 300; i++) {
        u += 7; s += 7; c += 13;
        sum = sum * 3 + u + (unsigned)(s & 0xFF) + (unsigned)(c & 0xFF);
        if (i % 50 == 17) { OUT(u); OUT(s); OUT(c); }
    }
    OUT(sum);
    unsigned char m = 200; m *= 3; OUT(m);
    signed char n = 100; n = n * 3; OUT(n);
    signed char d = -128; d /= -1; OUT(d);
    unsigned char e = 5; e -= 10; OUT(e); e >>= 1; OUT(e);
    return 0;
}
