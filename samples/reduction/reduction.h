/* What the reduction's DPU program and its host (run.py) agree on. */
#ifndef REDUCTION_H
#define REDUCTION_H
#include <stdint.h>

/* Bytes a tasklet reads per DMA: 2048, the most mram_read moves at once.  One buffer per
 * tasklet: 16 x 2 KiB = 32 KiB of the WRAM heap. */
#ifndef BLOCK_BYTES
#define BLOCK_BYTES 2048
#endif
#define BLOCK_ELEMS (BLOCK_BYTES / sizeof(uint32_t))

/* What a tasklet computes over its values, what two tasklets combine into one, and what a DPU
 * answers (the __host variable `result`: 16 bytes, "<QII" for Python's struct module).  Over
 * no values at all: sum 0, min UINT32_MAX, max 0, which change nothing when combined. */
struct reduction_result {
    uint64_t sum; /* 64 bits: 2^24 values of 2^32 - 1 (64 MiB of MRAM) cannot overflow it */
    uint32_t min;
    uint32_t max;
};

#endif
