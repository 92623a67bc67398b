/* Who am I: the current tasklet's id, and the program's tasklet count. */
#ifndef _DPU_DEFS_H
#define _DPU_DEFS_H
typedef unsigned int sysname_t;
sysname_t me(void);
#endif
