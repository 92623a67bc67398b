/* Counting down with unsigned indices (the `i-- > 0` idiom), loops ending at 0 and at
 * UINT_MAX wrap, and signed/unsigned loop bounds. */
#include "check.h"
int main(void)
{
    int a[10]; for (int i = 0; i < 10; i++) a[i] = i * i;
    unsigned s = 0;
    for (unsigned i = 10; i-- > 0;) s = s * 3 + (unsigned)a[i];
    OUT(s);
    unsigned n = 0;
    for (unsigned i = 0xFFFFFFFAu; i != 3; i++) n++;
    OUT(n);
    unsigned char c = 250; int steps = 0;
    while (c != 4) { c++; steps++; }
    OUT(steps);
    unsigned long long big = 5, cnt = 0;
    while (big-- != 0) cnt += big;
    OUT64(big); OUT64(cnt);
    int x = 0; for (unsigned short h = 65530; h != 2; h++) x++;
    OUT(x);
    return 0;
}
