/* Raw atomic bits: the DPU's 256 (v1A) one-bit locks, each a byte-sized symbol in the .atomic
 * section.  ATOMIC_BIT_INIT(name) allocates one (the linker numbers them; RT Studio's bootstrap
 * clears them all before any tasklet runs); ATOMIC_BIT_GET(name) is its address, which a program
 * sees as the bit number and which the mutex_* functions of mutex.h take as well.
 *
 * ATOMIC_BIT_ACQUIRE(name) spins until this tasklet sets the bit (one `acquire` instruction that
 * branches to itself while the bit is taken); ATOMIC_BIT_RELEASE(name) clears it.  Both are
 * inline assembly naming the bit's symbol, so they cost one instruction and no call, and, being
 * compiler barriers, keep memory accesses between them.  They need the bit's name, so they serve
 * bits declared at file scope, here or elsewhere with ATOMIC_BIT_EXTERN(name).
 */
#ifndef _DPU_ATOMIC_BIT_H
#define _DPU_ATOMIC_BIT_H
#define ATOMIC_BIT_INIT(name) __attribute__((section(".atomic"))) unsigned char __atomic_bit_##name
#define ATOMIC_BIT_EXTERN(name) extern unsigned char __atomic_bit_##name
#define ATOMIC_BIT_GET(name) (&__atomic_bit_##name)
#define ATOMIC_BIT_ACQUIRE(name) \
    __asm__ volatile("acquire zero, __atomic_bit_" #name ", nz, .")
#define ATOMIC_BIT_RELEASE(name) \
    __asm__ volatile("release zero, __atomic_bit_" #name ", nz, . + 1")
#endif
