#include "check.h"
int main(void)
{
    OUT(sizeof(2147483647)); OUT(sizeof(2147483648)); OUT(sizeof(0x7fffffff)); OUT(sizeof(0xffffffff));
    OUT(sizeof(0x100000000)); OUT(sizeof(4294967295)); OUT(sizeof(1u)); OUT(sizeof(1ull)); OUT(sizeof(1l));
    OUT(sizeof('x')); OUT(sizeof(017777777777)); OUT(sizeof(037777777777));
    OUT(-1 < 0xffffffff); OUT(-1 < 4294967295); OUT(-1 < 2147483648); OUT(-1 < 0x80000000);
    OUT64(-2147483648); OUT64(0x80000000); OUT64(-0x80000000); OUT64(-4294967296LL);
    OUT(0777); OUT(0x1F + 0XaB); OUT(10U / 3); OUT('\x7f'); OUT('\377'); OUT('\n' + '\t' + '\\' + '\'' + '\0');
    OUT64(18446744073709551615ULL); OUT64(9223372036854775807LL); OUT64(0xFFFFFFFFFFFFFFFF);
    OUT(1000000 * 2000 / 1000 > 0);
    OUT(0b1011);
    return 0;
}
