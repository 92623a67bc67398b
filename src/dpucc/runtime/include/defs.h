/* Who am I: the current tasklet's id, and the program's tasklet count. */
#ifndef _DPU_DEFS_H
#define _DPU_DEFS_H
#include <sysdef.h>
#include <attributes.h>
sysname_t me(void);
/* Stop the DPU with fault 4 (halt), as __builtin_trap does. */
void halt(void) __attribute__((noreturn));
/* Bytes left on the calling tasklet's stack, from the stack pointer at the call to the end of the
 * stack RT Studio gave it; negative once the stack has overflowed.  Stacks grow upward. */
int check_stack(void);
#endif
