/* Pointer subtraction in elements for several element sizes, relational comparison of
 * pointers into one array, one-past-the-end pointers, and pointers to struct members. */
#include "check.h"
#include <stddef.h>
struct s { int a; char b[6]; long long c; };
int main(void)
{
    long long q[10]; short h[9]; struct s arr[5]; char *cp = (char *)arr;
    OUT(&q[9] - &q[2]); OUT(&h[1] - &h[8]); OUT(&arr[4] - &arr[0]); OUT((char *)&arr[3] - cp);
    long long *end = q + 10; int n = 0; for (long long *p = q; p < end; p++) n++; OUT(n);
    OUT(&q[3] < &q[4]); OUT(&q[3] >= &q[4]); OUT(end == &q[10]); OUT(&arr[1].c > &arr[1].b[5]);
    OUT((char *)&arr[2].c - (char *)&arr[2]); OUT(offsetof(struct s, c));
    ptrdiff_t d = &h[0] - &h[5]; OUT(d); OUT(sizeof(ptrdiff_t) == sizeof(&h[0] - &h[5]));
    int *ip = (int *)&arr[1]; OUT((struct s *)ip == &arr[1]);
    return 0;
}
