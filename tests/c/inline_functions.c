#include "check.h"
static inline int sq(int x) { return x * x; }
static inline __attribute__((always_inline)) int cube(int x) { return x * sq(x); }
static __attribute__((noinline)) int add3(int a, int b, int c) { return a + b + c; }
inline static long long twice(long long v) { return v + v; }
int main(void)
{
    int s = 0;
    for (int i = -5; i <= 5; i++) s += cube(i) + sq(i);
    OUT(s); OUT(add3(sq(2), cube(2), 1)); OUT64(twice(1LL << 40));
    return 0;
}
