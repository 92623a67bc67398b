#include "check.h"
struct msg {
    unsigned char kind;
    union { struct { short x, y; }; int both; unsigned char raw[4]; };
    struct { unsigned len : 6, flag : 1, odd : 1; };
    long long stamp;
};
struct outer { int id; struct { int a; union { int b; char c; }; }; };
static int sum(struct msg m) { return m.kind + m.x + m.y + m.len + m.flag + (int)(m.stamp >> 32) + m.raw[3]; }
int main(void)
{
    struct msg m = {.kind = 3, .x = -2, .y = 300, .len = 45, .flag = 1, .stamp = 0x500000007LL};
    OUT(m.both); OUT(m.raw[0]); OUT(m.raw[2]); OUT(sum(m));
    m.both = 0x12345678; OUT(m.x); OUT(m.y); OUT(sum(m));
    m.len += 30; m.odd = 1; OUT(m.len); OUT(m.flag); OUT(m.odd);
    struct msg n = m; n.raw[1] = 0; OUT(n.both); OUT(m.both);
    struct outer o = {7, {8, {9}}}; OUT(o.id + o.a * 10 + o.b * 100);
    o.c = 'z'; OUT(o.b & 0xff);
    struct outer arr[3] = {{1, {2, {3}}}, {.a = 5, .b = 6}, {.id = 9}};
    int s = 0; for (int i = 0; i < 3; i++) s = s * 100 + arr[i].id * 4 + arr[i].a * 2 + arr[i].b; OUT(s);
    OUT(sizeof(struct msg)); OUT(sizeof(struct outer)); OUT(__builtin_offsetof(struct msg, stamp));
    return 0;
}
