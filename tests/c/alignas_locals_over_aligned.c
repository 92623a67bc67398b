/* Locals aligned past the stack's 8 bytes (_Alignas(16), _Alignas(32), aligned(64)) sit at
 * addresses with those alignments, whatever the frame's, at every call depth. */
#include "check.h"

struct wide { _Alignas(32) int v[3]; };

static int check_depth(int depth)
{
    _Alignas(16) char small[3];
    struct wide w;
    __attribute__((aligned(64))) short big[5];
    char plain = (char)depth;
    small[0] = (char)depth;
    w.v[0] = depth;
    big[0] = (short)depth;
    int ok = (unsigned long)small % 16 == 0 && (unsigned long)&w % 32 == 0 &&
             (unsigned long)big % 64 == 0;
    int sub = depth ? check_depth(depth - 1) : 1;
    return ok && sub && small[0] == plain && w.v[0] == depth && big[0] == depth;
}

int main(void)
{
    for (int d = 0; d < 5; d++)
        OUT(check_depth(d));
    _Alignas(16) long long pair[2] = {1, 2};
    OUT((unsigned long)pair % 16);
    OUT(pair[0] + pair[1]);
    OUT(_Alignof(struct wide));
    OUT(sizeof(struct wide));
    return 0;
}
