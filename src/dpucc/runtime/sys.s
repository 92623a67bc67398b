// Tasklet identity: me() returns the `id` register.
	.section .text.me,"ax",@progbits
	.globl me
	.type me,@function
me:
	move r0, id
	jump r23
.Lme_end:
	.size me, .Lme_end - me

// int check_stack(void): bytes between the caller's stack pointer (r22, the first free byte:
// stacks grow upward) and the end of this tasklet's stack, which the tasklet table of RT Studio
// records as { entry, base, size, ... } (32 bytes per tasklet id).
	.section .text.check_stack,"ax",@progbits
	.globl check_stack
	.type check_stack,@function
check_stack:
	lsl r0, id, 5
	add r0, r0, __sys_tasklets
	lw r1, r0, 4
	lw r2, r0, 8
	add r1, r1, r2
	sub r0, r1, r22
	jump r23
.Lcheck_stack_end:
	.size check_stack, .Lcheck_stack_end - check_stack

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
