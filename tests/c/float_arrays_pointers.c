/* Arrays of float and double: initialisers (partial ones fill with +0.0), indexing through
 * pointers, pointer arithmetic over float and double elements, 2-D arrays, and passing arrays
 * to functions that sum, scale and reverse them. */
#include "check.h"
static unsigned fb(float f) { union { float f; unsigned u; } v = { f }; return v.u; }
static unsigned long long db(double d) { union { double d; unsigned long long u; } v = { d }; return v.u; }
static float fsum(const float *a, int n) { float s = 0; for (int i = 0; i < n; i++) s += a[i]; return s; }
static void dscale(double *a, int n, double k) { for (double *p = a; p < a + n; p++) *p *= k; }
static void frev(float *a, int n) { for (float *l = a, *r = a + n - 1; l < r; l++, r--) { float t = *l; *l = *r; *r = t; } }
static double trace(double m[][3], int n) { double t = 0; for (int i = 0; i < n; i++) t += m[i][i]; return t; }
int main(void)
{
    float a[8] = { 0.5f, 1.25f, -3.0f, 1e-3f };
    for (int i = 0; i < 8; i++) OUT(fb(a[i]));
    OUT(fb(fsum(a, 8))); frev(a, 8); OUT(fb(a[0])); OUT(fb(a[7])); OUT(fb(a[4]));
    double d[5] = { 1, 2, 3, 4, 5 }; dscale(d, 5, 0.1);
    for (int i = 0; i < 5; i++) OUT64(db(d[i]));
    double *p = d + 4; OUT64(db(*p - p[-4])); OUT(p - d); OUT((int)(p[-2] * 10 + 0.5));
    float *fp = &a[2]; fp += 3; OUT(fb(*fp)); OUT(fp - a);
    double m[3][3] = { { 1.5, 0, 0 }, { 0, -2.25, 0 }, { 0, 0, 1e-8 } }; OUT64(db(trace(m, 3)));
    float grid[2][4]; for (int i = 0; i < 2; i++) for (int j = 0; j < 4; j++) grid[i][j] = i * 0.5f - j * 0.25f;
    OUT(fb(fsum(&grid[0][0], 8))); OUT(fb(fsum(grid[1], 4)));
    OUT(sizeof a); OUT(sizeof d); OUT(sizeof m[0]);
    return 0;
}
