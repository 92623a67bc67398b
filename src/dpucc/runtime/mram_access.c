/* Loads and stores through __mram_ptr pointers: MRAM is reachable only by DMA, so each access
 * moves the aligned 8-byte block around the value through this tasklet's own WRAM slot.  A
 * store is a read-modify-write of that block: tasklets storing into the same 8 bytes of MRAM at
 * the same time must synchronise, as they must on the hardware. */
#include <stdint.h>
#include <mram.h>
#include <defs.h>

static uint64_t slot[24];  /* one per tasklet (v1A has 24) */

static unsigned char *fetch(uint32_t addr)
{
    uint64_t *s = &slot[me()];
    mram_read((const __mram_ptr void *)(addr & ~7u), s, 8);
    return (unsigned char *)s + (addr & 7);
}

static void flush(uint32_t addr)
{
    mram_write(&slot[me()], (__mram_ptr void *)(addr & ~7u), 8);
}

uint32_t __mram_load8(uint32_t addr) { return *fetch(addr); }
uint32_t __mram_load16(uint32_t addr) { return *(uint16_t *)fetch(addr); }
uint32_t __mram_load32(uint32_t addr) { return *(uint32_t *)fetch(addr); }
uint64_t __mram_load64(uint32_t addr) { return *(uint64_t *)fetch(addr); }

void __mram_store8(uint32_t addr, uint32_t v) { *fetch(addr) = (unsigned char)v; flush(addr); }
void __mram_store16(uint32_t addr, uint32_t v) { *(uint16_t *)fetch(addr) = (uint16_t)v; flush(addr); }
void __mram_store32(uint32_t addr, uint32_t v) { *(uint32_t *)fetch(addr) = v; flush(addr); }
void __mram_store64(uint32_t addr, uint64_t v) { *(uint64_t *)fetch(addr) = v; flush(addr); }
