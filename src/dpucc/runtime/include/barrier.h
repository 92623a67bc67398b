/* Barriers: tasklets that call barrier_wait() sleep (`stop`) until `count` of them have arrived;
 * the last to arrive wakes the others (`resume`) and the barrier is ready for the next phase.
 *
 * A barrier_t is 8 bytes of WRAM:
 *   byte 0     wait_queue     the last tasklet that went to sleep in it (the queue continues
 *                             through __sys_wait_next[]); 0xff: nobody sleeps
 *   byte 1     count          arrivals still missing in the current phase
 *   byte 2     initial_count  how many tasklets each phase waits for (1..24)
 *   byte 3     reserved       0
 *   bytes 4-7  lock           the atomic bit guarding the other fields, as a pointer (what
 *                             MUTEX_GET gives: a program sees an atomic bit's address as its
 *                             bit number)
 * The lock takes a pointer's 32 bits, not one byte, so that a C initialiser can name the bit:
 * C cannot narrow a link-time address to a byte in a static initialiser.
 *
 * BARRIER_INIT(name, count) defines a barrier (and its atomic bit __<name>_lock) at file scope.
 * A barrier declared in the runtime configuration (`barrier add name count`) is created by RT
 * Studio with the same layout and names: use it with `extern barrier_t name;`.
 */
#ifndef _DPU_BARRIER_H
#define _DPU_BARRIER_H
#include <mutex.h>

typedef struct {
    unsigned char wait_queue;
    unsigned char count;
    unsigned char initial_count;
    unsigned char reserved;
    mutex_id_t lock;
} barrier_t;

#define BARRIER_INIT(name, count) \
    __attribute__((section(".atomic"))) unsigned char __##name##_lock; \
    barrier_t name = { 0xff, (count), (count), 0, &__##name##_lock }

/* Wait until initial_count tasklets (this one included) have called barrier_wait(b). */
void barrier_wait(barrier_t *barrier);
#endif
