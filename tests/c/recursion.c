#include "check.h"
static int ack(int m, int n)
{
    if (m == 0) return n + 1;
    if (n == 0) return ack(m - 1, 1);
    return ack(m - 1, ack(m, n - 1));
}
static unsigned fact(unsigned n) { return n <= 1 ? 1 : n * fact(n - 1); }
int main(void)
{
    OUT(ack(2, 3));
    OUT(fact(10));
    OUT(fact(13));
    return 0;
}
