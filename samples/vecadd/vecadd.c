/* Vector addition C = A + B over MRAM, in the modern style: every tasklet runs main().
 *
 * The host puts this DPU's slices of A and B into the MRAM arrays A and B and the element
 * count into `args`, launches, and reads C back.  The vectors are cut into blocks of
 * BLOCK_BYTES; tasklet t handles blocks t, t + NR_TASKLETS, t + 2 NR_TASKLETS ... : it reads
 * the block of A and of B into WRAM, adds them, and writes the sum to C. */
#include <stdint.h>
#include <alloc.h>
#include <defs.h>
#include <mram.h>
#include "vecadd.h"

__host struct vecadd_args args;

/* __mram_noinit: in MRAM, not part of the executable's image (the host fills them). */
__mram_noinit uint32_t A[MAX_ELEMS];
__mram_noinit uint32_t B[MAX_ELEMS];
__mram_noinit uint32_t C[MAX_ELEMS];

int main(void)
{
    /* Each tasklet gets its own WRAM buffers: mem_alloc is shared and safe to call
     * concurrently, and its blocks are 8-byte aligned, as DMA needs. */
    uint32_t *a = mem_alloc(BLOCK_BYTES);
    uint32_t *b = mem_alloc(BLOCK_BYTES);
    const uint32_t n = args.n;

    for (uint32_t first = me() * BLOCK_ELEMS; first < n; first += NR_TASKLETS * BLOCK_ELEMS) {
        uint32_t count = n - first < BLOCK_ELEMS ? n - first : BLOCK_ELEMS;
        /* A DMA moves a multiple of 8 bytes: an odd count reads and writes one element more.
         * That element is still inside the host's slices, which it pads to 8 bytes. */
        uint32_t bytes = (count * sizeof(uint32_t) + 7) & ~7u;

        mram_read(&A[first], a, bytes);
        mram_read(&B[first], b, bytes);
        for (uint32_t i = 0; i < count; i++)
            a[i] += b[i];
        mram_write(a, &C[first], bytes);
    }
    return 0;
}
