#include "check.h"
volatile long long big = 0x123456789abcdef0LL;
volatile int neg = -123456;
volatile unsigned un = 0xfedcba98u;
int main(void)
{
    OUT((char)big); OUT((unsigned char)big); OUT((short)big); OUT((unsigned short)big);
    OUT((int)big); OUT((unsigned)big);
    OUT((char)neg); OUT((unsigned char)neg); OUT((short)neg); OUT((unsigned short)neg);
    OUT64((long long)neg); OUT64((unsigned long long)neg); OUT64((long long)un);
    OUT64((long long)(int)un); OUT64((unsigned long long)(short)un);
    OUT((signed char)un); OUT((short)un);
    signed char sc = (signed char)0x80; short ss = (short)0x8000;
    OUT(sc); OUT(ss); OUT64((long long)sc); OUT((unsigned)sc); OUT((unsigned short)sc);
    unsigned char uc = (unsigned char)-1; OUT(uc); OUT((signed char)uc); OUT64((long long)uc);
    int i = (unsigned char)200 + (signed char)200; OUT(i);
    long long m = (unsigned)-1; OUT64(m); long long m2 = (int)-1; OUT64(m2);
    return 0;
}
