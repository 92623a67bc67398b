/* Integer matrix determinant by fraction-free (Bareiss) elimination with row swaps, and
 * matrix powers of a small 64-bit matrix (Fibonacci by squaring). */
#include "check.h"
static long long det(long long m[5][5], int n)
{
    long long prev = 1; int sign = 1;
    for (int k = 0; k < n - 1; k++) {
        if (m[k][k] == 0) {
            int r = k + 1; while (r < n && m[r][k] == 0) r++;
            if (r == n) return 0;
            for (int c = 0; c < n; c++) { long long t = m[k][c]; m[k][c] = m[r][c]; m[r][c] = t; }
            sign = -sign;
        }
        for (int i = k + 1; i < n; i++)
            for (int j = k + 1; j < n; j++) m[i][j] = (m[i][j] * m[k][k] - m[i][k] * m[k][j]) / prev;
        prev = m[k][k];
    }
    return sign * m[n - 1][n - 1];
}
static void mul2(unsigned long long a[2][2], unsigned long long b[2][2])
{
    unsigned long long r[2][2];
    for (int i = 0; i < 2; i++) for (int j = 0; j < 2; j++) r[i][j] = a[i][0] * b[0][j] + a[i][1] * b[1][j];
    for (int i = 0; i < 2; i++) for (int j = 0; j < 2; j++) a[i][j] = r[i][j];
}
int main(void)
{
    long long m[5][5] = {{2, -1, 0, 3, 1}, {4, 0, 5, -2, 2}, {-3, 2, 1, 1, 0}, {1, 1, -1, 2, 4}, {0, 3, 2, -1, 5}};
    OUT64(det(m, 5));
    long long z[5][5] = {{0, 1, 2}, {3, 4, 5}, {6, 7, 9}}; OUT64(det(z, 3));
    long long s[5][5] = {{1, 2}, {2, 4}}; OUT64(det(s, 2));
    unsigned long long r[2][2] = {{1, 0}, {0, 1}}, f[2][2] = {{1, 1}, {1, 0}};
    unsigned e = 90; while (e) { if (e & 1) mul2(r, f); mul2(f, f); e >>= 1; }
    OUT64(r[0][1]); OUT64(r[0][0]);
    return 0;
}
