/* handshake_notify and handshake_wait_for (handshake.h).  One byte per notifier, changed only
 * under one atomic bit shared by all handshakes, says who sleeps on its behalf:
 *   IDLE            nobody,
 *   NOTIFIER_ASLEEP the notifier arrived first and sleeps until its waiter comes,
 *   1 + t           tasklet t arrived first and sleeps in handshake_wait_for(notifier).
 * The second to arrive resets the byte to IDLE and wakes the first, so the byte is IDLE again
 * before either call returns and the pair can meet again at once.  How a wake-up cannot be lost
 * to a tasklet that has recorded itself but not yet stopped is explained in sync.s. */
#include <handshake.h>
#include <mutex.h>

#define MAX_TASKLETS 24
#define IDLE 0
#define NOTIFIER_ASLEEP 0xff

__attribute__((section(".atomic"))) unsigned char __sys_handshake_lock;
unsigned char __sys_handshake_state[MAX_TASKLETS];

void __sys_sleep(void);
void __sys_wake(sysname_t tasklet);

void handshake_notify(void)
{
    sysname_t self = me();
    mutex_lock(&__sys_handshake_lock);
    unsigned int state = __sys_handshake_state[self];
    if (state == IDLE) {
        __sys_handshake_state[self] = NOTIFIER_ASLEEP;
        mutex_unlock(&__sys_handshake_lock);
        __sys_sleep();
        return;
    }
    __sys_handshake_state[self] = IDLE;
    mutex_unlock(&__sys_handshake_lock);
    __sys_wake(state - 1);
}

int handshake_wait_for(sysname_t notifier)
{
    sysname_t self = me();
    if (notifier >= MAX_TASKLETS || notifier == self)
        return -1;
    mutex_lock(&__sys_handshake_lock);
    unsigned int state = __sys_handshake_state[notifier];
    if (state == NOTIFIER_ASLEEP) {
        __sys_handshake_state[notifier] = IDLE;
        mutex_unlock(&__sys_handshake_lock);
        __sys_wake(notifier);
        return 0;
    }
    if (state != IDLE) {
        mutex_unlock(&__sys_handshake_lock);
        return -1;
    }
    __sys_handshake_state[notifier] = 1 + self;
    mutex_unlock(&__sys_handshake_lock);
    __sys_sleep();
    return 0;
}
