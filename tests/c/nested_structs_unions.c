#include "check.h"
struct inner { short s; char c[3]; };
union val { int i; unsigned char bytes[4]; short h[2]; };
struct outer { char tag; struct inner in[2]; union val v; struct { int x, y; } anon; long long z; };
int main(void)
{
    struct outer o = { 'q', { {1, "ab"}, {2, {9, 8, 7}} }, { 0x11223344 }, {5, 6}, -1 };
    OUT(o.tag); OUT(o.in[1].c[2]); OUT(o.in[0].c[1]); OUT(o.v.bytes[0]); OUT(o.v.bytes[3]);
    OUT(o.v.h[1]); OUT(o.anon.y); OUT64(o.z);
    o.v.bytes[1] = 0xff; OUT(o.v.i);
    OUT(sizeof(struct inner)); OUT(sizeof(union val)); OUT(sizeof(struct outer));
    struct outer p = o; p.in[0].s = 77; OUT(o.in[0].s); OUT(p.in[0].s);
    union val u; u.i = -2; OUT(u.h[0]); OUT(u.bytes[2]);
    struct outer *q = &p; q->anon.x += 10; OUT(p.anon.x); OUT((&q->in[1])->s);
    return 0;
}
