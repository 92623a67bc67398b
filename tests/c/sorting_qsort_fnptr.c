#include "check.h"
typedef int (*cmp_fn)(const void *, const void *);
static void swapb(char *a, char *b, unsigned n) { while (n--) { char t = *a; *a++ = *b; *b++ = t; } }
static void isort(void *base, unsigned n, unsigned size, cmp_fn cmp)
{
    char *b = base;
    for (unsigned i = 1; i < n; i++)
        for (unsigned j = i; j > 0 && cmp(b + (j - 1) * size, b + j * size) > 0; j--)
            swapb(b + (j - 1) * size, b + j * size, size);
}
static int cmp_int(const void *a, const void *b) { int x = *(const int *)a, y = *(const int *)b; return (x > y) - (x < y); }
static int cmp_ll_desc(const void *a, const void *b)
{
    long long x = *(const long long *)a, y = *(const long long *)b; return (x < y) - (x > y);
}
struct kv { short k; char v; };
static int cmp_kv(const void *a, const void *b) { return ((const struct kv *)a)->k - ((const struct kv *)b)->k; }
int main(void)
{
    int a[12] = {5, -3, 99, 0, 7, 7, -100, 42, 1, 2, 3, -3};
    isort(a, 12, sizeof a[0], cmp_int);
    for (int i = 0; i < 12; i++) OUT(a[i]);
    long long l[6] = {1LL << 40, -1, 5, 1LL << 33, -(1LL << 50), 0};
    isort(l, 6, sizeof l[0], cmp_ll_desc);
    for (int i = 0; i < 6; i++) OUT64(l[i]);
    struct kv kv[5] = {{3, 'c'}, {1, 'a'}, {4, 'd'}, {1, 'b'}, {-2, 'z'}};
    isort(kv, 5, sizeof kv[0], cmp_kv);
    for (int i = 0; i < 5; i++) OUT(kv[i].v);
    return 0;
}
