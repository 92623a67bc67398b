/* Sum, minimum and maximum of the uint32 values this DPU holds in MRAM, in the modern style:
 * every tasklet runs main().
 *
 * Each tasklet reduces its share of the 2 KiB blocks (blocks t, t + NR_TASKLETS, ...) into
 * partial[t].  Then the tasklets combine their partial results pairwise, in a tree, meeting
 * with handshakes: at step k = 1, 2, 4, 8 ... a tasklet whose id has bit k set hands its
 * result to tasklet id - k (handshake_notify) and stops; tasklet id - k waits for it
 * (handshake_wait_for) and adds it to its own.  After log2(NR_TASKLETS) steps tasklet 0 holds
 * the DPU's result, and writes it where the host reads it.
 *
 *     step 1:  0 <- 1   2 <- 3   4 <- 5   6 <- 7 ...
 *     step 2:  0 <- 2            4 <- 6         ...
 *     step 4:  0 <- 4                           ...
 *
 * The host writes the values at DPU_MRAM_HEAP_POINTER (the first free byte of MRAM) and their
 * count into nr_values. */
#include <stdint.h>
#include <alloc.h>
#include <defs.h>
#include <handshake.h>
#include <mram.h>
#include "reduction.h"

__host uint32_t nr_values;                /* values in this DPU's MRAM */
__host struct reduction_result result;    /* this DPU's answer */

static struct reduction_result partial[NR_TASKLETS];

/* Combines two results into the first. */
static void combine(struct reduction_result *into, const struct reduction_result *from)
{
    into->sum += from->sum;
    if (from->min < into->min)
        into->min = from->min;
    if (from->max > into->max)
        into->max = from->max;
}

/* Reduces one block of values into *r.  Its own function, with its own few variables: the
 * loop over the values keeps everything in registers. */
static void reduce_block(const uint32_t *block, uint32_t count, struct reduction_result *r)
{
    uint64_t sum = 0;
    uint32_t min = UINT32_MAX, max = 0;
    for (uint32_t i = 0; i < count; i++) {
        uint32_t v = block[i];
        sum += v;
        if (v < min)
            min = v;
        if (v > max)
            max = v;
    }
    struct reduction_result b = {sum, min, max};
    combine(r, &b);
}

int main(void)
{
    const uint32_t id = me(), n = nr_values;
    const __mram_ptr uint32_t *values = DPU_MRAM_HEAP_POINTER;
    uint32_t *block = mem_alloc(BLOCK_BYTES);

    /* This tasklet's blocks.  Only the n values count: the host pads its transfer to 8 bytes,
     * and a zero of padding would be a wrong minimum. */
    struct reduction_result mine = {0, UINT32_MAX, 0};
    for (uint32_t first = id * BLOCK_ELEMS; first < n; first += NR_TASKLETS * BLOCK_ELEMS) {
        uint32_t count = n - first < BLOCK_ELEMS ? n - first : BLOCK_ELEMS;
        mram_read(values + first, block, (count * sizeof(uint32_t) + 7) & ~7u);
        reduce_block(block, count, &mine);
    }
    partial[id] = mine;

    /* The tree.  A handshake is a rendezvous: when handshake_wait_for(id + k) returns,
     * tasklet id + k has finished writing partial[id + k]. */
    for (uint32_t k = 1; k < NR_TASKLETS; k <<= 1) {
        if (id & k) {
            handshake_notify();
            return 0;
        }
        if (id + k < NR_TASKLETS) {
            handshake_wait_for(id + k);
            combine(&partial[id], &partial[id + k]);
        }
    }
    result = partial[0]; /* only tasklet 0 gets here */
    return 0;
}
