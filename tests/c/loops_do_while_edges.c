/* Loop edge cases: do-while runs its body once even when false, for loops that never run,
 * loops with empty bodies and comma expressions, and continue in do-while jumping to the
 * condition. */
#include "check.h"
int main(void)
{
    int n = 0;
    do n++; while (0);
    OUT(n);
    for (int i = 10; i < 10; i++) n += 100;
    OUT(n);
    int i, j;
    for (i = 0, j = 100; i < j; i += 7, j -= 3) ;
    OUT(i); OUT(j);
    int k = 0, c = 0;
    do { k++; if (k % 3) continue; c += k; } while (k < 20);
    OUT(k); OUT(c);
    unsigned u = 5; int iters = 0;
    while (u--) iters++;
    OUT(iters); OUT(u);
    int w = 0; while (1) { if (++w == 13) break; } OUT(w);
    int z = 3; for (;;) { if (z-- == 0) break; } OUT(z);
    return 0;
}
