/* Integer promotions in comparisons and unary operators: unsigned short and unsigned char
 * promote to (signed) int, so -us is negative and ~uc is negative; comparisons of promoted
 * values with negative ints, and the contrast with unsigned int operands. */
#include "check.h"
static volatile unsigned short vus = 65535;
static volatile unsigned char vuc = 0x0f;
int main(void)
{
    unsigned short us = vus; unsigned char uc = vuc; unsigned u = vus;
    OUT(-us); OUT(-us < 0); OUT(-u > 0); OUT(~uc); OUT(~uc < 0); OUT((unsigned char)~uc);
    OUT(us > -1); OUT(u > -1); OUT(uc < -1); OUT((unsigned)uc < -1u);
    OUT((unsigned)us * us); OUT(us + us > us); OUT(uc << 27 >> 27);
    OUT(~uc == 0xfffffff0); OUT(~(unsigned)uc == 0xfffffff0u); OUT(uc - 16 < 0); OUT(uc - 16u < 0);
    short s = -1; OUT(s == 65535); OUT((unsigned short)s == 65535); OUT(s < us);
    unsigned short a = 40000, b = 50000; int d = a - b; OUT(d); unsigned short e = a - b; OUT(e);
    OUT(_Generic(us + 0, int: 1, unsigned: 2, default: 3)); OUT(_Generic(-uc, int: 1, default: 0));
    return 0;
}
