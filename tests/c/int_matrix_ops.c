#include "check.h"
#define N 5
static long long det(long long m[N][N], int n) {
    /* Bareiss fraction-free elimination: exact on integers */
    long long a[N][N]; for (int i = 0; i < n; i++) for (int j = 0; j < n; j++) a[i][j] = m[i][j];
    long long prev = 1; int sign = 1;
    for (int k = 0; k < n - 1; k++) {
        if (a[k][k] == 0) { int s = k + 1; while (s < n && a[s][k] == 0) s++; if (s == n) return 0; for (int j = 0; j < n; j++) { long long t = a[k][j]; a[k][j] = a[s][j]; a[s][j] = t; } sign = -sign; }
        for (int i = k + 1; i < n; i++) for (int j = k + 1; j < n; j++) a[i][j] = (a[i][j] * a[k][k] - a[i][k] * a[k][j]) / prev;
        prev = a[k][k];
    }
    return sign * a[n - 1][n - 1];
}
static void transpose(int (*m)[N]) { for (int i = 0; i < N; i++) for (int j = i + 1; j < N; j++) { int t = m[i][j]; m[i][j] = m[j][i]; m[j][i] = t; } }
static void matpow(unsigned long long r[2][2], unsigned e) {
    unsigned long long b[2][2] = {{1, 1}, {1, 0}}, t[2][2];
    r[0][0] = r[1][1] = 1; r[0][1] = r[1][0] = 0;
    while (e) {
        if (e & 1) { for (int i = 0; i < 2; i++) for (int j = 0; j < 2; j++) t[i][j] = r[i][0] * b[0][j] + r[i][1] * b[1][j]; for (int i = 0; i < 4; i++) r[i / 2][i % 2] = t[i / 2][i % 2]; }
        for (int i = 0; i < 2; i++) for (int j = 0; j < 2; j++) t[i][j] = b[i][0] * b[0][j] + b[i][1] * b[1][j];
        for (int i = 0; i < 4; i++) b[i / 2][i % 2] = t[i / 2][i % 2];
        e >>= 1;
    }
}
int main(void)
{
    long long m[N][N]; int im[N][N];
    for (int i = 0; i < N; i++) for (int j = 0; j < N; j++) { m[i][j] = (i * 3 + j * 7) % 11 - 5 + (i == j) * 4; im[i][j] = i * N + j; }
    OUT64(det(m, N)); OUT64(det(m, 3)); OUT64(det(m, 1));
    m[0][0] = 0; OUT64(det(m, N));
    long long z[N][N] = {{0}}; z[0][1] = 1; z[1][0] = 1; z[2][2] = 2; z[3][4] = 3; z[4][3] = -1; OUT64(det(z, N));
    transpose(im); unsigned h = 0; for (int i = 0; i < N; i++) for (int j = 0; j < N; j++) h = h * 29 + (unsigned)im[i][j]; OUT(h);
    unsigned long long f[2][2];
    unsigned es[] = {0, 1, 10, 50, 90, 93, 100};
    for (int i = 0; i < 7; i++) { matpow(f, es[i]); OUT64(f[0][1]); }
    return 0;
}
