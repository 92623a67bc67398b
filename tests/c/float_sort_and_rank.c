/* Sorting floating values: insertion sort of doubles with negative values, infinities and
 * both zeros (which compare equal, so the sort keeps their order), ranking floats, and a merge of
 * two sorted float arrays. */
#include "check.h"
static unsigned long long db(double d) { union { double d; unsigned long long u; } v = { d }; return v.u; }
static unsigned fb(float f) { union { float f; unsigned u; } v = { f }; return v.u; }
static volatile double z = 0.0;
static void isort(double *a, int n) { for (int i = 1; i < n; i++) { double x = a[i]; int j = i; while (j > 0 && a[j - 1] > x) { a[j] = a[j - 1]; j--; } a[j] = x; } }
int main(void)
{
    double inf = 1.0 / z;
    double a[10] = { 3.5, -z, -1e-3, inf, 0.1, z, -inf, 2.0, -7.25, 0.1 + 1e-17 };
    isort(a, 10);
    for (int i = 0; i < 10; i++) OUT64(db(a[i]));
    float f[7] = { 0.3f, -0.3f, 1e-8f, 0.1f + 0.2f, 0.3f, -2.0f, 5.5f };
    for (int i = 0; i < 7; i++) { int r = 0; for (int j = 0; j < 7; j++) r += f[j] < f[i]; OUT(r); }
    float x[4] = { -1.0f, 0.25f, 0.5f, 9.0f }, y[3] = { 0.0f, 0.5f, 3.0f }, m[7]; int i = 0, j = 0, k = 0;
    while (i < 4 && j < 3) m[k++] = x[i] <= y[j] ? x[i++] : y[j++];
    while (i < 4) m[k++] = x[i++]; while (j < 3) m[k++] = y[j++];
    for (k = 0; k < 7; k++) OUT(fb(m[k]));
    return 0;
}
