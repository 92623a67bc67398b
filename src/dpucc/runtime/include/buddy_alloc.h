/* A buddy allocator over an arena carved from the WRAM heap: blocks are powers of two from 8
 * bytes (so every block is DMA-aligned) up to the arena, and a freed block merges with its buddy
 * at once, so fragmentation never outlives the allocations that caused it.  Every function may
 * be called by any tasklet at any time (one mutex guards the allocator).
 *
 * buddy_init(size)   carve an arena of size rounded up to a power of two (at least 8) with
 *                    mem_alloc, plus 1/32 of it for bookkeeping; only the first call does
 *                    anything, so every tasklet may call it before using the allocator.  The
 *                    heap faults (fault 1) when it cannot hold the arena.
 * buddy_alloc(n)     an 8-byte-aligned block of at least n bytes, or NULL (with errno ENOMEM)
 *                    when n is 0, larger than the arena, or no free block is large enough, or
 *                    buddy_init has not been called.
 * buddy_free(p)      give a block back; NULL, and pointers that are not the start of a block of
 *                    the arena, are ignored.  Freeing a block twice is undefined.
 * buddy_realloc(p,n) as realloc: NULL p allocates, n 0 frees (and returns NULL); shrinking keeps
 *                    the block and returns the unused halves to the allocator; growing moves the
 *                    contents to a new block; on failure it returns NULL and p stays valid.
 * buddy_reset()      free every block at once (the arena stays). */
#ifndef _DPU_BUDDY_ALLOC_H
#define _DPU_BUDDY_ALLOC_H
#include <stddef.h>
void buddy_init(size_t size);
void *buddy_alloc(size_t size);
void buddy_free(void *ptr);
void *buddy_realloc(void *ptr, size_t size);
void buddy_reset(void);
#endif
