/* The WRAM heap: an 8-byte-aligned bump allocator shared by all tasklets; fault 1 when full. */
#ifndef _DPU_ALLOC_H
#define _DPU_ALLOC_H
#include <stddef.h>
void *mem_alloc(size_t size);
void mem_reset(void);
/* The seed's name: DMA buffers are 8-byte aligned, as every mem_alloc block is. */
#define dma_alloc(size) mem_alloc(size)
#endif
