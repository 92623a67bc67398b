/* The WRAM heap: an 8-byte-aligned bump allocator shared by all tasklets; fault 1 when full. */
#ifndef _DPU_ALLOC_H
#define _DPU_ALLOC_H
#include <stddef.h>
void *mem_alloc(size_t size);
void mem_reset(void);
#endif
