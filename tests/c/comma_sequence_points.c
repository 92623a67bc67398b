/* The comma operator: left operands evaluated first and discarded, the result being the
 * right one with its type; in for headers, conditions and array indices. */
#include "check.h"
int main(void)
{
    int a = 1, b = 2, c;
    c = (a += 10, b *= a, a + b); OUT(a); OUT(b); OUT(c);
    OUT(sizeof(a, (char)1)); OUT(sizeof((char)1, a));
    int arr[5] = {5, 6, 7, 8, 9}; OUT(arr[(a = 0, 3)]); OUT(a);
    int n = 0; for (int i = 0, j = 10; i < j; i++, j--) n += j - i; OUT(n);
    int k = 0; while (k++, k < 5) ; OUT(k);
    return 0;
}
