/* sem_take and sem_give (sem.h).  The count and the wait queue change only under the
 * semaphore's atomic bit.  A unit given while tasklets wait goes straight to the first of them:
 * the giver dequeues it and wakes it, and the count does not move, so a woken tasklet never has
 * to compete again for the unit it was woken for and no later sem_take can overtake it.
 *
 * The queue is a ring: wait_queue names the last sleeper and its __sys_wait_next link names the
 * first, so both ends are one step away in a single byte.  How a wake-up cannot be lost to a
 * sleeper that has queued itself but not yet stopped is explained in sync.s. */
#include <sem.h>
#include <defs.h>

#define EMPTY 0xff

extern unsigned char __sys_wait_next[];
void __sys_sleep(void);
void __sys_wake(sysname_t tasklet);

void sem_take(sem_t *sem)
{
    mutex_lock(sem->lock);
    if (sem->count > 0) {
        sem->count--;
        mutex_unlock(sem->lock);
        return;
    }
    sysname_t self = me();
    unsigned int last = sem->wait_queue;
    if (last == EMPTY) {
        __sys_wait_next[self] = self;
    } else {
        __sys_wait_next[self] = __sys_wait_next[last];
        __sys_wait_next[last] = self;
    }
    sem->wait_queue = self;
    mutex_unlock(sem->lock);
    __sys_sleep();
}

void sem_give(sem_t *sem)
{
    mutex_lock(sem->lock);
    unsigned int last = sem->wait_queue;
    if (last == EMPTY) {
        sem->count++;
        mutex_unlock(sem->lock);
        return;
    }
    unsigned int first = __sys_wait_next[last];
    if (first == last)
        sem->wait_queue = EMPTY;
    else
        __sys_wait_next[last] = __sys_wait_next[first];
    mutex_unlock(sem->lock);
    __sys_wake(first);
}
