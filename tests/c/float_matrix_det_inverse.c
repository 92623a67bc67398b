/* Small dense linear algebra in double: a 3x3 matrix product, determinants by cofactor
 * expansion and by Gaussian elimination with partial pivoting, and the solution of a linear
 * system, with inputs whose results are exact or rounded in a known order. */
#include "check.h"
static unsigned long long db(double d) { union { double d; unsigned long long u; } v = { d }; return v.u; }
static void matmul(int n, const double *a, const double *b, double *c)
{ for (int i = 0; i < n; i++) for (int j = 0; j < n; j++) { double s = 0; for (int k = 0; k < n; k++) s += a[i * n + k] * b[k * n + j]; c[i * n + j] = s; } }
static double det3(const double *m) { return m[0] * (m[4] * m[8] - m[5] * m[7]) - m[1] * (m[3] * m[8] - m[5] * m[6]) + m[2] * (m[3] * m[7] - m[4] * m[6]); }
static double det_gauss(int n, double *a)
{
    double det = 1;
    for (int c = 0; c < n; c++) {
        int p = c; for (int r = c + 1; r < n; r++) if ((a[r * n + c] < 0 ? -a[r * n + c] : a[r * n + c]) > (a[p * n + c] < 0 ? -a[p * n + c] : a[p * n + c])) p = r;
        if (a[p * n + c] == 0) return 0;
        if (p != c) { for (int k = 0; k < n; k++) { double t = a[c * n + k]; a[c * n + k] = a[p * n + k]; a[p * n + k] = t; } det = -det; }
        det *= a[c * n + c];
        for (int r = c + 1; r < n; r++) { double f = a[r * n + c] / a[c * n + c]; for (int k = c; k < n; k++) a[r * n + k] -= f * a[c * n + k]; }
    }
    return det;
}
static void solve3(double *a, double *b, double *x)
{
    for (int c = 0; c < 3; c++) for (int r = c + 1; r < 3; r++) { double f = a[r * 3 + c] / a[c * 3 + c]; for (int k = c; k < 3; k++) a[r * 3 + k] -= f * a[c * 3 + k]; b[r] -= f * b[c]; }
    for (int r = 2; r >= 0; r--) { double s = b[r]; for (int k = r + 1; k < 3; k++) s -= a[r * 3 + k] * x[k]; x[r] = s / a[r * 3 + r]; }
}
int main(void)
{
    double a[9] = { 2, -1, 0.5, 1, 3, -2, 0.25, 4, 1 }, b[9] = { 1, 0.1, 0, 0, 1, 0.2, 0.3, 0, 1 }, c[9];
    matmul(3, a, b, c); for (int i = 0; i < 9; i++) OUT64(db(c[i]));
    OUT64(db(det3(a))); OUT64(db(det3(b))); OUT64(db(det3(c)));
    double g[9]; for (int i = 0; i < 9; i++) g[i] = a[i]; OUT64(db(det_gauss(3, g)));
    double s[9] = { 3, 2, -1, 2, -2, 4, -1, 0.5, -1 }, rhs[3] = { 1, -2, 0 }, x[3]; solve3(s, rhs, x);
    for (int i = 0; i < 3; i++) OUT64(db(x[i]));
    return 0;
}
