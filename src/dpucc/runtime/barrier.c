/* barrier_wait (barrier.h).  Arrivals are counted under the barrier's atomic bit.  Every
 * arrival but the last pushes itself on the barrier's wait queue and sleeps; the last one
 * re-arms the barrier (empty queue, count = initial_count) before it lets go of the lock, then
 * wakes the sleepers it took from the queue.
 *
 * Re-arming first is what makes the barrier reusable at once: a woken tasklet may run its next
 * phase and arrive again while the last arriver is still waking the others, and it must find a
 * fresh phase.  It also re-links itself through its __sys_wait_next entry then, so the waker
 * reads each sleeper's link *before* waking it.  How a wake-up cannot be lost to a sleeper that
 * has queued itself but not yet stopped is explained in sync.s. */
#include <barrier.h>
#include <defs.h>

#define EMPTY 0xff

extern unsigned char __sys_wait_next[];
void __sys_sleep(void);
void __sys_wake(sysname_t tasklet);

void barrier_wait(barrier_t *barrier)
{
    mutex_lock(barrier->lock);
    if (barrier->count > 1) {
        sysname_t self = me();
        barrier->count--;
        __sys_wait_next[self] = barrier->wait_queue;
        barrier->wait_queue = self;
        mutex_unlock(barrier->lock);
        __sys_sleep();
        return;
    }
    unsigned int sleeper = barrier->wait_queue;
    barrier->wait_queue = EMPTY;
    barrier->count = barrier->initial_count;
    mutex_unlock(barrier->lock);
    while (sleeper != EMPTY) {
        unsigned int next = __sys_wait_next[sleeper];
        __sys_wake(sleeper);
        sleeper = next;
    }
}
