/* A tagged union holding int, float, double or a pair of floats, used as a tiny dynamically
 * typed value: arithmetic promoting to the wider kind, conversion back to int, and the union's
 * size and alignment (set by the double). */
#include "check.h"
static unsigned long long db(double d) { union { double d; unsigned long long u; } v = { d }; return v.u; }
enum kind { K_INT, K_FLOAT, K_DOUBLE, K_PAIR };
struct val { enum kind k; union { int i; float f; double d; struct { float a, b; } p; } u; };
static double as_double(struct val v)
{
    switch (v.k) { case K_INT: return v.u.i; case K_FLOAT: return v.u.f; case K_DOUBLE: return v.u.d; default: return v.u.p.a + v.u.p.b; }
}
static struct val add(struct val x, struct val y)
{
    struct val r; enum kind k = x.k > y.k ? x.k : y.k;
    if (k == K_PAIR) k = K_DOUBLE;
    r.k = k;
    if (k == K_INT) r.u.i = x.u.i + y.u.i;
    else if (k == K_FLOAT) r.u.f = (float)as_double(x) + (float)as_double(y);
    else r.u.d = as_double(x) + as_double(y);
    return r;
}
int main(void)
{
    struct val a = { K_INT, { .i = 7 } }, b = { K_FLOAT, { .f = 0.1f } }, c = { K_DOUBLE, { .d = 0.1 } }, d = { K_PAIR, { .p = { 1.5f, -0.25f } } };
    struct val vs[4] = { a, b, c, d };
    for (int i = 0; i < 4; i++)
        for (int j = 0; j < 4; j++) { struct val r = add(vs[i], vs[j]); OUT(r.k); OUT64(db(as_double(r))); }
    OUT(sizeof(struct val)); OUT(_Alignof(struct val));
    struct val e = add(add(a, b), add(b, a)); OUT((int)(as_double(e) * 10));
    return 0;
}
