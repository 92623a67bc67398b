#include "check.h"
#define NB 200
#define W ((NB + 31) / 32)
typedef struct { unsigned w[W]; } bitset;
static void bs_set(bitset *b, int i) { b->w[i >> 5] |= 1u << (i & 31); }
static void bs_clr(bitset *b, int i) { b->w[i >> 5] &= ~(1u << (i & 31)); }
static int bs_get(const bitset *b, int i) { return (b->w[i >> 5] >> (i & 31)) & 1; }
static int bs_count(const bitset *b) { int c = 0; for (int k = 0; k < W; k++) { unsigned x = b->w[k]; while (x) { x &= x - 1; c++; } } return c; }
static bitset bs_and(bitset a, bitset b) { for (int k = 0; k < W; k++) a.w[k] &= b.w[k]; return a; }
static bitset bs_or(bitset a, bitset b) { for (int k = 0; k < W; k++) a.w[k] |= b.w[k]; return a; }
static bitset bs_shl1(bitset a) { unsigned carry = 0; for (int k = 0; k < W; k++) { unsigned n = a.w[k] >> 31; a.w[k] = (a.w[k] << 1) | carry; carry = n; } a.w[W - 1] &= (1u << (NB & 31)) - 1; return a; }
static int bs_next(const bitset *b, int from) { for (int i = from; i < NB; i++) if (bs_get(b, i)) return i; return -1; }
int main(void)
{
    bitset a = {{0}}, b = {{0}};
    for (int i = 0; i < NB; i += 3) bs_set(&a, i);
    for (int i = 0; i < NB; i += 5) bs_set(&b, i);
    bs_clr(&a, 30); bs_clr(&b, 31);
    OUT(bs_count(&a)); OUT(bs_count(&b));
    bitset c = bs_and(a, b), d = bs_or(a, b);
    OUT(bs_count(&c)); OUT(bs_count(&d));
    for (int k = 0; k < W; k++) OUT(d.w[k]);
    bitset e = a; for (int i = 0; i < 70; i++) e = bs_shl1(e);
    OUT(bs_count(&e)); OUT(bs_next(&e, 0)); OUT(bs_next(&e, 150)); OUT(bs_next(&c, 16));
    int s = 0; for (int i = bs_next(&c, 0); i >= 0; i = bs_next(&c, i + 1)) s += i; OUT(s);
    OUT(sizeof(bitset));
    return 0;
}
