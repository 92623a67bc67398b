#include "check.h"
#include <stdbool.h>
static bool is_pos(long long v) { return v > 0; }
static bool nonnull(const void *p) { return p; }
volatile long long big = 0x100000000LL;
int main(void)
{
    int x = 0; int *p = &x, *q = 0;
    OUT(nonnull(p)); OUT(nonnull(q)); OUT((bool)p + (bool)q);
    bool b1 = big, b2 = big & 0xffffffff, b3 = (int)big; OUT(b1); OUT(b2); OUT(b3);
    OUT(is_pos(big)); OUT(is_pos(-big)); OUT(is_pos(0));
    bool flags[5]; for (int i = 0; i < 5; i++) flags[i] = i & 1; int n = 0; for (int i = 0; i < 5; i++) n += flags[i] * 10; OUT(n);
    bool t = true, f = false; OUT(t + t + f); OUT(t & f); OUT(t | f); OUT(t ^ t); OUT(!t); OUT(-t); OUT(~t);
    bool c = 3; c += 1; OUT(c); c -= 1; OUT(c); c *= 5; OUT(c); c = c - 1; OUT(c);
    OUT(true == 1); OUT(sizeof(bool));
    return 0;
}
