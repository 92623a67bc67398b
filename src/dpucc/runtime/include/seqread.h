/* Sequential reading of MRAM through a WRAM cache: a loop over an MRAM array asks for one
 * element at a time and gets a WRAM pointer to it, and the cache is refilled by DMA only when
 * the reading crosses a page.
 *
 *   seqreader_t r;
 *   uint8_t *p = seqread_init(seqread_alloc(), input, &r);
 *   for (unsigned i = 0; i < n; i++, p = seqread_get(p, sizeof(elem_t), &r)) use((elem_t *)p);
 *
 * The cache holds two pages of SEQREAD_CACHE_SIZE bytes (-DSEQREAD_CACHE_SIZE=32..1024, a power
 * of two; 256 by default) and the pointer handed out always lies in the first page.  The second
 * page is the margin that keeps an element contiguous in WRAM: any element of at most one page
 * that starts in the first page ends inside the cache, even when it straddles the page boundary
 * in MRAM.  When a step leaves the first page, the cache moves forward by whole pages and is
 * refilled with one DMA of both pages.  So:
 *
 * - seqread_get(ptr, inc, r): advance by inc bytes; elements (and inc) of at most
 *   SEQREAD_CACHE_SIZE bytes are contiguous.
 * - seqread_init/seqread_seek may start at any byte address (the cache starts at the 8-byte
 *   boundary below it), so the pointer returned is only as aligned as the MRAM address is.
 * - The reader reads up to two pages ahead of the element: they must lie inside MRAM.
 * - Each reader needs its own cache; a tasklet may keep several readers. */
#ifndef _DPU_SEQREAD_H
#define _DPU_SEQREAD_H
#include <stdint.h>
#include <alloc.h>

#ifndef SEQREAD_CACHE_SIZE
#define SEQREAD_CACHE_SIZE 256
#endif
#if SEQREAD_CACHE_SIZE < 32 || SEQREAD_CACHE_SIZE > 1024 \
    || (SEQREAD_CACHE_SIZE & (SEQREAD_CACHE_SIZE - 1)) != 0
#error "SEQREAD_CACHE_SIZE must be a power of two from 32 to 1024"
#endif

typedef uintptr_t seqreader_buffer_t;
typedef struct {
    seqreader_buffer_t wram_cache;  /* two pages */
    uintptr_t mram_addr;  /* the MRAM address the cache's first byte holds */
} seqreader_t;

/* The library is compiled once for programs with different page sizes, so these take the page
 * size from the inline functions below, which are compiled with the program's. */
void *__seqread_init(seqreader_buffer_t cache, uintptr_t mram_addr, seqreader_t *reader,
                     unsigned int page);
void *__seqread_seek(uintptr_t mram_addr, seqreader_t *reader, unsigned int page);
void *__seqread_advance(uintptr_t ptr, seqreader_t *reader, unsigned int page);

static inline seqreader_buffer_t seqread_alloc(void)
{
    return (seqreader_buffer_t)mem_alloc(2 * SEQREAD_CACHE_SIZE);
}

static inline void *seqread_init(seqreader_buffer_t cache, __mram_ptr void *mram_addr,
                                 seqreader_t *reader)
{
    return __seqread_init(cache, (uintptr_t)mram_addr, reader, SEQREAD_CACHE_SIZE);
}

static inline void *seqread_get(void *ptr, uint32_t inc, seqreader_t *reader)
{
    uintptr_t next = (uintptr_t)ptr + inc;
    if (next >= reader->wram_cache + SEQREAD_CACHE_SIZE)
        return __seqread_advance(next, reader, SEQREAD_CACHE_SIZE);
    return (void *)next;
}

static inline void *seqread_seek(__mram_ptr void *mram_addr, seqreader_t *reader)
{
    return __seqread_seek((uintptr_t)mram_addr, reader, SEQREAD_CACHE_SIZE);
}

static inline __mram_ptr void *seqread_tell(void *ptr, seqreader_t *reader)
{
    return (__mram_ptr void *)(reader->mram_addr + ((uintptr_t)ptr - reader->wram_cache));
}
#endif
