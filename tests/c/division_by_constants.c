#include "check.h"
volatile int vals[] = {0, 1, -1, 7, -7, 100, -100, 2147483647, -2147483647 - 1, 123456789, -98765};
volatile long long lv[] = {0, -1, 1000000000000LL, -999999999999LL, 0x7fffffffffffffffLL, 77};
int main(void)
{
    for (int i = 0; i < 11; i++) {
        int v = vals[i]; unsigned u = v;
        OUT(v / 2); OUT(v % 2); OUT(v / 3); OUT(v % 3); OUT(v / 7); OUT(v % 10); OUT(v / -4);
        OUT(v / 1000); OUT(u / 3); OUT(u % 7); OUT(u / 10); OUT(u >> 3); OUT(u / 0x10000);
    }
    for (int i = 0; i < 6; i++) {
        long long v = lv[i]; unsigned long long u = v;
        OUT64(v / 10); OUT64(v % 10); OUT64(v / 4); OUT64(u / 1000); OUT64(u % 3);
    }
    return 0;
}
