/* Who am I: the current tasklet's id, and the program's tasklet count. */
#ifndef _DPU_DEFS_H
#define _DPU_DEFS_H
typedef unsigned int sysname_t;
sysname_t me(void);
/* Stop the DPU with fault 4 (halt), as __builtin_trap does. */
void halt(void) __attribute__((noreturn));
#endif
