/* GCC bit builtins at 32 and 64 bits: __builtin_clz/ctz/popcount/parity with their l and ll
 * forms, __builtin_ffs/ffsll, __builtin_clrsb, and __builtin_bswap16/32/64, over values with
 * the highest, lowest and middle bits set. */
#include "check.h"
static volatile unsigned vu[] = { 1u, 0x80000000u, 0x00f00000u, 0xffffffffu, 0x12345678u, 6u };
static volatile unsigned long long vl[] = { 1ull, 0x8000000000000000ull, 0x0000000100000000ull, 0xffffffffffffffffull, 0x0123456789abcdefull, 0x00000000f0000000ull };
int main(void)
{
    for (int i = 0; i < 6; i++) {
        unsigned x = vu[i];
        OUT(__builtin_clz(x)); OUT(__builtin_ctz(x)); OUT(__builtin_popcount(x)); OUT(__builtin_parity(x));
        OUT(__builtin_ffs((int)x)); OUT(__builtin_clrsb((int)x)); OUT(__builtin_bswap32(x));
    }
    for (int i = 0; i < 6; i++) {
        unsigned long long x = vl[i];
        OUT(__builtin_clzll(x)); OUT(__builtin_ctzll(x)); OUT(__builtin_popcountll(x)); OUT(__builtin_parityll(x));
        OUT(__builtin_ffsll((long long)x)); OUT(__builtin_clrsbll((long long)x)); OUT64(__builtin_bswap64(x));
        OUT(__builtin_clzl(x)); OUT(__builtin_ctzl(x)); OUT(__builtin_popcountl(x));
    }
    OUT(__builtin_ffs(0)); OUT(__builtin_ffsll(0)); OUT(__builtin_popcount(0)); OUT(__builtin_clrsb(0)); OUT(__builtin_clrsb(-1));
    OUT(__builtin_bswap16(0x1234)); OUT(__builtin_bswap16((unsigned short)0xff00));
    OUT(__builtin_clz(1) + __builtin_ctz(1u << 31)); OUT(__builtin_popcountll(~0ull) + __builtin_clzll(1));
    return 0;
}
