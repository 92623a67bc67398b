/* memcpy, memmove (both directions, overlapping) and memset at every alignment of source and
 * destination and lengths around the word sizes, checked byte by byte against plain loops. */
#include "check.h"
#include <string.h>

static unsigned char a[48], b[48], ref[48];

static void reset(void)
{
    for (int i = 0; i < 48; i++) {
        a[i] = (unsigned char)(i * 7 + 1);
        b[i] = (unsigned char)(200 - i);
        ref[i] = b[i];
    }
}

static int diff(const unsigned char *x, const unsigned char *y)
{
    int d = 0;
    for (int i = 0; i < 48; i++)
        d += x[i] != y[i];
    return d;
}

int main(void)
{
    int bad = 0, checked = 0;
    static const int offsets[5] = {0, 1, 3, 4, 7}, lengths[8] = {0, 1, 5, 8, 9, 16, 17, 30};
    for (int i = 0; i < 5; i++)
        for (int j = 0; j < 5; j++)
            for (int k = 0; k < 8; k++) {
                int so = offsets[i], dof = offsets[(i + j) % 5] ^ (j & 2), n = lengths[k];
                reset();
                memcpy(b + dof, a + so, n);
                for (int i = 0; i < n; i++)
                    ref[dof + i] = a[so + i];
                bad += diff(b, ref) != 0;
                reset();
                memset(b + dof, so * 31, n);
                for (int i = 0; i < n; i++)
                    ref[dof + i] = (unsigned char)(so * 31);
                bad += diff(b, ref) != 0;
                reset();  /* overlapping, either way: b + dof <- b + so */
                unsigned char tmp[48];
                for (int i = 0; i < n; i++)
                    tmp[i] = b[so + i];
                memmove(b + dof, b + so, n);
                for (int i = 0; i < n; i++)
                    ref[dof + i] = tmp[i];
                bad += diff(b, ref) != 0;
                checked += 3;
            }
    OUT(bad);
    OUT(checked);
    OUT(memcmp(a, a, 0) == 0);
    return 0;
}
