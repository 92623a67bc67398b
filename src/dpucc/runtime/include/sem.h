/* Counting semaphores: sem_take() takes one unit, sleeping (`stop`) while there is none;
 * sem_give() hands a unit to the tasklet that has waited longest, waking it (`resume`), or
 * puts it back when nobody waits.  Sleepers are served first come, first served.
 *
 * A sem_t is 12 bytes of WRAM:
 *   byte 0     wait_queue  the tasklet that went to sleep last; the queue is a ring through
 *                          __sys_wait_next[] (the last sleeper's link names the first);
 *                          0xff: nobody sleeps
 *   bytes 1-3  reserved    0
 *   bytes 4-7  count       units available (signed 32-bit, never negative)
 *   bytes 8-11 lock        the atomic bit guarding the other fields, as a pointer (what
 *                          MUTEX_GET gives; see barrier.h for why not a byte)
 *
 * SEMAPHORE_INIT(name, count) defines a semaphore (and its atomic bit __<name>_lock) at file
 * scope.  A semaphore declared in the runtime configuration (`semaphore add name count`) is
 * created by RT Studio with the same layout and names: use it with `extern sem_t name;`.
 */
#ifndef _DPU_SEM_H
#define _DPU_SEM_H
#include <mutex.h>

typedef struct {
    unsigned char wait_queue;
    unsigned char reserved[3];
    int count;
    mutex_id_t lock;
} sem_t;

#define SEMAPHORE_INIT(name, count) \
    __attribute__((section(".atomic"))) unsigned char __##name##_lock; \
    sem_t name = { 0xff, { 0, 0, 0 }, (count), &__##name##_lock }

void sem_take(sem_t *sem);
void sem_give(sem_t *sem);
#endif
