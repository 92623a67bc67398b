/* __builtin_offsetof with nested members and array elements, offsetof from <stddef.h> in
 * constant expressions (array sizes, case labels), and __builtin_expect / __builtin_constant_p
 * leaving values unchanged. */
#include "check.h"
#include <stddef.h>
struct inner { short a; char b[5]; int c; };
struct outer { char x; struct inner in[3]; long long y; };
static char buf[__builtin_offsetof(struct outer, in[2].c)];
static int which(int off)
{
    switch (off) {
    case offsetof(struct outer, x): return 1;
    case offsetof(struct outer, in): return 2;
    case offsetof(struct outer, y): return 3;
    default: return 0;
    }
}
int main(void)
{
    OUT(__builtin_offsetof(struct outer, in)); OUT(__builtin_offsetof(struct outer, in[1])); OUT(__builtin_offsetof(struct outer, in[1].b[3]));
    OUT(__builtin_offsetof(struct outer, y)); OUT(offsetof(struct inner, c)); OUT(sizeof buf);
    OUT(which(0)); OUT(which(4)); OUT(which(offsetof(struct outer, y))); OUT(which(3));
    int n = 0; for (int i = 0; i < 100; i++) if (__builtin_expect(i % 7 == 0, 0)) n++; OUT(n);
    long v = __builtin_expect(12345L, 1L); OUT(v);
    OUT(__builtin_constant_p(3 * 4)); OUT(__builtin_expect(!!n, 1));
    return 0;
}
