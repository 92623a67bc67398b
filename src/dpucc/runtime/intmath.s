// Integer support routines the compiler calls (libgcc names), built on mul_step/div_step.
// ABI (ISA.md): arguments in r0, r1; result in r0.  Division by zero raises fault 2.

	.section .text.__mulsi3,"ax",@progbits
	.globl __mulsi3
	.type __mulsi3,@function
__mulsi3:                      // r0 = r0 * r1 (low 32 bits)
	move r2, r0                   // the multiplicand, shifted by each step
	move r0, r1                   // d0 = (multiplier bits, accumulator)
	move r1, 0
	mul_step d0, r2, d0, 0, z, 1f
	mul_step d0, r2, d0, 1, z, 1f
	mul_step d0, r2, d0, 2, z, 1f
	mul_step d0, r2, d0, 3, z, 1f
	mul_step d0, r2, d0, 4, z, 1f
	mul_step d0, r2, d0, 5, z, 1f
	mul_step d0, r2, d0, 6, z, 1f
	mul_step d0, r2, d0, 7, z, 1f
	mul_step d0, r2, d0, 8, z, 1f
	mul_step d0, r2, d0, 9, z, 1f
	mul_step d0, r2, d0, 10, z, 1f
	mul_step d0, r2, d0, 11, z, 1f
	mul_step d0, r2, d0, 12, z, 1f
	mul_step d0, r2, d0, 13, z, 1f
	mul_step d0, r2, d0, 14, z, 1f
	mul_step d0, r2, d0, 15, z, 1f
	mul_step d0, r2, d0, 16, z, 1f
	mul_step d0, r2, d0, 17, z, 1f
	mul_step d0, r2, d0, 18, z, 1f
	mul_step d0, r2, d0, 19, z, 1f
	mul_step d0, r2, d0, 20, z, 1f
	mul_step d0, r2, d0, 21, z, 1f
	mul_step d0, r2, d0, 22, z, 1f
	mul_step d0, r2, d0, 23, z, 1f
	mul_step d0, r2, d0, 24, z, 1f
	mul_step d0, r2, d0, 25, z, 1f
	mul_step d0, r2, d0, 26, z, 1f
	mul_step d0, r2, d0, 27, z, 1f
	mul_step d0, r2, d0, 28, z, 1f
	mul_step d0, r2, d0, 29, z, 1f
	mul_step d0, r2, d0, 30, z, 1f
	mul_step d0, r2, d0, 31, z, 1f
1:	move r0, r1
	jump r23
.Lmulsi3_end:
	.size __mulsi3, .Lmulsi3_end - __mulsi3

	.section .text.__udivmodsi4,"ax",@progbits
	.globl __udivmodsi4
	.type __udivmodsi4,@function
__udivmodsi4:                  // d0 = (r0 / r1, r0 % r1), unsigned; r1 == 0: fault 2
	jnz r1, 1f
	fault 2
1:	move r2, r1                   // the divisor, shifted by each step
	move r1, r0                   // d0 = (quotient, remainder)
	move r0, 0
	div_step d0, r2, d0, 31
	div_step d0, r2, d0, 30
	div_step d0, r2, d0, 29
	div_step d0, r2, d0, 28
	div_step d0, r2, d0, 27
	div_step d0, r2, d0, 26
	div_step d0, r2, d0, 25
	div_step d0, r2, d0, 24
	div_step d0, r2, d0, 23
	div_step d0, r2, d0, 22
	div_step d0, r2, d0, 21
	div_step d0, r2, d0, 20
	div_step d0, r2, d0, 19
	div_step d0, r2, d0, 18
	div_step d0, r2, d0, 17
	div_step d0, r2, d0, 16
	div_step d0, r2, d0, 15
	div_step d0, r2, d0, 14
	div_step d0, r2, d0, 13
	div_step d0, r2, d0, 12
	div_step d0, r2, d0, 11
	div_step d0, r2, d0, 10
	div_step d0, r2, d0, 9
	div_step d0, r2, d0, 8
	div_step d0, r2, d0, 7
	div_step d0, r2, d0, 6
	div_step d0, r2, d0, 5
	div_step d0, r2, d0, 4
	div_step d0, r2, d0, 3
	div_step d0, r2, d0, 2
	div_step d0, r2, d0, 1
	div_step d0, r2, d0, 0
	jump r23
.Ludivmodsi4_end:
	.size __udivmodsi4, .Ludivmodsi4_end - __udivmodsi4

	.section .text.__udivsi3,"ax",@progbits
	.globl __udivsi3
	.type __udivsi3,@function
__udivsi3:                     // r0 = r0 / r1, unsigned
	jump __udivmodsi4             // the quotient is already in r0
.Ludivsi3_end:
	.size __udivsi3, .Ludivsi3_end - __udivsi3

	.section .text.__umodsi3,"ax",@progbits
	.globl __umodsi3
	.type __umodsi3,@function
__umodsi3:                     // r0 = r0 % r1, unsigned
	move r4, r23
	call r23, __udivmodsi4
	move r0, r1
	jump r4
.Lumodsi3_end:
	.size __umodsi3, .Lumodsi3_end - __umodsi3

	.section .text.__divsi3,"ax",@progbits
	.globl __divsi3
	.type __divsi3,@function
__divsi3:                      // r0 = r0 / r1, signed, rounding toward zero
	move r4, r23
	xor r5, r0, r1                // the quotient's sign
	jges r0, 0, 1f
	neg r0, r0
1:	jges r1, 0, 2f
	neg r1, r1
2:	call r23, __udivmodsi4
	jges r5, 0, 3f
	neg r0, r0
3:	jump r4
.Ldivsi3_end:
	.size __divsi3, .Ldivsi3_end - __divsi3

	.section .text.__modsi3,"ax",@progbits
	.globl __modsi3
	.type __modsi3,@function
__modsi3:                      // r0 = r0 % r1, signed: the remainder has the dividend's sign
	move r4, r23
	move r5, r0
	jges r0, 0, 1f
	neg r0, r0
1:	jges r1, 0, 2f
	neg r1, r1
2:	call r23, __udivmodsi4
	move r0, r1
	jges r5, 0, 3f
	neg r0, r0
3:	jump r4
.Lmodsi3_end:
	.size __modsi3, .Lmodsi3_end - __modsi3
