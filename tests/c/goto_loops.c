#include "check.h"
static int sum_goto(int n) { int i = 0, s = 0; loop: if (i >= n) goto done; s += i * i; i++; goto loop; done: return s; }
static int find2d(int (*m)[5], int rows, int key, int *r, int *c) {
    for (int i = 0; i < rows; i++) for (int j = 0; j < 5; j++) if (m[i][j] == key) { *r = i; *c = j; goto found; }
    return 0;
found:
    return 1;
}
static int cleanup_chain(int fail_at) {
    int res = 0;
    res |= 1; if (fail_at == 1) goto f1;
    res |= 2; if (fail_at == 2) goto f2;
    res |= 4; if (fail_at == 3) goto f3;
    return res;
f3: res |= 0x400;
f2: res |= 0x200;
f1: res |= 0x100;
    return res;
}
static unsigned collatz(unsigned n) { unsigned steps = 0; top: if (n == 1) return steps; steps++; if (n & 1) { n = 3 * n + 1; goto top; } n >>= 1; goto top; }
int main(void)
{
    OUT(sum_goto(0)); OUT(sum_goto(10)); OUT(sum_goto(100));
    int m[4][5]; for (int i = 0; i < 4; i++) for (int j = 0; j < 5; j++) m[i][j] = i * 7 + j * 3;
    int r = -1, c = -1;
    OUT(find2d(m, 4, 17, &r, &c)); OUT(r); OUT(c);
    OUT(find2d(m, 4, 1000, &r, &c));
    for (int f = 0; f < 4; f++) OUT(cleanup_chain(f));
    for (unsigned n = 1; n < 30; n++) OUT(collatz(n));
    int i = 0, acc = 0;
again:
    acc += i;
    if (++i < 20) { if (i % 3 == 0) goto again; acc ^= i; goto again; }
    OUT(acc);
    return 0;
}
