/* Designated initialisers in awkward orders: array designators out of order, a later
 * designator overriding an earlier value, positional initialisers continuing after a
 * designator, nested member/array chains (.a.b[2].c) after which positional initialisers go
 * on inside the designated subobject, arrays of structs, and zero fill. */
#include "check.h"
struct in { int c; short d[3]; };
struct out { int a; struct in b[3]; char tag; };
static const int arr[10] = { [5] = 50, 60, 70, [1] = 10, [5] = 55, [9] = 90 };
static struct out g = { .b[2].d[1] = 21, .a = 1, .b[0] = { 5, { 6, 7 } }, .tag = 'g', .b[2].c = 20, .b[1].d = { 1 } };
struct pt { int x, y; };
static struct out h = { .b[1].c = 5, 6, 7, .tag = 2, .b[2].d[1] = 8, 9, 10 };
struct pt2 { struct pt p, q; };
static struct pt2 pq[2] = { [0].q = { 1, 2 }, 3, 4, [1].p.y = 5, 6, 7 };
static struct pt pts[4] = { [3] = { .y = 33 }, [1].x = 11, 12, { 2, 2 }, [0] = { 0, -1 } };
int main(void)
{
    for (int i = 0; i < 10; i++) OUT(arr[i]);
    OUT(g.a); OUT(g.b[0].c); OUT(g.b[0].d[0]); OUT(g.b[0].d[1]); OUT(g.b[0].d[2]); OUT(g.b[1].c); OUT(g.b[1].d[0]);
    OUT(g.b[2].c); OUT(g.b[2].d[0]); OUT(g.b[2].d[1]); OUT(g.tag);
    for (int i = 0; i < 4; i++) { OUT(pts[i].x); OUT(pts[i].y); }
    struct out l = { .tag = 1, .b = { [1] = { .d[2] = 3 }, { 4 } }, .a = 2, .b[1].c = 9 };
    OUT(l.a); OUT(l.b[1].c); OUT(l.b[1].d[2]); OUT(l.b[2].c); OUT(l.tag); OUT(l.b[0].d[0]);
    OUT(h.b[1].c); OUT(h.b[1].d[0]); OUT(h.b[1].d[1]); OUT(h.b[1].d[2]); OUT(h.b[2].d[1]); OUT(h.b[2].d[2]); OUT(h.tag); OUT(h.b[2].c);
    for (int i = 0; i < 2; i++) { OUT(pq[i].p.x); OUT(pq[i].p.y); OUT(pq[i].q.x); OUT(pq[i].q.y); }
    int loc[6] = { [4] = 4, [2] = 2, 3, [0] = 1 }; for (int i = 0; i < 6; i++) OUT(loc[i]);
    return 0;
}
