/* Variadic functions reading a format of mixed kinds: int, promoted char/short, unsigned,
 * long long, pointers and structs, in any order, with 64-bit values at odd positions. */
#include "check.h"
#include <stdarg.h>
struct pair { int a, b; };
static unsigned long long take(const char *fmt, ...)
{
    va_list ap; va_start(ap, fmt);
    unsigned long long h = 0;
    for (; *fmt; fmt++) {
        switch (*fmt) {
        case 'i': h = h * 31 + (unsigned)va_arg(ap, int); break;
        case 'u': h = h * 31 + va_arg(ap, unsigned); break;
        case 'L': h = h * 31 + (unsigned long long)va_arg(ap, long long); break;
        case 'p': h = h * 31 + (unsigned)*va_arg(ap, int *); break;
        case 's': { struct pair p = va_arg(ap, struct pair); h = h * 31 + (unsigned)(p.a * 1000 + p.b); break; }
        }
    }
    va_end(ap);
    return h;
}
int main(void)
{
    int x = 77; char c = -3; short s = 300; struct pair pr = {4, 5};
    OUT64(take("i", 1)); OUT64(take("iL", 2, -5LL)); OUT64(take("Li", 0x123456789LL, 3));
    OUT64(take("iiLiL", c, s, -1LL, 9, 0x8000000000000000LL));
    OUT64(take("pus", &x, 0xFFFFFFFFu, pr)); OUT64(take("sLs", pr, 7LL, (struct pair){-1, -2}));
    OUT64(take(""));
    return 0;
}
