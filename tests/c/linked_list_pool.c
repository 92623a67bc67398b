#include "check.h"
struct node { int val; struct node *next; };
static struct node pool[64];
static int used;
static struct node *alloc(int v) { struct node *n = &pool[used++]; n->val = v; n->next = 0; return n; }
static struct node *push(struct node *head, int v) { struct node *n = alloc(v); n->next = head; return n; }
static struct node *reverse(struct node *h)
{
    struct node *prev = 0;
    while (h) { struct node *nx = h->next; h->next = prev; prev = h; h = nx; }
    return prev;
}
static struct node *insert_sorted(struct node *h, int v)
{
    struct node **pp = &h;
    while (*pp && (*pp)->val < v) pp = &(*pp)->next;
    struct node *n = alloc(v); n->next = *pp; *pp = n;
    return h;
}
int main(void)
{
    struct node *h = 0;
    for (int i = 0; i < 10; i++) h = push(h, i * i);
    h = reverse(h);
    for (struct node *p = h; p; p = p->next) OUT(p->val);
    struct node *s = 0;
    int vals[] = {5, 1, 9, -4, 5, 0, 12};
    for (int i = 0; i < 7; i++) s = insert_sorted(s, vals[i]);
    for (struct node *p = s; p; p = p->next) OUT(p->val);
    OUT(used);
    return 0;
}
