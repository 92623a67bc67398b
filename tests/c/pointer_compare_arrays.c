#include "check.h"
static int arr[20];
static struct { short s; int arr2[5]; char c; } st;
static int *find_first(int *b, int *e, int v) { for (; b != e; b++) if (*b == v) return b; return e; }
static int count_between(const int *lo, const int *hi) { int n = 0; for (const int *p = lo; p < hi; p++) n++; return n; }
int main(void)
{
    for (int i = 0; i < 20; i++) arr[i] = (i * 7) % 20;
    int *b = arr, *e = arr + 20;
    int *f = find_first(b, e, 14); OUT(f - b); OUT(f < e); OUT(f > b); OUT(f <= b + 2); OUT(f >= b + 2);
    OUT(find_first(b, e, 99) == e);
    OUT(count_between(arr + 3, arr + 17));
    int *p = &arr[10], *q = &arr[5];
    OUT(p > q); OUT(q < p); OUT(p - q); OUT(q - p); OUT(p == q + 5); OUT(p != &arr[10]);
    char *cp = (char *)&arr[4], *cq = (char *)&arr[2]; OUT(cp - cq);
    OUT(&st.arr2[4] > &st.arr2[0]); OUT(&st.arr2[3] - &st.arr2[1]);
    int *mx = arr; for (int *r = arr; r < arr + 20; r++) if (*r > *mx) mx = r; OUT(mx - arr);
    /* reverse with two pointers meeting */
    int *l = arr, *h = arr + 19; int swaps = 0; while (l < h) { int t = *l; *l++ = *h; *h-- = t; swaps++; } OUT(swaps);
    unsigned chk = 0; for (int i = 0; i < 20; i++) chk = chk * 3 + arr[i]; OUT(chk);
    int m[4][5]; OUT(&m[2][0] > &m[1][4]); OUT(&m[3][0] - &m[0][0]); OUT(m[2] - m[0]);
    return 0;
}
