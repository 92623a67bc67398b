#include "check.h"
static int classify(int x)
{
    switch (x) {
    case 0: return 10;
    case 1: case 2: return 20;
    case 5: return 50;
    case 7: x += 1; /* fall through */
    case 8: return x * 3;
    case 100: return -1;
    default: return x - 1000;
    }
}
int main(void)
{
    for (int i = -2; i < 12; i++) OUT(classify(i));
    OUT(classify(100));
    return 0;
}
