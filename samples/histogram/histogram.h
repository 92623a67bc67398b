/* What the histogram's DPU program and its host (run.py) agree on. */
#ifndef HISTOGRAM_H
#define HISTOGRAM_H

/* The result: one uint32_t count per byte value.  With bin_shift = s, byte b counts in bin
 * b >> s, so the host asks for 256, 128, ... or 1 bins; the rest of the array stays 0. */
#define NR_BINS 256

/* Bytes a tasklet reads per DMA.  Each tasklet holds a block and a private histogram of
 * NR_BINS words in the WRAM heap: 16 x (1 KiB + 1 KiB) = 32 KiB.  2 KiB blocks would need
 * 48 KiB, which does not fit next to the 16 stacks of 1 KiB and the program's variables. */
#ifndef BLOCK_BYTES
#define BLOCK_BYTES 1024
#endif

#endif
