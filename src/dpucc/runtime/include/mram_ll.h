/* The 2016 low-level MRAM API: fixed-size transfers at 0-based MRAM addresses. */
#ifndef _DPU_MRAM_LL_H
#define _DPU_MRAM_LL_H
#include <mram.h>
typedef unsigned int mram_addr_t;
#define _MRAM_LL(bits) \
    static inline void mram_ll_read##bits(mram_addr_t from, void *to) \
    { mram_read((const __mram_ptr void *)from, to, bits); } \
    static inline void mram_ll_write##bits(const void *from, mram_addr_t to) \
    { mram_write(from, (__mram_ptr void *)to, bits); }
_MRAM_LL(32) _MRAM_LL(64) _MRAM_LL(128) _MRAM_LL(256) _MRAM_LL(512) _MRAM_LL(1024)
#undef _MRAM_LL
#endif
