/* Heap sort and bottom-up merge sort of pseudo-random ints (with duplicates and negatives),
 * checked against each other and summarised by a position-weighted checksum. */
#include "check.h"
#define N 96
static int a[N], b[N], tmp[N];
static void sift(int *v, int start, int end)
{
    int root = start;
    while (2 * root + 1 <= end) {
        int child = 2 * root + 1, sw = root;
        if (v[sw] < v[child]) sw = child;
        if (child + 1 <= end && v[sw] < v[child + 1]) sw = child + 1;
        if (sw == root) return;
        int t = v[root]; v[root] = v[sw]; v[sw] = t; root = sw;
    }
}
static void heapsort(int *v, int n)
{
    for (int s = (n - 2) / 2; s >= 0; s--) sift(v, s, n - 1);
    for (int e = n - 1; e > 0; e--) { int t = v[e]; v[e] = v[0]; v[0] = t; sift(v, 0, e - 1); }
}
static void mergesort(int *v, int n)
{
    for (int w = 1; w < n; w *= 2) {
        for (int lo = 0; lo < n; lo += 2 * w) {
            int mid = lo + w < n ? lo + w : n, hi = lo + 2 * w < n ? lo + 2 * w : n, i = lo, j = mid, k = lo;
            while (i < mid && j < hi) tmp[k++] = v[i] <= v[j] ? v[i++] : v[j++];
            while (i < mid) tmp[k++] = v[i++];
            while (j < hi) tmp[k++] = v[j++];
        }
        for (int i = 0; i < n; i++) v[i] = tmp[i];
    }
}
int main(void)
{
    unsigned s = 12345;
    for (int i = 0; i < N; i++) { s = s * 1103515245u + 12345u; a[i] = b[i] = (int)(s >> 16) % 200 - 100; }
    heapsort(a, N); mergesort(b, N);
    int same = 1; unsigned ck = 0;
    for (int i = 0; i < N; i++) { same &= a[i] == b[i]; ck = ck * 31 + (unsigned)a[i]; }
    OUT(same); OUT(ck); OUT(a[0]); OUT(a[N / 2]); OUT(a[N - 1]);
    return 0;
}
