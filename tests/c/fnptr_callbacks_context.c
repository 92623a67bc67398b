/* Callbacks with a context pointer: a generic for_each taking a function and a void *
 * context, callbacks accumulating into different context structs, a callback stored in a
 * struct with its context, and chaining callbacks through an array. */
#include "check.h"
typedef void (*visit_fn)(int value, void *ctx);
static void for_each(const int *a, int n, visit_fn f, void *ctx) { for (int i = 0; i < n; i++) f(a[i], ctx); }
struct stats { int n; long long sum; int min, max; };
static void stat(int v, void *c) { struct stats *s = c; if (!s->n || v < s->min) s->min = v; if (!s->n || v > s->max) s->max = v; s->n++; s->sum += v; }
static void hist(int v, void *c) { int *h = c; h[(v % 4 + 4) % 4]++; }
struct cb { visit_fn fn; void *ctx; };
int main(void)
{
    int data[] = { 5, -3, 12, 7, 0, -8, 21, 4 };
    struct stats st = { 0 }; for_each(data, 8, stat, &st); OUT(st.n); OUT64(st.sum); OUT(st.min); OUT(st.max);
    int h[4] = { 0 }; for_each(data, 8, hist, h); for (int i = 0; i < 4; i++) OUT(h[i]);
    struct stats st2 = { 0 }; int h2[4] = { 0 };
    struct cb cbs[2] = { { stat, &st2 }, { hist, h2 } };
    for (int i = 0; i < 8; i++) for (int k = 0; k < 2; k++) cbs[k].fn(data[i] * 2, cbs[k].ctx);
    OUT64(st2.sum); OUT(st2.max); OUT(h2[0]); OUT(h2[2]);
    return 0;
}
