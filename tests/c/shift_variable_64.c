/* 64-bit shifts by run-time amounts 0..63: left shifts of unsigned values, logical right
 * shifts of unsigned and arithmetic right shifts of negative signed values, across the 32-bit
 * boundary where the DPU splits the value into two registers. */
#include "check.h"
static volatile unsigned long long vu = 0x8123456789abcdefULL;
static volatile long long vs = -0x123456789abcdefLL;
int main(void)
{
    unsigned long long u = vu, acc = 0; long long s = vs;
    for (int n = 0; n < 64; n += 3) {
        OUT64(u << n); OUT64(u >> n); OUT64(s >> n);
        acc ^= (u << n) + (u >> (63 - n)) + (unsigned long long)(s >> (n / 2));
    }
    OUT64(acc);
    for (int n = 29; n <= 35; n++) { OUT64(1ULL << n); OUT64(-1LL >> n); OUT64((unsigned long long)-1LL >> n); }
    unsigned k = 40; OUT64(u >> k); OUT64(u << (k - 8)); OUT64(s >> (k + 23));
    return 0;
}
