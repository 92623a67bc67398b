/* A histogram of the bytes this DPU holds in MRAM, in the modern style: every tasklet runs
 * main(), in three phases.
 *
 *   1. Clear: each tasklet clears its share of the result (WRAM keeps the last launch's
 *      histogram) and its private histogram; a barrier makes sure the whole result is clear
 *      before anybody adds to it.
 *   2. Count: tasklet t reads blocks t, t + NR_TASKLETS, ... of the input into WRAM and counts
 *      their bytes in its private histogram: no sharing, so no locking per byte.
 *   3. Merge: each tasklet adds its private histogram to the result, a segment of bins at a
 *      time, under that segment's mutex.
 *
 * The host writes the input at DPU_MRAM_HEAP_POINTER (the first free byte of MRAM), its length
 * into input_size and the bin shift into bin_shift, launches, and reads `histogram`. */
#include <stdint.h>
#include <alloc.h>
#include <barrier.h>
#include <defs.h>
#include <mram.h>
#include <mutex.h>
#include "histogram.h"

__host uint32_t input_size;          /* bytes of input: different for each DPU (pushed) */
__host uint32_t bin_shift;           /* byte b counts in bin b >> bin_shift (broadcast) */
__host uint32_t histogram[NR_BINS];  /* the result, which the host gathers */

BARRIER_INIT(cleared, NR_TASKLETS);
/* One mutex per segment of SEGMENT_BINS bins of the result.  A mutex is an atomic bit:
 * MUTEX_INIT(name) declares one, an array of __atomic_bit declares several (one bit each). */
#define NR_SEGMENTS 16
#define SEGMENT_BINS (NR_BINS / NR_SEGMENTS)
__atomic_bit unsigned char segment_lock[NR_SEGMENTS];

int main(void)
{
    const uint32_t id = me();
    const uint32_t size = input_size, shift = bin_shift;
    const __mram_ptr uint8_t *input = DPU_MRAM_HEAP_POINTER;

    /* 1. Clear. */
    for (uint32_t bin = id; bin < NR_BINS; bin += NR_TASKLETS)
        histogram[bin] = 0;
    uint32_t *mine = mem_alloc(NR_BINS * sizeof(uint32_t));
    for (uint32_t bin = 0; bin < NR_BINS; bin++)
        mine[bin] = 0;
    uint8_t *block = mem_alloc(BLOCK_BYTES);
    barrier_wait(&cleared);

    /* 2. Count. */
    for (uint32_t start = id * BLOCK_BYTES; start < size; start += NR_TASKLETS * BLOCK_BYTES) {
        uint32_t length = size - start < BLOCK_BYTES ? size - start : BLOCK_BYTES;
        /* DMA moves multiples of 8 bytes: the host pads the input, only `length` count. */
        mram_read(input + start, block, (length + 7) & ~7u);
        for (uint32_t i = 0; i < length; i++)
            mine[block[i] >> shift]++;
    }

    /* 3. Merge, segment by segment, each under its own mutex.  Tasklet t starts with segment
     * t and goes round: the tasklets start on different segments and rarely meet, where one
     * mutex for the whole histogram would make them merge one after the other. */
    for (uint32_t k = 0; k < NR_SEGMENTS; k++) {
        uint32_t segment = (id + k) % NR_SEGMENTS;
        uint32_t first = segment * SEGMENT_BINS;
        mutex_lock(&segment_lock[segment]);
        for (uint32_t bin = first; bin < first + SEGMENT_BINS; bin++)
            histogram[bin] += mine[bin];
        mutex_unlock(&segment_lock[segment]);
    }
    return 0;
}
