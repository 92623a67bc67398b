#include "check.h"
static void swap(int **a, int **b) { int *t = *a; *a = *b; *b = t; }
static void set(int ***ppp, int v) { ***ppp = v; }
static int sum_rows(int **rows, int n, int m)
{
    int s = 0;
    for (int i = 0; i < n; i++) for (int j = 0; j < m; j++) s += rows[i][j];
    return s;
}
int main(void)
{
    int x = 1, y = 2; int *px = &x, *py = &y;
    swap(&px, &py); OUT(*px); OUT(*py);
    int **pp = &px; int ***ppp = &pp; set(ppp, 42); OUT(y);
    int r0[3] = {1, 2, 3}, r1[3] = {4, 5, 6}; int *rows[2] = {r0, r1};
    OUT(sum_rows(rows, 2, 3));
    const char *words[] = {"alpha", "beta", "gamma"}; const char **w = words;
    OUT(w[2][1]); OUT(*(*(w + 1) + 3)); w++; OUT(**w);
    int arr[4] = {10, 20, 30, 40}; int (*pa)[4] = &arr; OUT((*pa)[2]); OUT(sizeof *pa);
    return 0;
}
