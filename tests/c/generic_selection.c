/* C11 _Generic: selection by the controlling expression's type after lvalue conversion
 * (qualifiers dropped, arrays decay), without evaluating it; default; use in constant
 * expressions and as a function designator. */
#include "check.h"

#define KIND(x) _Generic((x), char: 1, signed char: 2, unsigned char: 3, short: 4,          \
                         unsigned short: 5, int: 6, unsigned: 7, long: 8, unsigned long: 9, \
                         long long: 10, unsigned long long: 11, _Bool: 12, int *: 13,      \
                         const int *: 14, char *: 15, default: 99)

static int twice(int x) { return 2 * x; }
static long long quad(long long x) { return 4 * x; }
#define SCALE(x) _Generic((x), long long: quad, default: twice)(x)

static int side;
static int bump(void) { return ++side; }

static const int table[_Generic(1u, unsigned: 5, default: 1)] = {1, 2, 3, 4, 5};
enum { SELECTED = _Generic('a', int: 40, char: 41) };

struct pt { int x, y; };

int main(void)
{
    char c = 0; signed char sc = 0; unsigned char uc = 0; short s = 0; unsigned short us = 0;
    const volatile int cvi = 3; long l = 0; unsigned long ul = 0; long long ll = 0;
    unsigned long long ull = 0; _Bool b = 0; int arr[3] = {0}; const int carr[2] = {0};
    char str[4] = "abc"; struct pt p = {1, 2};
    OUT(KIND(c)); OUT(KIND(sc)); OUT(KIND(uc)); OUT(KIND(s)); OUT(KIND(us)); OUT(KIND(cvi));
    OUT(KIND(l)); OUT(KIND(ul)); OUT(KIND(ll)); OUT(KIND(ull)); OUT(KIND(b));
    OUT(KIND(arr)); OUT(KIND(carr)); OUT(KIND(str)); OUT(KIND(p)); OUT(KIND(&arr));
    OUT(KIND(c + c)); OUT(KIND(uc * 1u)); OUT(KIND(s << 1)); OUT(KIND(ll + ul));
    OUT(KIND(1 ? arr : 0)); OUT(KIND('x')); OUT(KIND(0x7fffffff + 0u));
    OUT(KIND(b + b)); OUT(KIND(-us)); OUT(KIND(~uc)); OUT(KIND(l * 1LL));
    OUT(SCALE(21)); OUT64(SCALE(0x100000000LL)); OUT(SCALE((short)-7));
    OUT(_Generic(bump(), int: 7, default: 8)); OUT(side);
    OUT(sizeof table / sizeof table[0]); OUT(table[4]); OUT(SELECTED);
    OUT(_Generic(p, struct pt: p.x + p.y, default: -1));
    return 0;
}
