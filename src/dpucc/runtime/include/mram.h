/* DMA between MRAM and WRAM: n in 8..2048, a multiple of 8; both addresses 8-byte aligned.
 * A violation faults (code 3) instead of corrupting memory. */
#ifndef _DPU_MRAM_H
#define _DPU_MRAM_H
void mram_read(const __mram_ptr void *from, void *to, unsigned int n);
void mram_write(const void *from, __mram_ptr void *to, unsigned int n);
/* The first MRAM byte after the program's own MRAM data: where the free MRAM (the host's usual
 * place for bulk input and output) starts.  The linker defines the symbol. */
extern __mram_ptr unsigned char __sys_used_mram_end[];
#define DPU_MRAM_HEAP_POINTER ((__mram_ptr void *)__sys_used_mram_end)
#endif
