/* The DPU side of the floating-point checks: each operation of fpcheck.c written as C does it
 * (operators, casts, <math.h>), so dpucc's lowering is checked along with the library.
 *
 * The host puts n records (a, b: u64 each, a float in the low 32 bits) in MRAM at
 * DPU_MRAM_HEAP_POINTER and sets `op` and `n`; every tasklet takes blocks of records in turn
 * and writes each result (u64) back over the record's b.  Built with -DOPS='X(addf) X(subf) …':
 * the operations of one program, numbered from 0 in that order. */
#include <defs.h>
#include <math.h>
#include <mram.h>
#include <stdint.h>

typedef uint32_t u32;
typedef uint64_t u64;

static float f(u64 x) { union { u32 u; float f; } v = {(u32)x}; return v.f; }
static double d(u64 x) { union { u64 u; double d; } v = {x}; return v.d; }
static u64 F(float x) { union { float f; u32 u; } v = {x}; return v.u; }
static u64 D(double x) { union { double d; u64 u; } v = {x}; return v.u; }

#define op_addf F(f(a) + f(b))
#define op_subf F(f(a) - f(b))
#define op_mulf F(f(a) * f(b))
#define op_divf F(f(a) / f(b))
#define op_addd D(d(a) + d(b))
#define op_subd D(d(a) - d(b))
#define op_muld D(d(a) * d(b))
#define op_divd D(d(a) / d(b))
#define op_negf F(-f(a))
#define op_negd D(-d(a))
#define op_eqf (f(a) == f(b))
#define op_nef (f(a) != f(b))
#define op_ltf (f(a) < f(b))
#define op_lef (f(a) <= f(b))
#define op_gtf (f(a) > f(b))
#define op_gef (f(a) >= f(b))
#define op_unordf (u64) __builtin_isunordered(f(a), f(b))
#define op_eqd (d(a) == d(b))
#define op_ned (d(a) != d(b))
#define op_ltd (d(a) < d(b))
#define op_led (d(a) <= d(b))
#define op_gtd (d(a) > d(b))
#define op_ged (d(a) >= d(b))
#define op_unordd (u64) __builtin_isunordered(d(a), d(b))
#define op_sqrtf F(sqrtf(f(a)))
#define op_sqrtd D(sqrt(d(a)))
#define op_floorf F(floorf(f(a)))
#define op_ceilf F(ceilf(f(a)))
#define op_truncf F(truncf(f(a)))
#define op_roundf F(roundf(f(a)))
#define op_floord D(floor(d(a)))
#define op_ceild D(ceil(d(a)))
#define op_truncd D(trunc(d(a)))
#define op_roundd D(round(d(a)))
#define op_fminf F(fminf(f(a), f(b)))
#define op_fmaxf F(fmaxf(f(a), f(b)))
#define op_fmind D(fmin(d(a), d(b)))
#define op_fmaxd D(fmax(d(a), d(b)))
#define op_extend D((double)f(a))
#define op_truncate F((float)d(a))
#define op_sitof F((float)(int32_t)a)
#define op_uitof F((float)(u32)a)
#define op_ditof F((float)(int64_t)a)
#define op_uditof F((float)(u64)a)
#define op_sitod D((double)(int32_t)a)
#define op_uitod D((double)(u32)a)
#define op_ditod D((double)(int64_t)a)
#define op_uditod D((double)(u64)a)
#define op_ftosi (u64)(int32_t)f(a)
#define op_ftoui (u64)(u32)f(a)
#define op_ftodi (u64)(int64_t)f(a)
#define op_ftoudi (u64)f(a)
#define op_dtosi (u64)(int32_t)d(a)
#define op_dtoui (u64)(u32)d(a)
#define op_dtodi (u64)(int64_t)d(a)
#define op_dtoudi (u64)d(a)

enum {
#define X(name) OP_##name,
    OPS
#undef X
};

__host u32 op;
__host u32 n;

#define BLOCK 64 /* records per DMA transfer: 1024 bytes */
static u64 buffers[NR_TASKLETS][2 * BLOCK];

int main(void)
{
    u64 *buf = buffers[me()];
    __mram_ptr u64 *records = (__mram_ptr u64 *)DPU_MRAM_HEAP_POINTER;
    for (u32 first = me() * BLOCK; first < n; first += NR_TASKLETS * BLOCK) {
        u32 count = n - first < BLOCK ? n - first : BLOCK;
        mram_read(records + 2 * first, buf, 16 * count);
        for (u32 i = 0; i < count; i++) {
            u64 a = buf[2 * i], b = buf[2 * i + 1], r = 0;
            switch (op) {
#define X(name) case OP_##name: r = op_##name; break;
                OPS
#undef X
            }
            buf[2 * i + 1] = r;
        }
        mram_write(buf, records + 2 * first, 16 * count);
    }
    return 0;
}
