#include "check.h"
#define N 6
static void matmul(int c[N][N], const int a[N][N], const int b[N][N])
{
    for (int i = 0; i < N; i++)
        for (int j = 0; j < N; j++) {
            int s = 0;
            for (int k = 0; k < N; k++) s += a[i][k] * b[k][j];
            c[i][j] = s;
        }
}
static long long trace64(long long m[3][3]) { return m[0][0] + m[1][1] + m[2][2]; }
int main(void)
{
    int a[N][N], b[N][N], c[N][N];
    for (int i = 0; i < N; i++) for (int j = 0; j < N; j++) { a[i][j] = i - j; b[i][j] = (i * j) % 5 - 2; }
    matmul(c, (const int (*)[N])a, (const int (*)[N])b);
    for (int i = 0; i < N; i++) for (int j = 0; j < N; j++) OUT(c[i][j]);
    long long m[3][3] = {{1LL << 40, 2, 3}, {4, -5, 6}, {7, 8, 1LL << 35}};
    OUT64(trace64(m));
    return 0;
}
