/* Short-circuit evaluation with side effects: which operands of && and || are evaluated,
 * recorded as a call log, in nested combinations, in loop conditions, with ?: choosing which
 * side to evaluate, and the 0/1 results of the logical operators. */
#include "check.h"
static unsigned logv; static int calls;
static int t(int id, int v) { logv = logv * 8 + id; calls++; return v; }
int main(void)
{
    int r;
    logv = 0; r = t(1, 0) && t(2, 1); OUT(r); OUT(logv);
    logv = 0; r = t(1, 5) && t(2, 7); OUT(r); OUT(logv);
    logv = 0; r = t(1, 3) || t(2, 0); OUT(r); OUT(logv);
    logv = 0; r = t(1, 0) || t(2, 0) || t(3, -1); OUT(r); OUT(logv);
    logv = 0; r = (t(1, 1) && t(2, 0)) || (t(3, 1) && t(4, 2)); OUT(r); OUT(logv);
    logv = 0; r = t(1, 0) && (t(2, 1) || t(3, 1)); OUT(r); OUT(logv);
    logv = 0; r = t(1, 1) ? t(2, 0) || t(3, 4) : t(4, 1); OUT(r); OUT(logv);
    logv = 0; r = !t(1, 0) && !!t(2, 9); OUT(r); OUT(logv);
    int i = 0; calls = 0; while (i < 10 && t(1, i % 4 != 3)) i++; OUT(i); OUT(calls);
    int *p = 0; int safe = p && *p; OUT(safe);
    int z = 0; int q = z != 0 && 10 / z > 1; OUT(q);
    return 0;
}
