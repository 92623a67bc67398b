#include "check.h"
struct item { int v; struct item *next; };
static struct item pool[32];
static struct item *build(int n, int seed) { struct item *h = 0; for (int i = 0; i < n; i++) { pool[i].v = (seed * (i + 3) * 17) % 101 - 50; pool[i].next = h; h = &pool[i]; } return h; }
static struct item *reverse(struct item *h) { struct item *p = 0; while (h) { struct item *n = h->next; h->next = p; p = h; h = n; } return p; }
static unsigned digest(const struct item *h) { unsigned d = 0; for (; h; h = h->next) d = d * 131 + (unsigned)h->v; return d; }
static struct item *merge(struct item *a, struct item *b) { struct item head, *t = &head; while (a && b) { if (a->v <= b->v) { t->next = a; a = a->next; } else { t->next = b; b = b->next; } t = t->next; } t->next = a ? a : b; return head.next; }
static struct item *msort(struct item *h) {
    if (!h || !h->next) return h;
    struct item *slow = h, *fast = h->next; while (fast && fast->next) { slow = slow->next; fast = fast->next->next; }
    struct item *r = slow->next; slow->next = 0; return merge(msort(h), msort(r));
}
static void remove_if_neg(struct item **pp) { while (*pp) { if ((*pp)->v < 0) *pp = (*pp)->next; else pp = &(*pp)->next; } }
static int len(const struct item *h) { int n = 0; while (h) { n++; h = h->next; } return n; }
int main(void)
{
    struct item *h = build(30, 7);
    OUT(digest(h)); h = reverse(h); OUT(digest(h)); OUT(h->v);
    h = msort(h); OUT(digest(h)); OUT(len(h)); OUT(h->v);
    int sorted = 1; for (struct item *p = h; p->next; p = p->next) sorted &= p->v <= p->next->v; OUT(sorted);
    remove_if_neg(&h); OUT(len(h)); OUT(digest(h));
    struct item *slow = h, *fast = h; int cyc = 0; pool[31].next = 0;
    while (fast && fast->next) { slow = slow->next; fast = fast->next->next; if (slow == fast) { cyc = 1; break; } }
    OUT(cyc);
    return 0;
}
