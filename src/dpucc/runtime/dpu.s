// DPU services C cannot express: DMA between MRAM and WRAM, the cycle counter, atomic-bit
// mutexes, halt.  ABI (ISA.md): arguments r0.., result r0; only caller-saved registers used.

// void mram_read(const __mram_ptr void *from, void *to, unsigned n)
// MRAM -> WRAM; n in 8..2048, a multiple of 8, both addresses 8-byte aligned; otherwise fault 3.
	.section .text.mram_read,"ax",@progbits
	.globl mram_read
	.type mram_read,@function
mram_read:
	call r5, .Ldma_check
	ldma r3, r0, 0
	jump r23
.Lmram_read_end:
	.size mram_read, .Lmram_read_end - mram_read

// void mram_write(const void *from, __mram_ptr void *to, unsigned n): WRAM -> MRAM.
	.section .text.mram_write,"ax",@progbits
	.globl mram_write
	.type mram_write,@function
mram_write:
	move r4, r0                 // swap: the WRAM address is `from` here
	move r0, r1
	move r1, r4
	call r5, .Ldma_check
	sdma r3, r0, 0
	jump r23
.Lmram_write_end:
	.size mram_write, .Lmram_write_end - mram_write

// Shared argument check: r0 = MRAM address, r1 = WRAM address, r2 = size; returns (via r5)
// with r3 = the WRAM address with (size / 8 - 1) in its top byte, as ldma/sdma take it.
	.section .text.__dma_check,"ax",@progbits
.Ldma_check:
	and zero, r0, 7, nz, .Ldma_bad
	and zero, r1, 7, nz, .Ldma_bad
	and zero, r2, 7, nz, .Ldma_bad
	jeq r2, 0, .Ldma_bad
	move r4, 2048
	jgtu r2, r4, .Ldma_bad
	lsr r3, r2, 3
	add r3, r3, -1
	lsl_add r3, r1, r3, 24
	jump r5
.Ldma_bad:
	fault 3

// void perfcounter_config(unsigned mode, int reset): mode 1 cycles, 2 instructions.
	.section .text.perfcounter_config,"ax",@progbits
	.globl perfcounter_config
	.type perfcounter_config,@function
perfcounter_config:
	jz r1, 1f
	move r1, 1
1:	lsl_add r2, r1, r0, 1         // reset | (mode << 1)
	time_cfg r0, r2
	jump r23
.Lperfcounter_config_end:
	.size perfcounter_config, .Lperfcounter_config_end - perfcounter_config

// unsigned perfcounter_get(void)
	.section .text.perfcounter_get,"ax",@progbits
	.globl perfcounter_get
	.type perfcounter_get,@function
perfcounter_get:
	time r0
	jump r23
.Lperfcounter_get_end:
	.size perfcounter_get, .Lperfcounter_get_end - perfcounter_get

// void mutex_lock(mutex_id_t m): spin on the atomic bit until this tasklet owns it.
	.section .text.mutex_lock,"ax",@progbits
	.globl mutex_lock
	.type mutex_lock,@function
mutex_lock:
	acquire r0, 0, nz, mutex_lock
	jump r23
.Lmutex_lock_end:
	.size mutex_lock, .Lmutex_lock_end - mutex_lock

// int mutex_trylock(mutex_id_t m): 1 when this tasklet got the lock, 0 otherwise.
	.section .text.mutex_trylock,"ax",@progbits
	.globl mutex_trylock
	.type mutex_trylock,@function
mutex_trylock:
	move r1, r0
	move r0, 0
	acquire r1, 0, nz, 1f
	move r0, 1
1:	jump r23
.Lmutex_trylock_end:
	.size mutex_trylock, .Lmutex_trylock_end - mutex_trylock

// void mutex_unlock(mutex_id_t m)
	.section .text.mutex_unlock,"ax",@progbits
	.globl mutex_unlock
	.type mutex_unlock,@function
mutex_unlock:
	release r0, 0, nz, 1f
1:	jump r23
.Lmutex_unlock_end:
	.size mutex_unlock, .Lmutex_unlock_end - mutex_unlock

// void halt(void): stop the DPU with fault 4, as __builtin_trap does.
	.section .text.halt,"ax",@progbits
	.globl halt
	.type halt,@function
halt:
	fault 4
.Lhalt_end:
	.size halt, .Lhalt_end - halt
