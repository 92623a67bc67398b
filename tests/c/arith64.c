#include "check.h"
volatile unsigned long long vals[] = {0, 1, 3, 0xffffffffULL, 0x100000000ULL, 0x123456789abcdefULL,
                                      0x8000000000000000ULL, 12345};
int main(void)
{
    for (int a = 0; a < 8; a++)
        for (int b = 0; b < 8; b++) {
            unsigned long long x = vals[a], y = vals[b];
            OUT64(x + y); OUT64(x - y); OUT64(x * y);
            OUT64((x & y) ^ (x | y) * 3);
            if (y && (a + b) % 3 == 0) { OUT64(x / y); OUT64(x % y); }
        }
    unsigned long long n = 0;
    for (unsigned long long k = 0; k < 100; k++) n += k * 0x100000001ULL;
    OUT64(n); OUT64(-n); OUT64(~n);
    return 0;
}
