/* The goto-cleanup idiom: acquisitions in order, failure at each step jumping to the label
 * that releases exactly what was taken, recorded in a log. */
#include "check.h"
static int log_[32], nlog;
static int take(int what, int fail_at) { log_[nlog++] = what; return what != fail_at; }
static void release(int what) { log_[nlog++] = -what; }
static int run(int fail_at)
{
    int rc = -1;
    if (!take(1, fail_at)) goto out;
    if (!take(2, fail_at)) goto undo1;
    if (!take(3, fail_at)) goto undo2;
    rc = 0;
    release(3);
undo2:
    release(2);
undo1:
    release(1);
out:
    return rc;
}
int main(void)
{
    for (int f = 0; f <= 3; f++) {
        nlog = 0;
        OUT(run(f)); OUT(nlog);
        int s = 0; for (int i = 0; i < nlog; i++) s = s * 10 + (log_[i] + 5);
        OUT(s);
    }
    return 0;
}
