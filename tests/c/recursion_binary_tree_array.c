/* Recursion over an implicit binary tree stored in an array (children at 2i+1, 2i+2):
 * height, node count, sum, in-order traversal into a buffer, mirror, and checking the
 * binary-search-tree property, with multiple return paths in each function. */
#include "check.h"
#define N 15
static int t[N];
static int size(int i) { return i >= N || t[i] < 0 ? 0 : 1 + size(2 * i + 1) + size(2 * i + 2); }
static int height(int i) { if (i >= N || t[i] < 0) return 0; int l = height(2 * i + 1), r = height(2 * i + 2); return 1 + (l > r ? l : r); }
static int out[N], nout;
static void inorder(int i) { if (i >= N || t[i] < 0) return; inorder(2 * i + 1); out[nout++] = t[i]; inorder(2 * i + 2); }
static int is_bst(int i, int lo, int hi) { if (i >= N || t[i] < 0) return 1; if (t[i] < lo || t[i] > hi) return 0; return is_bst(2 * i + 1, lo, t[i] - 1) && is_bst(2 * i + 2, t[i] + 1, hi); }
static void mirror(int i) { if (i >= N || 2 * i + 2 >= N) return; int a = 2 * i + 1, b = 2 * i + 2; for (int w = 1, la = a, lb = b; la < N; w *= 2, la = 2 * la + 1, lb = 2 * lb + 1) for (int k = 0; k < w; k++) { int x = t[la + k]; t[la + k] = t[lb + w - 1 - k]; t[lb + w - 1 - k] = x; } }
int main(void)
{
    static const int init[N] = { 50, 30, 70, 20, 40, 60, 80, 10, -1, 35, 45, -1, 65, -1, 90 };
    for (int i = 0; i < N; i++) t[i] = init[i];
    OUT(size(0)); OUT(height(0)); OUT(is_bst(0, 0, 1000));
    inorder(0); for (int i = 0; i < nout; i++) OUT(out[i]);
    mirror(0); OUT(is_bst(0, 0, 1000)); nout = 0; inorder(0); OUT(out[0]); OUT(out[nout - 1]); OUT(height(0)); OUT(size(1));
    return 0;
}
