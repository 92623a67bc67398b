/* The DPU attributes.  dpucc predefines __mram_ptr, __mram, __mram_noinit, __host,
 * __dma_aligned, __keep, __noinline, __weak and __section(s) (frontend/preprocess.py), because
 * programs use them without including anything; this header adds the ones that name a runtime
 * convention rather than a compiler feature, so programs written for the SDK, which include it,
 * compile unchanged. */
#ifndef _DPU_ATTRIBUTES_H
#define _DPU_ATTRIBUTES_H
/* An atomic bit (the 256 bits acquire/release work on); the linker gives each its own bit. */
#define __atomic_bit __section(".atomic")
#endif
