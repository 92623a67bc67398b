/* Unsigned bit-fields wrap modulo 2^width on increment, compound assignment and stores of
 * wider values; neighbours in the same unit stay untouched. */
#include "check.h"
struct r { unsigned lo : 4; unsigned mid : 11; unsigned hi : 17; };
int main(void)
{
    struct r v = {0, 0, 0};
    for (int i = 0; i < 40; i++) { v.lo++; v.mid += 100; v.hi -= 3; }
    OUT(v.lo); OUT(v.mid); OUT(v.hi);
    v.lo = 0x123; v.mid = 0xFFFF; v.hi = 0xFFFFFFFF;
    OUT(v.lo); OUT(v.mid); OUT(v.hi);
    v.mid = 0; OUT(v.lo); OUT(v.hi);
    v.lo *= 3; OUT(v.lo); v.hi <<= 5; OUT(v.hi); v.mid |= 0x7FF; v.mid ^= 0x555; OUT(v.mid);
    OUT(v.lo + v.mid + v.hi); OUT(sizeof v);
    return 0;
}
