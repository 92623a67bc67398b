#include "check.h"
static int sparse(int x)
{
    switch (x) {
    case -1000000: return 1;
    case -7: return 2;
    case 0: return 3;
    case 13: return 4;
    case 1000: return 5;
    case 65536: return 6;
    case 0x7fffffff: return 7;
    case -2147483647 - 1: return 8;
    }
    return 9;
}
static int sw64(long long x)
{
    switch (x) {
    case 0x100000000LL: return 1;
    case -1: return 2;
    case 0xffffffffLL: return 3;
    case 5: return 4;
    default: return 5;
    }
}
static const int probes[] = {-1000000, -7, 0, 13, 1000, 65536, 0x7fffffff, -2147483647 - 1,
                             1, 12, 14, 999, -6, 65535};
int main(void)
{
    for (unsigned i = 0; i < sizeof probes / sizeof *probes; i++) OUT(sparse(probes[i]));
    OUT(sw64(0x100000000LL)); OUT(sw64(-1)); OUT(sw64(0xffffffffLL)); OUT(sw64(5));
    OUT(sw64(0x100000005LL)); OUT(sw64(0));
    return 0;
}
