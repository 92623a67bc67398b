/* long is 64 bits on both machines here: sizeof(long), LONG_MAX and LONG_MIN, long arithmetic
 * past 32 bits, mixing long with unsigned int (converted to long, not unsigned), long
 * literals with the L suffix, and unsigned long wrap-around. */
#include "check.h"
#include <limits.h>
static volatile long vl = 3000000000L;
int main(void)
{
    OUT(sizeof(long)); OUT(sizeof(unsigned long)); OUT64(LONG_MAX); OUT64(LONG_MIN); OUT64(ULONG_MAX);
    long a = vl; OUT64(a * 3); OUT64(a / 7); OUT64(a % 7); OUT64(-a >> 3); OUT64(a << 20);
    unsigned u = 4000000000u; OUT64(a - u); OUT(a - u < 0); OUT(-1L < 1u);
    OUT(_Generic(1L + 1u, long: 1, unsigned long: 2, default: 3)); OUT(_Generic(1UL + 1, unsigned long: 1, default: 2));
    unsigned long ul = 0; ul--; OUT64(ul); ul += 2; OUT64(ul);
    long m = LONG_MAX; OUT64(m / -1); OUT64(LONG_MIN / 2);
    OUT(sizeof(0L)); OUT(sizeof(2147483648)); OUT(sizeof(0x80000000));
    return 0;
}
