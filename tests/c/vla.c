/* C99 variable-length arrays: block-scope arrays of run-time length (one and two dimensions,
 * of ints, doubles and structs), sizeof evaluated at run time, pointers to VLA rows,
 * parameters whose dimensions come from earlier parameters, typedefs of VLA types, VLAs in
 * recursion, and scopes left at their end and by break/continue. */
#include "check.h"

struct pt { int x, y; };

static int sum2d(int rows, int cols, int m[rows][cols])
{
    int s = 0;
    for (int i = 0; i < rows; i++)
        for (int j = 0; j < cols; j++)
            s += m[i][j] * (i + 1);
    return s + (int)sizeof(m[0]);
}

static int row_sum(int n, int (*row)[n])
{
    int s = 0;
    for (int j = 0; j < n; j++)
        s += (*row)[j];
    return s;
}

static int depth_sum(int n)
{
    if (n == 0)
        return 0;
    int a[n];
    for (int i = 0; i < n; i++)
        a[i] = n * i;
    int s = depth_sum(n - 1);
    for (int i = 0; i < n; i++)
        s += a[i];
    return s;
}

int main(void)
{
    for (int n = 1; n <= 5; n++) {
        int a[n];
        for (int i = 0; i < n; i++)
            a[i] = i * i + n;
        int s = 0;
        for (int i = 0; i < n; i++)
            s += a[i];
        OUT(s);
        OUT(sizeof a);
        OUT(sizeof(int[n + 2]));
    }

    int rows = 3, cols = 4;
    int m[rows][cols];
    for (int i = 0; i < rows; i++)
        for (int j = 0; j < cols; j++)
            m[i][j] = i * 10 + j;
    OUT(sizeof m);
    OUT(sizeof m[1]);
    OUT(m[2][3]);
    OUT(sum2d(rows, cols, m));
    OUT(row_sum(cols, &m[1]));
    int (*p)[cols] = m;
    p++;
    OUT((*p)[2]);
    OUT(&m[2][0] - &m[0][0]);
    OUT(p - m);

    typedef double vec[cols];
    vec v;
    for (int j = 0; j < cols; j++)
        v[j] = j * 0.5;
    OUT(sizeof(vec));
    OUT((int)(v[3] * 4));

    struct pt pts[rows + 1];
    for (int i = 0; i <= rows; i++)
        pts[i] = (struct pt){i, -i};
    OUT(sizeof pts);
    OUT(pts[3].y);

    OUT(depth_sum(6));

    /* Scopes left at their end, and by break and continue (test_c_programs also checks that
     * the stack comes back). */
    int found = 0;
    for (int it = 0; it < 50; it++) {
        char buf[it + 40];
        buf[it] = (char)it;
        if (it % 3 == 0)
            continue;
        for (int k = 0; k < 10; k++) {
            short tmp[k + it + 1];
            tmp[k] = (short)k;
            if (k == 7) {
                found += tmp[k];
                break;
            }
        }
        found += buf[it];
    }
    OUT(found);
    return 0;
}
