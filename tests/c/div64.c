#include "check.h"
volatile long long vals[] = {1, -1, 7, -7, 1000000007LL, -999999999999LL, 0x7fffffffffffffffLL, 3};
int main(void)
{
    for (int i = 0; i < 8; i++)
        for (int j = 0; j < 8; j++) {
            long long a = vals[i], b = vals[j];
            OUT64(a / b);
            OUT64(a % b);
            OUT64((unsigned long long)a / (unsigned long long)b);
            OUT64((unsigned long long)a * (unsigned long long)b);  /* no signed overflow */
        }
    return 0;
}
