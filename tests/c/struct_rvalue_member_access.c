/* Member access on struct rvalues: f().a, f().arr[i], nested g().in.x, ternaries between
 * struct values, assignment expressions' values of struct type, and comparison of members
 * of two calls' results. */
#include "check.h"
struct in { int x, y; };
struct s { int a; int arr[4]; struct in in; long long big; };
static int calls;
static struct s mk(int k) { calls++; struct s r = { k, { k, k * 2, k * 3, k * 4 }, { -k, k * k }, (long long)k << 40 }; return r; }
static struct in inner(int k) { return mk(k).in; }
int main(void)
{
    OUT(mk(3).a); OUT(mk(4).arr[2]); OUT(mk(5).in.y); OUT64(mk(6).big); OUT(calls);
    OUT(inner(7).x); OUT(mk(2).arr[mk(1).arr[0]]);
    volatile int c = 1; OUT((c ? mk(8) : mk(9)).in.x); OUT(calls);
    struct s t; OUT((t = mk(10)).arr[3]); OUT(t.a);
    OUT(mk(3).in.y > mk(2).in.y); OUT(mk(11).arr[1] - mk(11).arr[0]);
    struct in p = inner(12); OUT(p.x + p.y);
    return 0;
}
