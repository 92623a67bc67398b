/* Sparse switches with negative case values, INT_MIN and INT_MAX cases, widely spaced values
 * that cannot become one table, a default placed between cases, and switches on unsigned and
 * long long controlling expressions with values past 32 bits. */
#include "check.h"
#include <limits.h>
static int s32(int x)
{
    switch (x) {
    case INT_MIN: return 1;
    case -100000: return 2;
    case -3: return 3;
    default: return 99;
    case 0: return 4;
    case 77: return 5;
    case 65536: return 6;
    case 123456789: return 7;
    case INT_MAX: return 8;
    }
}
static int su(unsigned x) { switch (x) { case 0: return 1; case 0x80000000u: return 2; case 0xffffffffu: return 3; case 1000: return 4; } return 0; }
static int s64(long long x)
{
    switch (x) {
    case 1LL << 32: return 1;
    case -(1LL << 40): return 2;
    case 5: return 3;
    case 0x7fffffffffffffffLL: return 4;
    case (1LL << 32) + 5: return 5;
    default: return 0;
    }
}
int main(void)
{
    int xs[] = { INT_MIN, INT_MIN + 1, -100000, -3, -2, 0, 1, 77, 65536, 65537, 123456789, INT_MAX, INT_MAX - 1 };
    for (unsigned i = 0; i < sizeof xs / sizeof xs[0]; i++) OUT(s32(xs[i]));
    unsigned us[] = { 0, 1, 0x80000000u, 0x7fffffffu, 0xffffffffu, 1000 };
    for (int i = 0; i < 6; i++) OUT(su(us[i]));
    long long ls[] = { 1LL << 32, 0, 5, (1LL << 32) + 5, -(1LL << 40), 0x7fffffffffffffffLL, 5 + (1LL << 33) };
    for (int i = 0; i < 7; i++) OUT(s64(ls[i]));
    return 0;
}
