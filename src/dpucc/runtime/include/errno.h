/* errno, one per tasklet: tasklets run the same library code at the same time, so a single
 * variable would let one tasklet's error overwrite another's before it is read.  The words live
 * in __sys_errno, which RT Studio sizes to the program's tasklet ids (the library, compiled once
 * for every program, cannot know them).  Numbers are Linux's, so messages and host code that
 * know them read DPU errors the same way. */
#ifndef _DPU_ERRNO_H
#define _DPU_ERRNO_H
#include <defs.h>
extern int __sys_errno[];
#define errno (__sys_errno[me()])

#define EPERM 1
#define ENOENT 2
#define EIO 5
#define E2BIG 7
#define EBADF 9
#define EAGAIN 11
#define ENOMEM 12
#define EACCES 13
#define EFAULT 14
#define EBUSY 16
#define EEXIST 17
#define ENODEV 19
#define EINVAL 22
#define ENOSPC 28
#define EDOM 33
#define ERANGE 34
#define EDEADLK 35
#define ENOSYS 38
#define EOVERFLOW 75
#define EILSEQ 84
#define ENOTSUP 95
#define EOPNOTSUPP ENOTSUP
#define ETIMEDOUT 110
#endif
