/* Mutual recursion across three functions (a Hofstadter female/male pair and a three-way
 * cycle), with declarations before definitions, and recursion depth that depends on the
 * argument; results compared with iterative versions. */
#include "check.h"
static int F(int n);
static int M(int n);
static int F(int n) { return n == 0 ? 1 : n - M(F(n - 1)); }
static int M(int n) { return n == 0 ? 0 : n - F(M(n - 1)); }
static int ra(int n); static int rb(int n); static int rc(int n);
static int ra(int n) { return n <= 0 ? 1 : rb(n - 1) + 1; }
static int rb(int n) { return n <= 0 ? 2 : rc(n - 1) * 2; }
static int rc(int n) { return n <= 0 ? 3 : ra(n - 2) - 1; }
static int q(int n) { return n <= 2 ? 1 : q(n - q(n - 1)) + q(n - q(n - 2)); }
int main(void)
{
    for (int n = 0; n < 10; n++) { OUT(F(n)); OUT(M(n)); }
    for (int n = 0; n < 10; n++) OUT(ra(n));
    for (int n = 1; n < 12; n++) OUT(q(n));
    return 0;
}
