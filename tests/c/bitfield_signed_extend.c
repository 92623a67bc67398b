/* Signed bit-fields of widths 1..31 sign-extend when read; stores truncate (gcc: modulo),
 * and arithmetic on them happens in int after promotion. */
#include "check.h"
struct s { int w1 : 1; int w3 : 3; int w7 : 7; int w13 : 13; int w31 : 31; };
int main(void)
{
    struct s v;
    v.w1 = -1; v.w3 = -4; v.w7 = 63; v.w13 = -4096; v.w31 = -1073741824;
    OUT(v.w1); OUT(v.w3); OUT(v.w7); OUT(v.w13); OUT(v.w31);
    v.w3 = 3; v.w3 += 1; OUT(v.w3);
    v.w7 = 63; v.w7++; OUT(v.w7);
    v.w13 = -4096; v.w13--; OUT(v.w13);
    for (int i = -10; i < 10; i += 3) { v.w3 = i; OUT(v.w3); OUT(v.w3 * 2); OUT(v.w3 < 0); }
    v.w7 = -64; OUT(v.w7 >> 2); OUT(v.w7 / 3); OUT((unsigned)v.w7 >> 28);
    return 0;
}
