/* The DPU side of the integer helper checks: each operation as C writes it, so that dpucc's
 * calls of __muldi3, __udivdi3, __divsi3 … (or its inline code) are what runs.
 *
 * The host puts n records (a, b: u64 each) in MRAM at DPU_MRAM_HEAP_POINTER and sets `op`
 * and `n`; results (u64) replace each record's b.  -DOPS='X(mul64) …' picks the operations. */
#include <defs.h>
#include <mram.h>
#include <stdint.h>

typedef uint32_t u32;
typedef uint64_t u64;
typedef int32_t s32;
typedef int64_t s64;

#define op_mul64 (a * b)
#define op_udiv64 (a / b)
#define op_umod64 (a % b)
#define op_sdiv64 (u64)((s64)a / (s64)b)
#define op_smod64 (u64)((s64)a % (s64)b)
#define op_shl64 (a << (b & 63))
#define op_lshr64 (a >> (b & 63))
#define op_ashr64 (u64)((s64)a >> (b & 63))
#define op_mul32 (u64)((u32)a * (u32)b)
#define op_udiv32 (u64)((u32)a / (u32)b)
#define op_umod32 (u64)((u32)a % (u32)b)
#define op_sdiv32 (u64)(u32)((s32)a / (s32)b)
#define op_smod32 (u64)(u32)((s32)a % (s32)b)

enum {
#define X(name) OP_##name,
    OPS
#undef X
};

__host u32 op;
__host u32 n;

#define BLOCK 64
static u64 buffers[NR_TASKLETS][2 * BLOCK];

int main(void)
{
    u64 *buf = buffers[me()];
    __mram_ptr u64 *records = (__mram_ptr u64 *)DPU_MRAM_HEAP_POINTER;
    for (u32 first = me() * BLOCK; first < n; first += NR_TASKLETS * BLOCK) {
        u32 count = n - first < BLOCK ? n - first : BLOCK;
        mram_read(records + 2 * first, buf, 16 * count);
        for (u32 i = 0; i < count; i++) {
            volatile u64 a = buf[2 * i], b = buf[2 * i + 1];
            u64 r = 0;
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
