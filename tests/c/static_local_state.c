/* Static locals keep their value between calls, are initialised once (even from constant
 * expressions), and each function (and block) has its own. */
#include "check.h"
static int counter(void) { static int n = 10; return n++; }
static int other(void) { static int n; return n += 3; }
static int *cell(void) { static int c[3] = {1, 2, 3}; return c; }
static unsigned long long fib(void) { static unsigned long long a = 0, b = 1; unsigned long long t = a; a = b; b += t; return t; }
int main(void)
{
    for (int i = 0; i < 3; i++) { OUT(counter()); OUT(other()); }
    cell()[1] = 20; OUT(cell()[0] + cell()[1] + cell()[2]);
    for (int i = 0; i < 90; i++) fib();
    OUT64(fib());
    int s = 0;
    for (int i = 0; i < 5; i++) { static int blockstatic = 100; blockstatic -= i; s += blockstatic; }
    OUT(s);
    return 0;
}
