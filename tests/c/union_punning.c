#include "check.h"
union u64 { unsigned long long q; unsigned w[2]; unsigned short h[4]; unsigned char b[8]; };
union mixed { char c; int i; long long l; struct { short a, b; } pr; };
int main(void)
{
    union u64 x; x.q = 0x0102030405060708ULL;
    OUT(x.w[0]); OUT(x.w[1]); OUT(x.h[3]); OUT(x.b[0]); OUT(x.b[7]);
    x.b[4] = 0xaa; OUT64(x.q);
    union mixed m = { .i = 0x12345678 }; OUT(m.c); OUT(m.pr.a); OUT(m.pr.b);
    m.l = -1; OUT(m.i); m.pr.b = 0; OUT(m.i);
    OUT(sizeof(union mixed)); OUT(_Alignof(union mixed));
    union mixed arr[3]; arr[2].l = 5; arr[0] = arr[2]; OUT(arr[0].c);
    return 0;
}
