#include "check.h"
static int find(int (*m)[4], int target)
{
    int i, j;
    for (i = 0; i < 4; i++)
        for (j = 0; j < 4; j++)
            if (m[i][j] == target) goto found;
    return -1;
found:
    return i * 4 + j;
}
int main(void)
{
    int m[4][4];
    for (int i = 0; i < 16; i++) m[i / 4][i % 4] = i * 3;
    OUT(find(m, 27)); OUT(find(m, 28)); OUT(find(m, 0));
    int n = 0, s = 0;
loop:
    s += n;
    if (++n < 10) goto loop;
    OUT(s);
    goto skip;
    s = -1;
skip:
    OUT(s);
    int k = 3;
back:
    if (k-- > 0) { OUT(k); goto back; }
    return 0;
}
