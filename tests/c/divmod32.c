#include "check.h"
volatile int vals[] = {7, -7, 3, -3, 1, -1, 2147483647, -2147483647, 65536, -65537, 10};
int main(void)
{
    for (int a = 0; a < 11; a++)
        for (int b = 0; b < 11; b++) {
            int x = vals[a], y = vals[b];
            OUT(x / y); OUT(x % y); OUT((unsigned)x / (unsigned)y); OUT((unsigned)x % (unsigned)y);
        }
    int z = vals[0];
    OUT(z / 2); OUT(-z / 2); OUT(-z % 4); OUT(z * 1000 / 8);
    return 0;
}
