/* Right shifts of negative signed values (gcc: arithmetic) at 8, 16, 32 and 64 bits after
 * promotion, by every count, and left shifts of non-negative signed values. */
#include "check.h"
volatile int i = -123456789;
volatile long long l = -1234567890123456789LL;
volatile signed char c = -77;
volatile short s = -30001;
int main(void)
{
    unsigned acc = 0; unsigned long long acc64 = 0;
    for (volatile int k = 0; k < 32; k++) {
        acc = acc * 3 + (i >> k) + (c >> k) + (s >> k);
        if (k == 1 || k == 7 || k == 31) { OUT(i >> k); OUT(c >> k); OUT(s >> k); }
    }
    OUT(acc);
    for (volatile int k = 0; k < 64; k++) {
        acc64 = acc64 * 3 + (l >> k);
        if (k == 0 || k == 31 || k == 32 || k == 33 || k == 63) OUT64(l >> k);
    }
    OUT64(acc64);
    volatile int pos = 0x1234;
    for (volatile int k = 0; k < 18; k += 3) OUT(pos << k);
    OUT(-1 >> 31); OUT(-1LL >> 63 == -1);
    return 0;
}
