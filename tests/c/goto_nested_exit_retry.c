/* goto for control flow C has no statement for: leaving three nested loops at once, a retry
 * loop jumping backwards with a counter, jumping forward over initialisations into a shared
 * exit path, and a goto-built loop with a conditional backward jump. */
#include "check.h"
static int find3(int target, int *oi, int *oj, int *ok)
{
    for (int i = 0; i < 10; i++)
        for (int j = 0; j < 10; j++)
            for (int k = 0; k < 10; k++)
                if (i * 100 + j * 10 + k == target && (i + j + k) % 2 == 0) { *oi = i; *oj = j; *ok = k; goto found; }
    return 0;
found:
    return 1;
}
static int attempts;
static int flaky(int n) { return ++attempts % n == 0; }
static int with_retry(int n)
{
    int tries = 0;
retry:
    tries++;
    if (!flaky(n)) { if (tries < 10) goto retry; return -1; }
    return tries;
}
static int cleanup(int fail_at)
{
    int steps = 0;
    steps += 1; if (fail_at == 1) goto out1;
    steps += 10; if (fail_at == 2) goto out2;
    steps += 100;
out2:
    steps += 1000;
out1:
    steps += 10000;
    return steps;
}
int main(void)
{
    int i = -1, j = -1, k = -1;
    OUT(find3(246, &i, &j, &k)); OUT(i * 100 + j * 10 + k); OUT(find3(247, &i, &j, &k));
    OUT(with_retry(3)); OUT(with_retry(4)); OUT(with_retry(20)); OUT(attempts);
    OUT(cleanup(0)); OUT(cleanup(1)); OUT(cleanup(2));
    int n = 0, s = 0;
top:
    s += n * n;
    if (++n < 8) goto top;
    OUT(s);
    return 0;
}
