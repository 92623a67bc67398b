#include "check.h"
volatile unsigned vals[] = {1, 2, 3, 0x80000000u, 0xffffffffu, 0x00f0f000u, 0x12345678u, 0x10000u};
volatile unsigned long long lvals[] = {1, 0x8000000000000000ULL, 0x100000000ULL, 0xffffffffffffffffULL,
                                       0x0000ff0000000000ULL, 0x123456789abcdef0ULL, 0xf0ULL};
int main(void)
{
    for (int i = 0; i < 8; i++) {
        unsigned v = vals[i];
        OUT(__builtin_clz(v)); OUT(__builtin_ctz(v)); OUT(__builtin_popcount(v));
        OUT(__builtin_bswap32(v)); OUT(__builtin_bswap16((unsigned short)v));
        OUT(__builtin_clzl(v)); OUT(__builtin_ctzl(v)); OUT(__builtin_popcountl(v));
    }
    for (int i = 0; i < 7; i++) {
        unsigned long long v = lvals[i];
        OUT(__builtin_clzll(v)); OUT(__builtin_ctzll(v)); OUT(__builtin_popcountll(v));
        OUT64(__builtin_bswap64(v));
        OUT(__builtin_clzl(v)); OUT(__builtin_ctzl(v)); OUT(__builtin_popcountl(v));
    }
    OUT(__builtin_clz(1u) + __builtin_ctz(0x100u) + __builtin_popcount(0xffu));
    OUT(__builtin_bswap32(0x11223344u));
    OUT(__builtin_parity(7u) + 2 * __builtin_parity(3u));
    OUT(__builtin_ffs(0) + 10 * __builtin_ffs(0x48)); OUT(__builtin_ffsll(0x10000000000LL)); OUT(__builtin_parityll(0x100000001ULL) + __builtin_parityl(0x8000000000000000UL));
    for (int i = 0; i < 8; i++) { OUT(__builtin_ffs((int)vals[i])); OUT(__builtin_parity(vals[i])); }
    return 0;
}
