#include "check.h"
volatile unsigned umax = 0xffffffffu;
volatile unsigned short usmax = 0xffff;
volatile unsigned long long ullmax = ~0ULL;
int main(void)
{
    unsigned u = umax; u++; OUT(u); u--; OUT(u); OUT(u + u); OUT(u * u); OUT(0u - 1u);
    OUT(-u); OUT(u * 3u / 3u);
    unsigned short s = usmax; s++; OUT(s); s = usmax; OUT(s + 1); OUT((unsigned short)((unsigned)s * s));
    unsigned long long l = ullmax; l++; OUT64(l); l--; OUT64(l * l); OUT64(l + l); OUT64(-l);
    unsigned count = 0; for (unsigned i = 10; i < 20; i--) count++; OUT(count);
    unsigned char c = 250; int iters = 0; do { c += 3; iters++; } while (c > 10); OUT(iters); OUT(c);
    unsigned x = 5; OUT(x - 10 > x); OUT(x - 10u < 3u);
    return 0;
}
