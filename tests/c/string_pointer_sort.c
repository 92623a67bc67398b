/* Sorting an array of string pointers with a hand-written comparison, binary search over the
 * sorted pointers, swapping pointers rather than characters, and comparing strings that share
 * prefixes or differ only in high (negative char) bytes. */
#include "check.h"
static int cmp(const char *a, const char *b) { while (*a && *a == *b) a++, b++; return (unsigned char)*a - (unsigned char)*b; }
static void sort(const char **v, int n) { for (int i = 1; i < n; i++) { const char *x = v[i]; int j = i; while (j > 0 && cmp(v[j - 1], x) > 0) { v[j] = v[j - 1]; j--; } v[j] = x; } }
static int find(const char **v, int n, const char *key) { int lo = 0, hi = n - 1; while (lo <= hi) { int m = (lo + hi) / 2; int c = cmp(v[m], key); if (c == 0) return m; if (c < 0) lo = m + 1; else hi = m - 1; } return -1; }
int main(void)
{
    const char *w[] = { "pear", "apple", "peach", "app", "", "\xe9t\xe9", "zebra", "Apple", "apples", "pea" };
    int n = sizeof w / sizeof w[0];
    sort(w, n);
    for (int i = 0; i < n; i++) { unsigned h = 0; for (const char *p = w[i]; *p; p++) h = h * 31 + (unsigned char)*p; OUT(h); }
    OUT(find(w, n, "peach")); OUT(find(w, n, "app")); OUT(find(w, n, "")); OUT(find(w, n, "zzz")); OUT(find(w, n, "\xe9t\xe9"));
    OUT(cmp("abc", "abd") < 0); OUT(cmp("ab", "abc") < 0); OUT(cmp("\x80", "a") > 0);
    return 0;
}
