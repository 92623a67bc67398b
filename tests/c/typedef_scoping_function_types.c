/* typedefs of arrays, function types and pointers to them, shadowed in an inner block,
 * and a typedef name reused as an ordinary identifier in a nested scope. */
#include "check.h"
typedef int vec3[3];
typedef int fn_t(int);
typedef fn_t *fnp;
static int inc(int x) { return x + 1; }
static int apply(fnp f, int n, int v) { while (n--) v = f(v); return v; }
int main(void)
{
    vec3 v = {1, 2, 3}; OUT(sizeof v); OUT(v[2]);
    fn_t *f = inc; OUT(apply(f, 5, 10));
    { typedef short vec3; vec3 s = -1; OUT(sizeof s); OUT(s); }
    { int fnp = 4; OUT(fnp * 2); }
    vec3 *pv = &v; OUT((*pv)[1]);
    return 0;
}
