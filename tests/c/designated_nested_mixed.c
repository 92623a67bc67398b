/* Designated initialisers mixing nested members, array indices, positional elements that
 * continue after a designator, overrides, and unions initialised by a named member. */
#include "check.h"
struct in { int a, b[3]; };
union u { int i; unsigned char c[4]; };
struct out { char tag; struct in in; union u u; int tail[4]; };
static struct out g = {.in.b[1] = 5, .tag = 'g', .tail = {[2] = 7, 8}, .u.c[1] = 1};
int main(void)
{
    OUT(g.tag); OUT(g.in.a); OUT(g.in.b[0]); OUT(g.in.b[1]); OUT(g.u.i);
    for (int i = 0; i < 4; i++) OUT(g.tail[i]);
    struct out l = {'l', {1, {2, 3, 4}}, {.c = {1, 2}}, {[1] = 10, [0] = 9, 11}};
    OUT(l.in.b[2]); OUT(l.u.i); for (int i = 0; i < 4; i++) OUT(l.tail[i]);
    int arr[6] = {[4] = 4, [1] = 1, 2, [4] = 40};
    for (int i = 0; i < 6; i++) OUT(arr[i]);
    struct in list[] = {[2].a = 3, [0].b = {1, 1, 1}};
    OUT(sizeof list / sizeof list[0]); OUT(list[0].b[2] + list[2].a + list[1].a);
    return 0;
}
