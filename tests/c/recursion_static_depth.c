/* Recursion with static locals shared by all activations: a depth counter incremented on entry
 * and decremented on exit, the maximum depth reached, a call counter, and results that depend
 * on the shared state (memoised Fibonacci in a static array). */
#include "check.h"
static int maxdepth, ncalls;
static int walk(int n)
{
    static int depth;
    depth++; ncalls++;
    if (depth > maxdepth) maxdepth = depth;
    int r = n <= 1 ? n : walk(n - 1) + walk(n - 2);
    depth--;
    return r;
}
static long long memo_fib(int n)
{
    static long long memo[91]; static int filled;
    if (n <= 1) return n;
    if (memo[n]) return memo[n];
    filled++;
    return memo[n] = memo_fib(n - 1) + memo_fib(n - 2);
}
static int filled_count(void) { return (int)memo_fib(0); }
int main(void)
{
    OUT(walk(10)); OUT(maxdepth); OUT(ncalls);
    maxdepth = ncalls = 0; OUT(walk(3)); OUT(maxdepth); OUT(ncalls);
    OUT64(memo_fib(90)); OUT64(memo_fib(50)); OUT64(memo_fib(91 - 1) - memo_fib(89)); OUT(filled_count());
    return 0;
}
