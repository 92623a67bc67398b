/* Left and logical right shifts of unsigned 32- and 64-bit values by every count in range,
 * with variable counts (no constant folding) folded into checksums. */
#include "check.h"
volatile unsigned v32 = 0xA5C3E1F7u;
volatile unsigned long long v64 = 0xF00DFACEC0FFEE11ULL;
int main(void)
{
    unsigned s1 = 0, s2 = 0;
    unsigned long long t1 = 0, t2 = 0;
    for (volatile int k = 0; k < 32; k++) {
        s1 = s1 * 31 + (v32 << k); s2 = s2 * 37 + (v32 >> k);
        if (k % 8 == 3) { OUT(v32 << k); OUT(v32 >> k); }
    }
    OUT(s1); OUT(s2);
    for (volatile int k = 0; k < 64; k++) {
        t1 = t1 * 31 + (v64 << k); t2 = t2 * 37 + (v64 >> k);
        if (k % 16 == 5 || k == 32 || k == 63) { OUT64(v64 << k); OUT64(v64 >> k); }
    }
    OUT64(t1); OUT64(t2);
    return 0;
}
