/* Passing a va_list on to helper functions (the v* pattern): a vsum that consumes some
 * arguments and a caller that continues with the rest after va_copy, a va_list passed by
 * pointer so the callee's va_arg advances the caller's list, and nested variadic calls. */
#include "check.h"
#include <stdarg.h>
static long long vsum(int n, va_list ap) { long long s = 0; for (int i = 0; i < n; i++) s += va_arg(ap, int); return s; }
static long long sum(int n, ...) { va_list ap; va_start(ap, n); long long s = vsum(n, ap); va_end(ap); return s; }
static int take_one(va_list *ap) { return va_arg(*ap, int); }
static int pairs(int n, ...)
{
    va_list ap; va_start(ap, n); int r = 0;
    for (int i = 0; i < n; i++) { int a = take_one(&ap); int b = take_one(&ap); r = r * 10 + (a - b); }
    va_end(ap); return r;
}
static long long skip_then_sum(int skip, int n, ...)
{
    va_list ap, cp; va_start(ap, n); va_copy(cp, ap);
    for (int i = 0; i < skip; i++) (void)va_arg(cp, long long);
    long long s = 0; for (int i = skip; i < n; i++) s += va_arg(cp, long long) * (i + 1);
    long long first = va_arg(ap, long long);
    va_end(cp); va_end(ap); return s * 1000 + first;
}
static int outer(int n, ...) { va_list ap; va_start(ap, n); int a = va_arg(ap, int); int b = va_arg(ap, int); va_end(ap); return (int)sum(3, a, b, n) + pairs(1, a, b); }
int main(void)
{
    OUT64(sum(0)); OUT64(sum(4, 1, -2, 3, 100000)); OUT64(sum(3, 'a', (short)-5, (char)-1));
    OUT(pairs(3, 9, 1, 5, 5, 2, 7)); OUT(pairs(0));
    OUT64(skip_then_sum(2, 5, 10LL, 20LL, 30LL, -1LL, 1LL << 40)); OUT64(skip_then_sum(0, 2, 7LL, 8LL));
    OUT(outer(4, 30, 12));
    return 0;
}
