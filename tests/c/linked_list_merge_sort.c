/* A singly linked list in a static node pool: building, reversing iteratively, merge sort by
 * splitting with slow/fast pointers and merging recursively, and removing duplicates, with
 * the list contents hashed after each step. */
#include "check.h"
struct node { int v; struct node *next; };
static struct node pool[24];
static unsigned hash(const struct node *n) { unsigned h = 0; for (; n; n = n->next) h = h * 37 + (unsigned)n->v; return h; }
static int len(const struct node *n) { int k = 0; for (; n; n = n->next) k++; return k; }
static struct node *rev(struct node *n) { struct node *p = 0; while (n) { struct node *nx = n->next; n->next = p; p = n; n = nx; } return p; }
static struct node *merge(struct node *a, struct node *b)
{
    if (!a) return b; if (!b) return a;
    if (a->v <= b->v) { a->next = merge(a->next, b); return a; }
    b->next = merge(a, b->next); return b;
}
static struct node *msort(struct node *h)
{
    if (!h || !h->next) return h;
    struct node *slow = h, *fast = h->next;
    while (fast && fast->next) { slow = slow->next; fast = fast->next->next; }
    struct node *second = slow->next; slow->next = 0;
    return merge(msort(h), msort(second));
}
int main(void)
{
    struct node *head = 0;
    for (int i = 0; i < 24; i++) { pool[i].v = (i * 7919) % 23 - 11; pool[i].next = head; head = &pool[i]; }
    OUT(hash(head)); OUT(len(head));
    head = rev(head); OUT(hash(head)); OUT(head->v);
    head = msort(head); OUT(hash(head)); OUT(head->v); OUT(len(head));
    for (struct node *n = head; n && n->next;) if (n->v == n->next->v) n->next = n->next->next; else n = n->next;
    OUT(hash(head)); OUT(len(head));
    return 0;
}
