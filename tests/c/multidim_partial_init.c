/* Multi-dimensional array initialisers: brace elision filling rows in order, partially braced
 * rows zero-filling the rest, a 3-D array with mixed braced and flat initialisers, inferred
 * outer dimension, and char matrices initialised from string literals. */
#include "check.h"
static int a[3][4] = { 1, 2, 3, 4, 5, 6 };
static int b[3][4] = { { 1 }, { 2, 3 }, { 4, 5, 6, 7 } };
static int c[2][2][3] = { { { 1, 2 }, { 3 } }, 4, 5, 6, 7 };
static int d[][3] = { { 1 }, 2, 3, 4, 5 };
static char names[3][6] = { "ab", "cdefg", { 'x' } };
int main(void)
{
    for (int i = 0; i < 3; i++) for (int j = 0; j < 4; j++) OUT(a[i][j] * 10 + b[i][j]);
    for (int i = 0; i < 2; i++) for (int j = 0; j < 2; j++) for (int k = 0; k < 3; k++) OUT(c[i][j][k]);
    OUT(sizeof d / sizeof d[0]); for (unsigned i = 0; i < sizeof d / sizeof d[0]; i++) for (int j = 0; j < 3; j++) OUT(d[i][j]);
    for (int i = 0; i < 3; i++) for (int j = 0; j < 6; j++) OUT(names[i][j]);
    int l[2][3][2] = { [1][2] = { 9, 8 }, [0] = { 1, 2, 3 } };
    for (int i = 0; i < 2; i++) for (int j = 0; j < 3; j++) for (int k = 0; k < 2; k++) OUT(l[i][j][k]);
    return 0;
}
