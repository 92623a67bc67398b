/* va_copy: scanning the same variadic arguments twice (count then sum), passing a va_list
 * to a helper, and a variadic function forwarding to a va_list one. */
#include "check.h"
#include <stdarg.h>
static long long vsum(int n, va_list ap) { long long s = 0; while (n--) s += va_arg(ap, long long); return s; }
static long long sum(int n, ...) { va_list ap; va_start(ap, n); long long r = vsum(n, ap); va_end(ap); return r; }
static int twice(int n, ...)
{
    va_list a, b; va_start(a, n); va_copy(b, a);
    int mx = -2147483647, total = 0;
    for (int i = 0; i < n; i++) { int v = va_arg(a, int); if (v > mx) mx = v; }
    for (int i = 0; i < n; i++) total += va_arg(b, int) - mx;
    va_end(b); va_end(a);
    return total;
}
int main(void)
{
    OUT64(sum(0)); OUT64(sum(3, 1LL, -2LL, 0x100000000LL)); OUT64(sum(5, 1LL, 2LL, 3LL, 4LL, -0x7FFFFFFFFFFFLL));
    OUT(twice(4, 3, 9, -1, 2)); OUT(twice(1, 5)); OUT(twice(6, -5, -4, -3, -2, -1, -9));
    return 0;
}
