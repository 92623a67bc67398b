/* Conversions to narrower signed types of values that do not fit: the result is
 * implementation-defined, and gcc (like dpucc) reduces modulo 2^N; also to _Bool, from 64-bit,
 * and the sign extension when the narrowed value is widened again. */
#include "check.h"
static volatile int vi[] = { 128, 255, 256, -129, 32768, 65535, -32769, 0x12345678, -1, 0x7fffffff };
static volatile long long vl[] = { 0x80000000LL, 0xffffffffLL, 0x100000001LL, -0x80000001LL, 0x7fffffffffffffffLL };
int main(void)
{
    for (int i = 0; i < 10; i++) {
        int x = vi[i];
        signed char c = (signed char)x; short s = (short)x; _Bool b = x;
        OUT(c); OUT(s); OUT(b); OUT((int)(signed char)(x >> 4)); OUT((unsigned char)x); OUT((unsigned short)x);
    }
    for (int i = 0; i < 5; i++) {
        long long x = vl[i];
        int n = (int)x; short s = (short)x; signed char c = (signed char)x;
        OUT(n); OUT(s); OUT(c); OUT64((long long)n); OUT((_Bool)x);
    }
    short w = 30000; w += 30000; OUT(w); signed char q = 100; q *= 3; OUT(q);
    return 0;
}
