#include "check.h"
volatile int a[] = {-5, 0, 7, -2147483647 - 1, 100};
volatile unsigned b[] = {3u, 0u, 0xfffffff0u, 7u, 100u};
int main(void)
{
    for (int i = 0; i < 5; i++)
        for (int j = 0; j < 5; j++) {
            int x = a[i]; unsigned y = b[j];
            OUT(x < y ? 1 : x == y ? 2 : 3);
            OUT(x < 0 ? (x < -3 ? x : y) : (y > 5 ? y : x));
            long long r = x < 0 ? (long long)x : y;
            OUT64(r);
            long long r2 = (i & 1) ? x : y;   /* common type unsigned int */
            OUT64(r2);
            short s = (short)(j * 1000 - 2500);
            unsigned char c = (unsigned char)(i * 70);
            int t = s < c ? s : c;
            OUT(t);
            OUT((i > j) ? (j > 2 ? -1 : 1u) > 0 : 5);
            signed char sc = (signed char)(x);
            OUT(sc < 0 ? sc : sc > 10 ? 10 : sc);
        }
    return 0;
}
