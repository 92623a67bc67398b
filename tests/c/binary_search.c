#include "check.h"
static int arr[200];
static int lower_bound(const int *a, int n, int key) { int lo = 0, hi = n; while (lo < hi) { int m = lo + (hi - lo) / 2; if (a[m] < key) lo = m + 1; else hi = m; } return lo; }
static int bsearch_rec(const int *a, int lo, int hi, int key) { if (lo > hi) return -1; int m = (lo + hi) >> 1; if (a[m] == key) return m; return a[m] < key ? bsearch_rec(a, m + 1, hi, key) : bsearch_rec(a, lo, m - 1, key); }
static const int *bs_ptr(const int *b, const int *e, int key) { while (b < e) { const int *m = b + (e - b) / 2; if (*m < key) b = m + 1; else e = m; } return b; }
static unsigned isqrt(unsigned long long x) { unsigned long long lo = 0, hi = 0xffffffffULL; while (lo < hi) { unsigned long long m = (lo + hi + 1) / 2; if (m * m <= x) lo = m; else hi = m - 1; } return (unsigned)lo; }
int main(void)
{
    for (int i = 0; i < 200; i++) arr[i] = i * 3 - 250 + (i / 10);
    int keys[] = {-251, -250, -249, 0, 1, 100, 365, 366, 400, 2000, -1000, 331};
    for (int k = 0; k < 12; k++) {
        OUT(lower_bound(arr, 200, keys[k]));
        OUT(bsearch_rec(arr, 0, 199, keys[k]));
        OUT(bs_ptr(arr, arr + 200, keys[k]) - arr);
    }
    int found = 0;
    for (int i = 0; i < 200; i++) found += bsearch_rec(arr, 0, 199, arr[i]) == i;
    OUT(found);
    unsigned long long xs[] = {0, 1, 2, 15, 16, 17, 1000000, 0xffffffffULL, 0xfffffffe00000001ULL, 0x123456789abcULL};
    for (int i = 0; i < 10; i++) OUT(isqrt(xs[i]));
    return 0;
}
