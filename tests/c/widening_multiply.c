#include "check.h"
volatile int a = -123456789, b = 987654321;
volatile unsigned ua = 0xfffffff0u, ub = 0x12345678u;
volatile long long x = -0x123456789LL, y = 0x7654321;
int main(void)
{
    OUT64((long long)a * b); OUT64((long long)a * a); OUT64((unsigned long long)ua * ub);
    OUT64((unsigned long long)ua * ua); OUT64((long long)ua * a);
    OUT64(x * y); OUT64(x * -y); OUT64(-x * -y); OUT64((unsigned long long)x * (unsigned long long)x);
    OUT64(x * 10); OUT64(x * -3); OUT64((unsigned long long)x * 0x100000000ULL); OUT64(y * 1000000007LL);
    unsigned long long hi = ((unsigned long long)ua * ub) >> 32; OUT(hi);
    long long shi = ((long long)a * b) >> 32; OUT(shi);
    OUT(a * 7); OUT(a * -10); OUT(ua * ub); OUT((short)a * (short)b);
    long long f = 1; for (int i = 1; i <= 20; i++) f *= i; OUT64(f);
    return 0;
}
