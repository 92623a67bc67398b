/* Sparse switches: far-apart 32-bit values (a binary search, not a table), negative and
 * unsigned-looking ones, and a switch on a 64-bit value whose cases differ in the high word. */
#include "check.h"
static int sparse(unsigned v)
{
    switch (v) {
    case 1: return 1; case 100: return 2; case 1000: return 3; case 65536: return 4;
    case 0x7FFFFFFF: return 5; case 0x80000000u: return 6; case 0xFFFFFFFFu: return 7;
    case 123456789: return 8;
    }
    return 0;
}
static int wide(long long v)
{
    switch (v) {
    case 0x100000000LL: return 1; case 0x200000000LL: return 2; case -1LL: return 3;
    case 0xFFFFFFFFLL: return 4; case -0x100000000LL: return 5; case 0: return 6;
    default: return 7;
    }
}
int main(void)
{
    static const unsigned probe[] = {0, 1, 2, 100, 999, 1000, 65536, 65537, 0x7FFFFFFF, 0x80000000u,
                                     0xFFFFFFFFu, 123456789, 0xFFFFFFFEu};
    for (int i = 0; i < 13; i++) OUT(sparse(probe[i]));
    static const long long lp[] = {0x100000000LL, 0x200000000LL, -1, 0xFFFFFFFFLL, -0x100000000LL, 0, 1,
                                   0x1FFFFFFFFLL, 0x300000000LL};
    for (int i = 0; i < 9; i++) OUT(wide(lp[i]));
    return 0;
}
