// Tasklet identity: me() returns the `id` register.
	.section .text.me,"ax",@progbits
	.globl me
	.type me,@function
me:
	move r0, id
	jump r23
.Lme_end:
	.size me, .Lme_end - me

// void exit(int status): the status becomes the program's (tasklet 0's) exit status; this
// tasklet stops.
	.section .text.exit,"ax",@progbits
	.globl exit
	.type exit,@function
exit:
	sw zero, __sys_exit_status, r0
	stop
.Lexit_end:
	.size exit, .Lexit_end - exit

// void abort(void): fault 4 (halt), which dpusim reports like a native abort (status 134).
	.section .text.abort,"ax",@progbits
	.globl abort
	.type abort,@function
abort:
	fault 4
.Labort_end:
	.size abort, .Labort_end - abort

// void __assert_fail(void): a failed assert() is fault 3.
	.section .text.__assert_fail,"ax",@progbits
	.globl __assert_fail
	.type __assert_fail,@function
__assert_fail:
	fault 3
.L__assert_fail_end:
	.size __assert_fail, .L__assert_fail_end - __assert_fail
