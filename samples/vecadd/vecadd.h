/* What the DPU program of the vector addition and its host agree on.  The host (run.py) mirrors
 * these values; it checks the argument block's size against the program's symbol table. */
#ifndef VECADD_H
#define VECADD_H
#include <stdint.h>

/* Bytes each tasklet moves per DMA (mram_read/mram_write take 8..2048 bytes, a multiple of 8).
 * Every tasklet holds two blocks (A's and B's; C is written from A's in place), so the WRAM
 * heap must hold 2 x BLOCK_BYTES x NR_TASKLETS: with 16 tasklets, 2048-byte blocks would need
 * all 64 KiB of WRAM and 1024 bytes is the largest block that fits next to the 16 stacks.
 * With fewer tasklets, e.g. -DNR_TASKLETS=11 -DBLOCK_BYTES=2048, the largest DMA fits. */
#ifndef BLOCK_BYTES
#define BLOCK_BYTES 1024
#endif
#define BLOCK_ELEMS (BLOCK_BYTES / sizeof(uint32_t))

/* The most elements one DPU can hold: three vectors of 16 MiB, 48 of the 64 MiB of MRAM. */
#define MAX_ELEMS (4u << 20)

/* The arguments the host writes into each DPU before a launch (the __host variable `args`). */
struct vecadd_args {
    uint32_t n; /* elements of A, B and C in this DPU (the host's slices may be padded) */
};

#endif
