/* The DPU side of roundtrip.didl, written against the generated roundtrip_interface.h: every
 * tasklet transforms its element of e and f; tasklet 0 also answers through the __host
 * variables and MRAM. */
#include <stdint.h>
#include <mbox.h>
#include <mram.h>
#include <defs.h>
#include "roundtrip_interface.h"

__host uint8_t bytes[16];
__host float fresult;
static __dma_aligned uint8_t block[16];

int main(void)
{
    const void *sys = sys_mbox_recv();
    void *mine = mbox_recv();
    unsigned int id = me();
    int8_t a = TRANSFORM_A_GET(sys);
    uint64_t b = TRANSFORM_B_GET(sys);
    int32_t e = TRANSFORM_E_GET(mine);
    TRANSFORM_E_PUT(mine, 2 * e + a);
    TRANSFORM_F_PUT(mine, (int64_t)b - (int64_t)id * TRANSFORM_D_GET(sys, id % 3));
    if (id == 0) {
        for (int k = 0; k < TRANSFORM_G_LENGTH; k++)
            bytes[TRANSFORM_G_HOST_OFFSET + k] += (uint8_t)(k + 1);
        fresult = -TRANSFORM_C_GET(sys);
        /* h: a u32 at MRAM 0x1004, read through its 8-byte block */
        mram_read((const __mram_ptr void *)(TRANSFORM_H_MRAM_ADDRESS & ~7u), block, 8);
        uint32_t h = *(uint32_t *)&block[TRANSFORM_H_MRAM_ADDRESS & 7];
        /* i: three u16 at MRAM 0x2002..0x2007, inside the 8-byte block at 0x2000 */
        mram_read((const __mram_ptr void *)(TRANSFORM_I_MRAM_ADDRESS & ~7u), block, 8);
        for (int k = 0; k < TRANSFORM_I_LENGTH; k++) {
            uint16_t v = (uint16_t)(h >> (8 * k));
            block[(TRANSFORM_I_MRAM_ADDRESS & 7) + 2 * k] = (uint8_t)v;
            block[(TRANSFORM_I_MRAM_ADDRESS & 7) + 2 * k + 1] = (uint8_t)(v >> 8);
        }
        mram_write(block, (__mram_ptr void *)(TRANSFORM_I_MRAM_ADDRESS & ~7u), 8);
    }
    return 0;
}
