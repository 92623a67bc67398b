/* Array parameters and decay: int a[] / int a[5] / int *a are the same parameter type, the
 * callee's writes are visible to the caller, const array parameters, static in array
 * parameter declarators (int a[static 3]), and passing sub-arrays of 2-D arrays. */
#include "check.h"
static void fill(int a[], int n, int v) { for (int i = 0; i < n; i++) a[i] = v + i; }
static int sum5(const int a[5]) { int s = 0; for (int i = 0; i < 5; i++) s += a[i]; return s; }
static int first3(int a[static 3]) { return a[0] * 100 + a[1] * 10 + a[2]; }
static void twice(int *a, int n) { while (n--) *a++ *= 2; }
static int row_total(int r[4]) { return r[0] + r[1] + r[2] + r[3]; }
int main(void)
{
    int a[8]; fill(a, 8, 10); OUT(a[7]); OUT(sum5(a)); OUT(sum5(a + 3)); OUT(first3(a + 5));
    twice(a + 2, 3); for (int i = 0; i < 8; i++) OUT(a[i]);
    int m[3][4]; for (int i = 0; i < 3; i++) fill(m[i], 4, i * 10); OUT(row_total(m[2])); OUT(row_total(&m[1][0]));
    twice(&m[0][0], 12); OUT(m[2][3]); OUT(first3(&m[1][1]));
    return 0;
}
