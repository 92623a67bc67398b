/* DMA between MRAM and WRAM: n in 8..2048, a multiple of 8; both addresses 8-byte aligned.
 * A violation faults (code 3) instead of corrupting memory. */
#ifndef _DPU_MRAM_H
#define _DPU_MRAM_H
void mram_read(const __mram_ptr void *from, void *to, unsigned int n);
void mram_write(const void *from, __mram_ptr void *to, unsigned int n);
#endif
