#include "check.h"
typedef __builtin_va_list va_list;
static int sum(int n, ...)
{
    va_list ap;
    __builtin_va_start(ap, n);
    int s = 0;
    for (int i = 0; i < n; i++) s += __builtin_va_arg(ap, int);
    __builtin_va_end(ap);
    return s;
}
static unsigned mixed_chars(int n, ...)
{
    va_list ap;
    __builtin_va_start(ap, n);
    unsigned h = 0;
    for (int i = 0; i < n; i++) h = h * 31 + (unsigned)__builtin_va_arg(ap, int);  /* char/short promoted */
    __builtin_va_end(ap);
    return h;
}
int main(void)
{
    OUT(sum(0)); OUT(sum(1, 42)); OUT(sum(3, 1, 2, 3)); OUT(sum(10, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10));
    OUT(sum(4, -1, -2, -3, 100));
    char c = -5; short sh = 3000; unsigned char uc = 250;
    OUT(mixed_chars(3, c, sh, uc));
    return 0;
}
