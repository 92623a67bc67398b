/* Integer arithmetic on symbol addresses that the optimiser folds into constant expressions no
 * relocation can hold (0 - &sym, &a ^ &b): they must be computed at run time. */
#include "check.h"
#include <stdint.h>
char sym[8], other[8];
static volatile unsigned va = 1000, vb = 7;
__attribute__((noinline)) static uintptr_t off(uintptr_t a, uintptr_t b) { return a - b - (uintptr_t)sym; }
__attribute__((noinline)) static uintptr_t mixed(uintptr_t a) { return a ^ ((uintptr_t)sym - (uintptr_t)other); }
int main(void)
{
    OUT((unsigned)(off(va, vb) + (uintptr_t)sym));
    OUT((unsigned)(mixed(va) ^ ((uintptr_t)sym - (uintptr_t)other)));
    OUT((unsigned)((uintptr_t)&sym[5] - (uintptr_t)sym));
    return 0;
}
