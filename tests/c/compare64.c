#include "check.h"
volatile long long vals[] = {0, 1, -1, 0x7fffffffffffffffLL, -0x7fffffffffffffffLL - 1,
                             0x100000000LL, 0xffffffffLL, -0x100000000LL, 0x80000000LL};
int main(void)
{
    for (int a = 0; a < 9; a++)
        for (int b = 0; b < 9; b++) {
            long long x = vals[a], y = vals[b];
            unsigned long long ux = x, uy = y;
            OUT((x < y) | (x <= y) << 1 | (x > y) << 2 | (x >= y) << 3 | (x == y) << 4 |
                (ux < uy) << 5 | (ux <= uy) << 6 | (ux > uy) << 7 | (ux >= uy) << 8 |
                (x != y) << 9);
            if (x < y) OUT(1); else OUT(2);
            if (ux >= uy) OUT(3);
        }
    return 0;
}
