/* Copies of nested structs: assigning an inner member copies just it, copying the outer one
 * copies arrays of inner structs, and chained assignments yield the value. */
#include "check.h"
struct pt { short x, y; };
struct seg { struct pt a, b; };
struct poly { int n; struct seg s[4]; struct pt centre; };
int main(void)
{
    struct poly p = {3, {{{1, 2}, {3, 4}}, {{5, 6}, {7, 8}}, {{9, 10}, {11, 12}}}, {0, 0}};
    struct poly q = p;
    q.s[1].a = p.s[2].b; q.centre = q.s[0].b;
    OUT(q.s[1].a.x); OUT(q.s[1].a.y); OUT(p.s[1].a.x); OUT(q.centre.y);
    struct seg t, u; t = u = p.s[2]; OUT(t.a.x + u.b.y);
    struct pt arr[3]; arr[0] = arr[1] = arr[2] = p.s[0].a; arr[1].y = 99;
    OUT(arr[0].y); OUT(arr[1].y); OUT(arr[2].x);
    int sum = 0; for (int i = 0; i < 4; i++) sum += q.s[i].a.x * 3 + q.s[i].b.y;
    OUT(sum); OUT(sizeof(struct poly));
    return 0;
}
