/* Newlines in a text in MRAM: tasklet t reads the 512-byte blocks t, t + 8, t + 16 … */
#include <alloc.h>
#include <defs.h>
#include <mbox.h>
#include <mram_ll.h>
#include <stdint.h>

#define BLOCK 512
#define TASKLETS 8

int linecount(void)
{
    uint32_t length = ((uint32_t *)sys_mbox_recv())[0];
    uint8_t *block = dma_alloc(BLOCK);
    uint32_t newlines = 0;
    for (uint32_t at = me() * BLOCK; at < length; at += TASKLETS * BLOCK) {
        mram_ll_read512(at, block);
        uint32_t end = length - at < BLOCK ? length - at : BLOCK;
        for (uint32_t i = 0; i < end; i++)
            newlines += block[i] == '\n';
    }
    mbox_send(&newlines, sizeof newlines);
    return 0;
}
