/* Non-tail recursion with small depths but many calls: Ackermann for tiny arguments, the
 * Towers of Hanoi move count and a checksum of the moves, binomials by Pascal's rule. */
#include "check.h"
static unsigned ack(unsigned m, unsigned n)
{
    if (m == 0) return n + 1;
    if (n == 0) return ack(m - 1, 1);
    return ack(m - 1, ack(m, n - 1));
}
static unsigned moves, sig;
static void hanoi(int n, int from, int to, int via)
{
    if (n == 0) return;
    hanoi(n - 1, from, via, to);
    moves++; sig = sig * 7 + (unsigned)(from * 3 + to);
    hanoi(n - 1, via, to, from);
}
static int binom(int n, int k) { return k == 0 || k == n ? 1 : binom(n - 1, k - 1) + binom(n - 1, k); }
int main(void)
{
    OUT(ack(0, 0)); OUT(ack(1, 5)); OUT(ack(2, 3)); OUT(ack(3, 2));
    hanoi(8, 0, 2, 1); OUT(moves); OUT(sig);
    OUT(binom(10, 3)); OUT(binom(12, 6));
    return 0;
}
