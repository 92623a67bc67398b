/* Three-dimensional arrays: row-major layout, sizeof at each level, pointers to sub-arrays
 * passed to functions, and indexing through a pointer to the 2-D slices. */
#include "check.h"
static int box[3][4][5];
static int slice_sum(int (*p)[5], int rows) { int s = 0; for (int r = 0; r < rows; r++) for (int c = 0; c < 5; c++) s += p[r][c]; return s; }
static int diag(int b[][4][5], int n) { int s = 0; for (int i = 0; i < n; i++) s += b[i][i][i]; return s; }
int main(void)
{
    for (int i = 0; i < 3; i++) for (int j = 0; j < 4; j++) for (int k = 0; k < 5; k++) box[i][j][k] = i * 100 + j * 10 + k;
    OUT(sizeof box); OUT(sizeof box[0]); OUT(sizeof box[0][0]); OUT(sizeof box[0][0][0]);
    for (int i = 0; i < 3; i++) OUT(slice_sum(box[i], 4));
    OUT(diag(box, 3));
    int *flat = &box[0][0][0]; OUT(flat[37]); OUT(flat[59]);
    int (*plane)[4][5] = box + 1; OUT(plane[1][2][3]); OUT((*plane)[3][4]);
    OUT(&box[2][0][0] - &box[0][0][0]); OUT(*(*(*(box + 2) + 3) + 1));
    return 0;
}
