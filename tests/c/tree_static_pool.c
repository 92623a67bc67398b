#include "check.h"
struct node { int key; int count; struct node *left, *right; };
static struct node pool[128];
static int used;
static struct node *newnode(int k) { struct node *n = &pool[used++]; n->key = k; n->count = 1; n->left = n->right = 0; return n; }
static struct node *insert(struct node *t, int k) {
    if (!t) return newnode(k);
    if (k < t->key) t->left = insert(t->left, k);
    else if (k > t->key) t->right = insert(t->right, k);
    else t->count++;
    return t;
}
static int height(const struct node *t) { if (!t) return 0; int a = height(t->left), b = height(t->right); return 1 + (a > b ? a : b); }
static int total(const struct node *t) { return t ? t->count + total(t->left) + total(t->right) : 0; }
static void inorder(const struct node *t) { if (!t) return; inorder(t->left); OUT(t->key * 100 + t->count); inorder(t->right); }
static struct node *find(struct node *t, int k) { while (t && t->key != k) t = k < t->key ? t->left : t->right; return t; }
static void insert_iter(struct node **root, int k) {
    struct node **p = root;
    while (*p && (*p)->key != k) p = k < (*p)->key ? &(*p)->left : &(*p)->right;
    if (*p) (*p)->count++; else *p = newnode(k);
}
int main(void)
{
    struct node *root = 0;
    unsigned s = 12345;
    for (int i = 0; i < 60; i++) { s = s * 1103515245u + 12345u; root = insert(root, (s >> 16) % 50); }
    inorder(root);
    OUT(height(root)); OUT(total(root)); OUT(used);
    OUT(find(root, 7) ? find(root, 7)->count : -1);
    OUT(find(root, 99) != 0);
    struct node *r2 = 0;
    for (int i = 0; i < 30; i++) insert_iter(&r2, (i * 7) % 13);
    inorder(r2); OUT(height(r2)); OUT(total(r2)); OUT(used);
    return 0;
}
