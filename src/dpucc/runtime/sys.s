// Tasklet identity: me() returns the `id` register.
	.section .text.me,"ax",@progbits
	.globl me
	.type me,@function
me:
	move r0, id
	jump r23
.Lme_end:
	.size me, .Lme_end - me
