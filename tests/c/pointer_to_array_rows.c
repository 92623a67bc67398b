/* Pointers to arrays: int (*p)[4] stepping over rows of a 2-D array, sizeof *p, passing
 * int (*)[3][4] to a function, a pointer to a whole array dereferenced and indexed, and
 * arrays of pointers versus pointers to arrays. */
#include "check.h"
static int m[3][4];
static int trace3(int (*cube)[3][4], int n) { int s = 0; for (int k = 0; k < n; k++) for (int i = 0; i < 3; i++) s += cube[k][i][i] * (k + 1); return s; }
static int rowsum(const int (*r)[4]) { int s = 0; for (int j = 0; j < 4; j++) s += (*r)[j]; return s; }
int main(void)
{
    for (int i = 0; i < 3; i++) for (int j = 0; j < 4; j++) m[i][j] = i * 4 + j;
    int (*p)[4] = m; OUT(sizeof *p); OUT((*p)[3]); p++; OUT((*p)[0]); OUT(p[1][2]); OUT(p - m); OUT(*(*(p + 1) + 1));
    for (const int (*r)[4] = m; r < m + 3; r++) OUT(rowsum(r));
    int cube[2][3][4]; for (int k = 0; k < 2; k++) for (int i = 0; i < 3; i++) for (int j = 0; j < 4; j++) cube[k][i][j] = k * 100 + i * 10 + j;
    OUT(trace3(cube, 2)); int (*c1)[3][4] = &cube[1]; OUT((*c1)[2][3]); OUT(sizeof *c1); OUT(sizeof **c1);
    int arr[5] = { 5, 6, 7, 8, 9 }; int (*pa)[5] = &arr; OUT((*pa)[4]); OUT(sizeof *pa); OUT((int)(sizeof pa[0] / sizeof pa[0][0]));
    int *ap[3] = { arr, arr + 2, &m[2][1] }; OUT(*ap[2]); OUT(ap[1][1]);
    return 0;
}
