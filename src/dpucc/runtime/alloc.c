/* mem_alloc/mem_reset: the heap starts at __sys_heap_pointer_reset (the linker's first free
 * WRAM byte) and ends with WRAM.  __sys_heap_pointer is 0 until the first allocation; the
 * bootstrap clears it at every boot, so each launch starts with an empty heap, as UPMEM's
 * runtime does ("a reboot of the DPU resets the heap"). */
#include <alloc.h>
#include <mutex.h>

#define WRAM_END 65536u

extern char __sys_heap_pointer_reset;
unsigned int __sys_heap_pointer;
MUTEX_INIT(__heap);

void *mem_alloc(size_t size)
{
    mutex_lock(MUTEX_GET(__heap));
    if (__sys_heap_pointer == 0)
        __sys_heap_pointer = (unsigned int)&__sys_heap_pointer_reset;
    unsigned int p = __sys_heap_pointer;
    unsigned int rounded = (size + 7u) & ~7u;
    if (rounded < size || rounded > WRAM_END - p)
        __asm__ volatile("fault 1");
    __sys_heap_pointer = p + rounded;
    mutex_unlock(MUTEX_GET(__heap));
    return (void *)p;
}

void mem_reset(void)
{
    mutex_lock(MUTEX_GET(__heap));
    __sys_heap_pointer = (unsigned int)&__sys_heap_pointer_reset;
    mutex_unlock(MUTEX_GET(__heap));
}
