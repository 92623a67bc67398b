/* && and || evaluate their right operand only when needed; side effects in skipped
 * operands never happen; results are exactly 0 or 1, also for 64-bit and pointer operands. */
#include "check.h"
static int calls;
static int yes(void) { calls++; return 5; }
static int no(void) { calls += 10; return 0; }
int main(void)
{
    OUT(no() && yes()); OUT(calls); OUT(yes() || no()); OUT(calls); OUT(yes() && no()); OUT(calls);
    OUT(no() || no() || yes()); OUT(calls);
    int i = 0; OUT(i++ && i++); OUT(i); OUT(i++ || i++); OUT(i);
    long long big = 0x100000000LL; OUT(big && 1); OUT(!big); OUT(!!big);
    int *p = 0; OUT(p && *p); OUT(!p || *p);
    return 0;
}
