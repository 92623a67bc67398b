#include "check.h"
typedef __builtin_va_list va_list;
/* fmt: 'i' int, 'l' long long, 'p' pointer to int, 'u' unsigned long */
static long long walk(const char *fmt, ...)
{
    va_list ap;
    __builtin_va_start(ap, fmt);
    long long acc = 0;
    for (; *fmt; fmt++) {
        switch (*fmt) {
        case 'i': acc = acc * 3 + __builtin_va_arg(ap, int); break;
        case 'l': acc = acc * 3 + __builtin_va_arg(ap, long long); break;
        case 'p': acc = acc * 3 + *__builtin_va_arg(ap, int *); break;
        case 'u': acc = acc * 3 + (long long)__builtin_va_arg(ap, unsigned long); break;
        }
    }
    __builtin_va_end(ap);
    return acc;
}
static int forward(va_list ap, int n)
{
    int s = 0;
    while (n--) s += __builtin_va_arg(ap, int);
    return s;
}
static int outer(int n, ...)
{
    va_list ap, ap2;
    __builtin_va_start(ap, n);
    __builtin_va_copy(ap2, ap);
    int a = forward(ap, n);
    int b = __builtin_va_arg(ap2, int);
    __builtin_va_end(ap);
    __builtin_va_end(ap2);
    return a * 100 + b;
}
struct sm { int a, b; };
static int structs(int n, ...)
{
    va_list ap;
    __builtin_va_start(ap, n);
    int s = 0;
    for (int i = 0; i < n; i++) { struct sm v = __builtin_va_arg(ap, struct sm); s += v.a * v.b; }
    __builtin_va_end(ap);
    return s;
}
int main(void)
{
    int x = 7, y = -9;
    OUT64(walk("ilil", 1, 0x100000000LL, 2, -5LL));
    OUT64(walk("lllp", 1LL << 40, -1LL, 3LL, &x));
    OUT64(walk("ipilpu", 5, &y, 6, 0x7fffffffffffLL, &x, 0xffffffffffUL));
    OUT64(walk("iiiiiiiiil", 1, 2, 3, 4, 5, 6, 7, 8, 9, 10LL));
    OUT(outer(3, 10, 20, 30));
    OUT(structs(2, (struct sm){2, 3}, (struct sm){4, 5}));
    return 0;
}
