#include "check.h"
static int next_id(void) { static int id = 100; return id++; }
static unsigned rng(void) { static unsigned s = 1; s ^= s << 13; s ^= s >> 17; s ^= s << 5; return s; }
static int calls_a(int reset) { static int n; if (reset) { int o = n; n = 0; return o; } return ++n; }
static int calls_b(void) { static int n; return ++n; }  /* distinct from calls_a's n */
static long long running_sum(int x) { static long long total = 0x100000000LL; total += x; return total; }
static const char *cycle(void) { static const char *names[] = {"x", "yy", "zzz"}; static int i; const char *r = names[i]; i = (i + 1) % 3; return r; }
static int fib_memo(int n) { static int memo[40]; if (n < 2) return n; if (memo[n]) return memo[n]; return memo[n] = fib_memo(n - 1) + fib_memo(n - 2); }
int main(void)
{
    for (int i = 0; i < 5; i++) OUT(next_id());
    for (int i = 0; i < 8; i++) OUT(rng());
    for (int i = 0; i < 7; i++) calls_a(0);
    OUT(calls_b()); OUT(calls_a(1)); OUT(calls_a(0)); OUT(calls_b());
    for (int i = -5; i < 10; i++) OUT64(running_sum(i * 100000000));
    int len = 0; for (int i = 0; i < 10; i++) { const char *p = cycle(); while (*p++) len++; } OUT(len);
    OUT(fib_memo(30)); OUT(fib_memo(35)); OUT(fib_memo(10));
    OUT(next_id());
    return 0;
}
