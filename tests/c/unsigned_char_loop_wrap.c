/* Loops over narrow unsigned counters that wrap: unsigned char and unsigned short counters
 * stepping past their maximum, loops counting down to zero with != tests, signed char loops
 * bounded below 127, and narrow arithmetic promoting to int in the loop condition. */
#include "check.h"
int main(void)
{
    unsigned char uc = 250; int n = 0; while (uc != 4) { uc++; n++; } OUT(n); OUT(uc);
    unsigned short us = 65530; n = 0; do { us += 3; n++; } while (us > 10); OUT(n); OUT(us);
    n = 0; for (unsigned char k = 10; k != 0; k -= 2) n += k; OUT(n);
    unsigned sum = 0; for (signed char c = -128; c < 127; c++) sum += (unsigned char)c; OUT(sum);
    unsigned char a = 200, b = 100; OUT(a + b); OUT((unsigned char)(a + b)); OUT(a + b > 255);
    int cnt = 0; for (unsigned char x = 0; x < 255; x += 17) cnt++; OUT(cnt);
    unsigned short h = 0; for (int i = 0; i < 1000; i++) h = (unsigned short)(h * 31 + i); OUT(h);
    unsigned char m = 1; int steps = 0; while (m) { m <<= 1; steps++; } OUT(steps);
    return 0;
}
