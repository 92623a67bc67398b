#include "check.h"
#include <limits.h>
#include <stdint.h>
volatile int imax = INT_MAX, imin = INT_MIN;
volatile long long lmax = LLONG_MAX, lmin = LLONG_MIN;
int main(void)
{
    OUT(CHAR_BIT); OUT(SCHAR_MIN); OUT(SCHAR_MAX); OUT(UCHAR_MAX); OUT(CHAR_MIN); OUT(CHAR_MAX);
    OUT(SHRT_MIN); OUT(SHRT_MAX); OUT(USHRT_MAX); OUT(INT_MIN); OUT(INT_MAX); OUT(UINT_MAX);
    OUT64(LLONG_MIN); OUT64(LLONG_MAX); OUT64(ULLONG_MAX); OUT64(LONG_MAX); OUT64(ULONG_MAX);
    OUT(imax > imin); OUT(imin < 0); OUT(imax + 1u); OUT(-(unsigned)imin); OUT(imin / 2); OUT(imax / -1);
    OUT(imin % -3); OUT(lmax > lmin); OUT64(lmin / 2); OUT64(lmax % 1000); OUT64(lmin + lmax);
    OUT(INT8_MIN); OUT(INT16_MAX); OUT(UINT16_MAX); OUT(INT32_MIN); OUT64(INT64_MIN); OUT64(UINT64_MAX);
    OUT(sizeof(int8_t) + sizeof(uint16_t) * 10 + sizeof(int32_t) * 100 + sizeof(uint64_t) * 1000);
    int8_t i8 = -128; uint8_t u8 = 255; OUT(i8 + u8); int64_t i64 = INT64_MAX; OUT64(i64);
    return 0;
}
