#include "check.h"
struct pt { int x, y; };
struct box { struct pt lo, hi; char tag; };
static int area(struct box b) { return (b.hi.x - b.lo.x) * (b.hi.y - b.lo.y); }
static int perim(struct box b) { return 2 * ((b.hi.x - b.lo.x) + (b.hi.y - b.lo.y)); }
static int tagv(struct box b) { return b.tag * 3 + b.lo.x; }
static int (*const ops[])(struct box) = {area, perim, tagv};
static struct pt mid(struct pt a, struct pt b) { struct pt r = {(a.x + b.x) / 2, (a.y + b.y) / 2}; return r; }
static struct pt add(struct pt a, struct pt b) { struct pt r = {a.x + b.x, a.y + b.y}; return r; }
static struct pt (*ptops[2])(struct pt, struct pt) = {mid, add};
int main(void)
{
    struct box bs[4];
    for (int i = 0; i < 4; i++) {
        bs[i].lo.x = i; bs[i].lo.y = -i; bs[i].hi.x = 10 + i * i; bs[i].hi.y = 3 * i + 1; bs[i].tag = 'a' + i;
    }
    for (int i = 0; i < 4; i++)
        for (int k = 0; k < 3; k++) OUT(ops[k](bs[i]));
    int (*(*tbl)[3])(struct box) = &ops;
    OUT((*tbl)[1](bs[2]));
    for (int k = 0; k < 2; k++) {
        struct pt r = ptops[k](bs[1].lo, bs[3].hi);
        OUT(r.x); OUT(r.y);
    }
    struct pt acc = {0, 0};
    for (int i = 0; i < 10; i++) acc = ptops[i & 1](acc, bs[i % 4].hi);
    OUT(acc.x); OUT(acc.y);
    return 0;
}
