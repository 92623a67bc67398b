#include "check.h"
volatile int v = -12345;
volatile unsigned u = 0x80000001u;
volatile long long ll = -0x123456789LL;
int main(void)
{
    for (int k = 0; k < 32; k += 5) {
        OUT((unsigned)v << k);      /* a negative left operand would be undefined */
        OUT(v >> k);
        OUT(u >> k);
        OUT(u << k);
    }
    for (int k = 0; k < 64; k += 7) {
        OUT64((unsigned long long)ll << k);
        OUT64(ll >> k);
        OUT64((unsigned long long)ll >> k);
    }
    return 0;
}
