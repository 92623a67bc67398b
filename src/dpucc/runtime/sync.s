// Sleeping and waking tasklets: the two instructions the C synchronisation primitives
// (barrier.c, sem.c, handshake.c) cannot express, and the wait-queue links they share.
//
// The race these routines are built around.  A tasklet that decides to sleep first puts itself
// in a wait queue under the object's lock, releases the lock, and only then executes `stop`; a
// tasklet that takes it out of the queue (under the same lock) then wakes it with `resume`.
// Nothing orders the sleeper's `stop` before the waker's `resume`, and `resume` of a tasklet
// that is still running does nothing at all (it is not remembered: ISA.md, and dpusim's
// engines, only set a stopped tasklet running).  A lost wake-up would leave the sleeper asleep
// for ever.  But `resume` tells which case happened: its condition is evaluated on "the target
// was running", so `resume rX, 0, nz, .` retries until the target has actually stopped and has
// been started again by this very instruction.  The wait is short and bounded: a tasklet is only
// ever woken after it queued itself, and a queued tasklet's next steps are "release the lock,
// stop".  Each queueing is matched by exactly one dequeue and one wake, so a wake can never hit
// a later, unrelated sleep of the same tasklet.

// void __sys_sleep(void): stop this tasklet; it continues here when another one resumes it.
// Registers survive a stop, so the caller sees an ordinary call return.
	.section .text.__sys_sleep,"ax",@progbits
	.globl __sys_sleep
	.type __sys_sleep,@function
__sys_sleep:
	stop
	jump r23
.L__sys_sleep_end:
	.size __sys_sleep, .L__sys_sleep_end - __sys_sleep

// void __sys_wake(sysname_t tasklet): resume a tasklet that has queued itself to sleep, waiting
// for its `stop` if it has not reached it yet (see above).  tasklet must be a real tasklet id:
// `resume` of a tasklet that does not exist reports "was running" for ever.
	.section .text.__sys_wake,"ax",@progbits
	.globl __sys_wake
	.type __sys_wake,@function
__sys_wake:
	resume r0, 0, nz, __sys_wake
	jump r23
.L__sys_wake_end:
	.size __sys_wake, .L__sys_wake_end - __sys_wake

// unsigned char __sys_wait_next[24]: the link of each tasklet in the wait queue it sleeps in.  A
// tasklet sleeps in at most one queue at a time, so one byte per tasklet serves every barrier and
// semaphore; the queue heads (one byte in each object) hold tasklet ids, 0xff meaning empty.
	.section .bss.__sys_wait_next,"aw",@nobits
	.globl __sys_wait_next
	.type __sys_wait_next,@object
__sys_wait_next:
	.zero 24
	.size __sys_wait_next, 24
