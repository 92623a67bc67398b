/* The system's basic types, in one place so that every header naming a tasklet agrees. */
#ifndef _DPU_SYSDEF_H
#define _DPU_SYSDEF_H
/* A tasklet's id: what me() returns and what handshakes and barriers name. */
typedef unsigned int sysname_t;
#endif
