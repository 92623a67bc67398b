/* Promotions of signed char / short: sign extension into int before any operation, with
 * mixing against unsigned char and the narrowing stores that wrap modulo 2^N. */
#include "check.h"
volatile signed char sc = -100, sd = 27;
volatile short s1 = -32000, s2 = 1234;
volatile unsigned char uc = 250;
int main(void)
{
    OUT(sc + sd); OUT(sc * sd); OUT(sc - 100); OUT(sc / 7); OUT(sc % 7); OUT(sc >> 2);
    OUT(sc + uc); OUT(sc * uc); OUT(sc < uc); OUT((unsigned char)sc < uc);
    OUT(s1 + s2); OUT(s1 * 2); OUT(s1 - s2 - s2); OUT(s1 / s2); OUT(s1 % s2); OUT(~s1);
    signed char t = sc - 100; OUT(t);
    short u = s1 - 2000; OUT(u);
    t = sc; t *= 3; OUT(t); t = 127; t++; OUT(t); t = -128; t--; OUT(t);
    u = 32767; u += 1; OUT(u); u = s2; u <<= 5; OUT(u);
    OUT((short)(sc * sd * sd)); OUT((signed char)(s2)); OUT((unsigned short)sc);
    return 0;
}
