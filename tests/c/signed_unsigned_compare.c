#include "check.h"
volatile int vals[] = {0, 1, -1, 2147483647, -2147483647 - 1, 100, -100};
int main(void)
{
    for (int a = 0; a < 7; a++)
        for (int b = 0; b < 7; b++) {
            int x = vals[a], y = vals[b];
            unsigned ux = x, uy = y;
            OUT((x < y) | (x <= y) << 1 | (x > y) << 2 | (x >= y) << 3 | (x == y) << 4 |
                (ux < uy) << 5 | (ux <= uy) << 6 | (ux > uy) << 7 | (ux >= uy) << 8 |
                (x < uy) << 9 | (ux > y) << 10 | (x != y) << 11);
        }
    return 0;
}
