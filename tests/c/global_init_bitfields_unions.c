#include "check.h"
struct bf { signed a : 5; unsigned b : 3; signed c : 12; unsigned d : 12; };
static struct bf g1 = {-16, 7, -2048, 4095};
static struct bf g2[2] = {{.c = -1, .a = 15}, {3, 4, 5, 6}};
union u { int i; char c[4]; short s[2]; };
static union u u1 = {0x01020304};
static union u u2 = {.s = {-1, 2}};
static union u u3 = {.c = {'a', 'b'}};
struct mix { char tag; union u val; struct bf bits; long long after; };
static struct mix m = {'m', {.i = -5}, {1, 2, 3, 4}, 0x1122334455667788LL};
int main(void)
{
    OUT(g1.a); OUT(g1.b); OUT(g1.c); OUT(g1.d);
    OUT(g2[0].a); OUT(g2[0].b); OUT(g2[0].c); OUT(g2[1].a + g2[1].b + g2[1].c + g2[1].d);
    OUT(u1.c[0]); OUT(u1.s[1]); OUT(u2.i); OUT(u3.i);
    OUT(m.tag); OUT(m.val.i); OUT(m.bits.c); OUT(m.bits.d); OUT64(m.after);
    return 0;
}
