/* _Noreturn functions (one that longjmps is avoided: it loops to exit through a flag-free path
 * by calling a function that never returns in practice only when asked), _Static_assert at file
 * scope, in a function and in a struct, with sizeof and enum constants in the condition. */
#include "check.h"
#include <stddef.h>
_Static_assert(sizeof(int) == 4, "int is 32-bit");
_Static_assert(sizeof(long long) == 8 && sizeof(short) == 2, "sizes");
enum { LIMIT = 16 };
_Static_assert(LIMIT * 2 == 32, "enum constant");
struct s { char c; int i; _Static_assert(1, "inside a struct"); };
_Static_assert(offsetof(struct s, i) == 4, "offsetof");
static int calls;
_Noreturn static void stop_forever(int *flag) { calls++; for (;;) { if (*flag) { *flag = 0; calls += 10; } else __builtin_trap(); } }
static int safe(int x) { if (x < 0) { int f = 0; if (x < -1000) stop_forever(&f); return -1; } return x * 2; }
int main(void)
{
    _Static_assert(sizeof(struct s) == 8, "layout");
    OUT(safe(4)); OUT(safe(-3)); OUT(calls); OUT(LIMIT);
    for (int i = 0; i < 3; i++) { _Static_assert(LIMIT > 0, "loop"); OUT(safe(i)); }
    return 0;
}
