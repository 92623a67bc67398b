/* The comma operator: in for-loop headers updating several variables, as an expression whose
 * value is the right operand (in conditions and array indices), with side effects sequenced
 * left to right, and inside macro bodies; plus commas that are separators (arguments). */
#include "check.h"
static int log_[16], nlog;
static int note(int v) { log_[nlog++] = v; return v; }
#define TWICE(x) (note(x), note(x) * 2)
int main(void)
{
    int i, j, s = 0;
    for (i = 0, j = 10; i < j; i++, j -= 2) s += i * j;
    OUT(s); OUT(i); OUT(j);
    int k = (note(1), note(2), note(3)); OUT(k);
    int arr[5] = { 10, 20, 30, 40, 50 }; OUT(arr[(note(4), 2)]);
    int n = 0; while (n++, n < 5) ; OUT(n);
    OUT(TWICE(7));
    int x = 1; x = (x += 2, x * 10); OUT(x);
    int y = 0; if ((y = 3, y > 2)) OUT(y);
    for (int t = 0; t < nlog; t++) OUT(log_[t]);
    OUT(nlog);
    return 0;
}
