/* Sorting an array of structs by a key with a stable insertion sort (equal keys keep their
 * order), then by a second key with a comparator passed as a function pointer, swapping
 * whole structs by assignment. */
#include "check.h"
struct rec { short key; char name; int weight; };
typedef int (*cmp_fn)(const struct rec *, const struct rec *);
static int by_key(const struct rec *a, const struct rec *b) { return a->key - b->key; }
static int by_weight_desc(const struct rec *a, const struct rec *b) { return (b->weight > a->weight) - (b->weight < a->weight); }
static void sort(struct rec *v, int n, cmp_fn cmp) { for (int i = 1; i < n; i++) { struct rec x = v[i]; int j = i; while (j > 0 && cmp(&v[j - 1], &x) > 0) { v[j] = v[j - 1]; j--; } v[j] = x; } }
int main(void)
{
    struct rec v[8] = { { 3, 'a', 10 }, { 1, 'b', -5 }, { 3, 'c', 7 }, { 2, 'd', 7 }, { 1, 'e', 100 }, { -4, 'f', 0 }, { 3, 'g', 7 }, { 2, 'h', -1 } };
    sort(v, 8, by_key); for (int i = 0; i < 8; i++) OUT(v[i].name);
    sort(v, 8, by_weight_desc); for (int i = 0; i < 8; i++) OUT(v[i].name * 1000 + v[i].key);
    return 0;
}
