#include "check.h"
int fib[30];
int main(void)
{
    fib[0] = 0; fib[1] = 1;
    for (int i = 2; i < 30; i++)
        fib[i] = fib[i - 1] + fib[i - 2];
    int m[4][5];
    for (int i = 0; i < 4; i++)
        for (int j = 0; j < 5; j++)
            m[i][j] = i * 10 + j;
    int sum = 0, k = 0;
    while (k < 30) sum += fib[k++];
    do { sum -= 3; } while (sum > 500000);
    OUT(fib[29]);
    OUT(sum);
    OUT(m[3][4] + m[2][1]);
    return 0;
}
