#include "check.h"
struct point { int x, y; };
struct rect { struct point a, b; char tag; };
static struct point add(struct point p, struct point q)
{
    struct point r = { p.x + q.x, p.y + q.y };
    return r;
}
int main(void)
{
    struct rect r = { {1, 2}, {30, 40}, 'z' };
    struct rect copy = r;
    copy.b.x = 99;
    struct point s = add(r.a, copy.b);
    OUT(s.x); OUT(s.y); OUT(r.b.x); OUT(copy.tag); OUT(sizeof(struct rect));
    return 0;
}
