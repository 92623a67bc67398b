#include "check.h"
volatile unsigned long long x = 0x8123456789abcdefULL;
volatile long long y = -0x7123456789abcdefLL;
volatile unsigned u = 0x87654321;
volatile int s = -0x789;
int main(void)
{
    OUT64(x >> 1); OUT64(x >> 7); OUT64(x >> 31); OUT64(x >> 32); OUT64(x >> 33); OUT64(x >> 63);
    OUT64(x << 1); OUT64(x << 7); OUT64(x << 31); OUT64(x << 32); OUT64(x << 33); OUT64(x << 63);
    OUT64(y >> 1); OUT64(y >> 7); OUT64(y >> 31); OUT64(y >> 32); OUT64(y >> 33); OUT64(y >> 63);
    OUT(u >> 1); OUT(u >> 16); OUT(u >> 31); OUT(u << 1); OUT(u << 16); OUT(u << 31);
    OUT(s >> 1); OUT(s >> 16); OUT(s >> 31); OUT((unsigned)s * 2 << 3);
    OUT64((unsigned long long)u << 20); OUT64((unsigned long long)(long long)s << 40);
    return 0;
}
