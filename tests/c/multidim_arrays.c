#include "check.h"
int g[3][4][5];
static int sum2(int m[][4], int rows)
{
    int s = 0;
    for (int i = 0; i < rows; i++) for (int j = 0; j < 4; j++) s += m[i][j];
    return s;
}
static const short tbl[3][3] = {{1, 2, 3}, {4, 5, 6}, {7, 8, 9}};
int main(void)
{
    for (int i = 0; i < 3; i++) for (int j = 0; j < 4; j++) for (int k = 0; k < 5; k++)
        g[i][j][k] = i * 100 + j * 10 + k;
    OUT(g[2][3][4]); OUT(g[1][0][2]); OUT(sum2(g[1], 4)); OUT(sizeof g); OUT(sizeof g[0]);
    OUT(sizeof g[0][0]);
    int (*row)[5] = g[2]; OUT(row[1][1]); OUT((*(row + 2))[3]);
    OUT(&g[1][0][0] - &g[0][0][0]);
    int loc[2][3] = {{1, 2}, {3}};
    OUT(loc[0][1] + loc[1][0] + loc[1][2] + loc[0][2]);
    int det = tbl[0][0] * (tbl[1][1] * tbl[2][2] - tbl[1][2] * tbl[2][1]);
    OUT(det);
    char names[3][6] = {"ab", "cdefg", "h"};
    OUT(names[1][4]); OUT(names[2][0]); OUT(names[0][3]);
    return 0;
}
