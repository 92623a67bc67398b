#include "check.h"
#define likely(x) __builtin_expect(!!(x), 1)
#define unlikely(x) __builtin_expect(!!(x), 0)
volatile int data[32];
int main(void)
{
    for (int i = 0; i < 32; i++) data[i] = i * 7 % 11;
    int s = 0, big = 0;
    for (int i = 0; i < 32; i++) {
        if (likely(data[i] < 10)) s += data[i];
        else big++;
        if (unlikely(data[i] == 0)) s += 100;
    }
    OUT(s); OUT(big);
    long long e = __builtin_expect(0x100000000LL, 5); OUT64(e);
    OUT(__builtin_expect(data[3], 9));
    switch (__builtin_expect(data[2], 3)) { case 3: OUT(1); break; default: OUT(2); }
    OUT(__builtin_constant_p(12) + __builtin_constant_p(data[1]) * 2);
    return 0;
}
