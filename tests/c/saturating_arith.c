#include "check.h"
static short sat_mul_s16(short a, short b) { int p = a * b; return (short)(p > 32767 ? 32767 : p < -32768 ? -32768 : p); }
static int sat_add_s32(int a, int b) { long long s = (long long)a + b; return s > 2147483647LL ? 2147483647 : s < -2147483648LL ? (-2147483647 - 1) : (int)s; }
static int clamp(int v, int lo, int hi) { return v < lo ? lo : v > hi ? hi : v; }
volatile int iv[] = {0, 1, -1, 127, -128, 200, 32767, -32768, 2147483647, -2147483647 - 1, 65536, 100000};
int main(void)
{
    for (int i = 0; i < 12; i++)
        for (int j = 0; j < 12; j += 2) {
            int a = iv[i], b = iv[j];
                        OUT(sat_mul_s16((short)a, (short)b));
            OUT(sat_add_s32(a, b));
            OUT(clamp(a, -1000, b));
        }
    return 0;
}
