/* The out-of-line part of seqread.h: everything that moves the cache (a DMA of two pages). */
#include <seqread.h>
#include <mram.h>

static void *fill(seqreader_t *reader, uintptr_t mram_addr, unsigned int page)
{
    uintptr_t base = mram_addr & ~(uintptr_t)7;
    reader->mram_addr = base;
    mram_read((const __mram_ptr void *)base, (void *)reader->wram_cache, 2 * page);
    return (void *)(reader->wram_cache + (mram_addr - base));
}

void *__seqread_init(seqreader_buffer_t cache, uintptr_t mram_addr, seqreader_t *reader,
                     unsigned int page)
{
    reader->wram_cache = cache;
    return fill(reader, mram_addr, page);
}

void *__seqread_seek(uintptr_t mram_addr, seqreader_t *reader, unsigned int page)
{
    /* A target inside the first page is already cached with its margin: no DMA. */
    if (mram_addr - reader->mram_addr < page)
        return (void *)(reader->wram_cache + (mram_addr - reader->mram_addr));
    return fill(reader, mram_addr, page);
}

void *__seqread_advance(uintptr_t ptr, seqreader_t *reader, unsigned int page)
{
    uintptr_t offset = ptr - reader->wram_cache;
    uintptr_t pages = offset & ~(uintptr_t)(page - 1);
    reader->mram_addr += pages;
    mram_read((const __mram_ptr void *)reader->mram_addr, (void *)reader->wram_cache, 2 * page);
    return (void *)(ptr - pages);
}
