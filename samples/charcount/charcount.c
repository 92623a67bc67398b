/* The seed's character counter (Kelonia blog post, appendix): 16 tasklets count the
 * occurrences of a character in a document held in MRAM, each over a rake of 256-byte blocks,
 * and answer through their mailboxes.  Written as in 2016, with the headers it needs. */
#include <stdint.h>
#include <mbox.h>
#include <mram_ll.h>
#include <alloc.h>
#include <defs.h>
#ifdef CHARCOUNT_VERBOSE
#include <stdio.h>
#endif

int charcount() {
    /* Get the document length and requested character from the system mailbox. */
    uint32_t *host_request = (uint32_t *) sys_mbox_recv();
    unsigned int document_len = host_request[0];
    uint32_t characters = host_request[1] & 0xff;
    /* Repeat the requested characters four times, so that we can optimize the search with cmpb4. */
    characters |= ((characters << 8) | (characters << 16) | (characters << 24));

    /* The number of occurrences found by this tasklet. */
    unsigned int result = 0;

    /*
     * Memory distribution using a rake: tasklet number X first parses
     * 256 bytes at address X*256. It then processes 256 bytes at
     * address (X*256 + 16*256) and so on.
     * cache contains the current 256 bytes to fetch.
     */
    uint32_t *cache = dma_alloc(256);
    mram_addr_t my_block_address = (mram_addr_t) (me() << 8);

    for (; my_block_address < document_len; my_block_address += (16 << 8)) {
        mram_ll_read256(my_block_address, cache);
        /*
         * Compare every byte in the block with the requested character.
         * We use the DPU instruction cmpb4 to compare 4 characters at a time.
         */
        int i, j;
        for (i = 0; i < 64; i++) {
            /* Compare 4 bytes at a time. */
            __builtin_cmpb4_rrr(j, cache[i], characters);
            /* And count how many ones are in the resulting comparison. */
            __builtin_cao_rr(j, j);
            result += j;
        }
    }

#ifdef CHARCOUNT_VERBOSE
    /* The debug build says what each tasklet found (dpuservice sends it as DAP output). */
    printf("tasklet %u: %u\n", me(), result);
#endif
    mbox_send(&result, sizeof(result));
    return 0;
}
