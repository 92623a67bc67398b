#include "check.h"
static int add1(int x) { return x + 1; }
static int dbl(int x) { return x * 2; }
static int neg(int x) { return -x; }
static int (*const table[])(int) = { add1, dbl, neg };
int main(void)
{
    int v = 5;
    for (int round = 0; round < 3; round++)
        for (int i = 0; i < 3; i++) {
            v = table[i](v);
            OUT(v);
        }
    return 0;
}
