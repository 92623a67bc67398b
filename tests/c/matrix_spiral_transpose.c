/* Integer matrix traversals: spiral order over a 5x6 matrix, in-place transpose of a square
 * matrix, rotation by 90 degrees, and diagonal sums, all through index arithmetic. */
#include "check.h"
int main(void)
{
    int m[5][6]; for (int i = 0; i < 5; i++) for (int j = 0; j < 6; j++) m[i][j] = i * 6 + j;
    int top = 0, bot = 4, left = 0, right = 5; unsigned h = 0; int cnt = 0;
    while (top <= bot && left <= right) {
        for (int j = left; j <= right; j++) h = h * 31 + m[top][j], cnt++;
        top++;
        for (int i = top; i <= bot; i++) h = h * 31 + m[i][right], cnt++;
        right--;
        if (top <= bot) { for (int j = right; j >= left; j--) h = h * 31 + m[bot][j], cnt++; bot--; }
        if (left <= right) { for (int i = bot; i >= top; i--) h = h * 31 + m[i][left], cnt++; left++; }
    }
    OUT(h); OUT(cnt);
    int s[4][4]; for (int i = 0; i < 4; i++) for (int j = 0; j < 4; j++) s[i][j] = i * 4 + j;
    for (int i = 0; i < 4; i++) for (int j = i + 1; j < 4; j++) { int t = s[i][j]; s[i][j] = s[j][i]; s[j][i] = t; }
    for (int i = 0; i < 4; i++) OUT(s[i][0] * 1000 + s[i][1] * 100 + s[i][2] * 10 + s[i][3]);
    int r[4][4]; for (int i = 0; i < 4; i++) for (int j = 0; j < 4; j++) r[j][3 - i] = s[i][j];
    for (int i = 0; i < 4; i++) OUT(r[i][0] * 1000 + r[i][1] * 100 + r[i][2] * 10 + r[i][3]);
    int d1 = 0, d2 = 0; for (int i = 0; i < 4; i++) { d1 += r[i][i]; d2 += r[i][3 - i]; } OUT(d1); OUT(d2);
    return 0;
}
