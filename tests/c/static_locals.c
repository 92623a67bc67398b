#include "check.h"
static int next_id(void) { static int id = 100; return id++; }
static int *cell(void) { static int c; return &c; }
static long long accum(long long v) { static long long total = 1LL << 33; total += v; return total; }
static const char *name(int i) { static const char *const names[] = {"a", "bb", "ccc"}; return names[i]; }
static int fib_memo(int n)
{
    static int memo[40];
    if (n < 2) return n;
    if (memo[n]) return memo[n];
    return memo[n] = fib_memo(n - 1) + fib_memo(n - 2);
}
int main(void)
{
    OUT(next_id()); OUT(next_id()); OUT(next_id());
    *cell() = 5; *cell() += 1; OUT(*cell());
    accum(5); OUT64(accum(-10));
    OUT(name(2)[2]);
    OUT(fib_memo(35));
    for (int i = 0; i < 3; i++) { static int k = 10; k += i; OUT(k); }
    return 0;
}
