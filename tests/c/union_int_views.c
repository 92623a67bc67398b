/* Unions viewing the same bytes as integers of different widths (little-endian DPU and
 * host alike), the size of a union and its alignment with a 64-bit member. */
#include "check.h"
union v { unsigned long long q; unsigned w[2]; unsigned short h[4]; unsigned char b[8]; };
union tag { char c; long long l; };
int main(void)
{
    union v x; x.q = 0x0102030405060708ULL;
    OUT(x.w[0]); OUT(x.w[1]); OUT(x.h[0]); OUT(x.h[3]); OUT(x.b[0]); OUT(x.b[7]);
    x.b[3] = 0xFF; OUT64(x.q); x.h[2] = 0; OUT64(x.q); x.w[1] = 0xDEADBEEF; OUT64(x.q);
    OUT(sizeof(union v)); OUT(sizeof(union tag)); OUT(_Alignof(union tag));
    union v y = x; y.b[0] ^= 1; OUT(x.b[0]); OUT(y.b[0]);
    union v z = {.w = {1, 2}}; OUT64(z.q);
    return 0;
}
