/* GNU typeof and statement expressions: typeof of expressions and types, a max macro that
 * evaluates its arguments once, statement expressions with locals, loops and a final value,
 * typeof keeping qualifiers and array types. */
#include "check.h"
#define MAX(a, b) ({ typeof(a) _a = (a); typeof(b) _b = (b); _a > _b ? _a : _b; })
#define SWAP(x, y) do { typeof(x) _t = (x); (x) = (y); (y) = _t; } while (0)
static int counter;
static int next(void) { return ++counter; }
int main(void)
{
    int i = 3; long long ll = -5; unsigned char uc = 200;
    typeof(i) j = 7; typeof(ll) k = 1LL << 40; typeof(uc + 0) w = uc + 100; typeof(uc) nar = uc + 100;
    OUT(j); OUT64(k); OUT(w); OUT(nar); OUT(sizeof(typeof(ll))); OUT(sizeof(typeof(uc))); OUT(sizeof(typeof(uc + uc)));
    OUT(MAX(next(), next())); OUT(counter); OUT(MAX(2, 9)); OUT64(MAX(ll, -7LL));
    int v = ({ int s = 0; for (int t = 1; t <= 10; t++) s += t; s; }); OUT(v);
    OUT(({ int a = 4; a * a; }) + ({ 1; }));
    int arr[5] = { 1, 2, 3, 4, 5 }; typeof(arr) copy; OUT(sizeof copy);
    for (int t = 0; t < 5; t++) copy[t] = arr[4 - t]; OUT(copy[0]); OUT(copy[4]);
    int p = 1, q = 2; SWAP(p, q); OUT(p); OUT(q);
    typeof(int *) ptr = &p; *ptr = 11; OUT(p);
    const int ci = 5; typeof(ci) cj = 6; OUT(cj + ci);
    return 0;
}
