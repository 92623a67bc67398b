/* C11 anonymous structs and unions nested several levels: members reached directly through
 * the outer object, a union of an anonymous struct with an integer view, designated
 * initialisers naming the inner members, and sizes and offsets of the whole. */
#include "check.h"
#include <stddef.h>
struct reg {
    int kind;
    union {
        struct { unsigned short lo, hi; };
        unsigned word;
        struct { unsigned char b0, b1, b2, b3; };
    };
    struct { int x; union { int y; float fy; }; };
};
union vec { struct { int a, b, c; }; int v[3]; };
int main(void)
{
    struct reg r = { .kind = 1, .word = 0x11223344, .x = 5, .y = -6 };
    OUT(r.lo); OUT(r.hi); OUT(r.b0); OUT(r.b3); OUT(r.x); OUT(r.y);
    r.hi = 0xabcd; OUT(r.word); r.b1 = 0; OUT(r.word);
    OUT(sizeof(struct reg)); OUT(offsetof(struct reg, word)); OUT(offsetof(struct reg, x)); OUT(offsetof(struct reg, y)); OUT(offsetof(struct reg, b2));
    union vec v = { .b = 7, .a = 1, .c = 9 }; OUT(v.v[0]); OUT(v.v[1]); OUT(v.v[2]);
    v.v[1] += 10; OUT(v.b); union vec w = v; w.c = -1; OUT(w.v[2] + v.c);
    struct reg *p = &r; p->lo++; p->y *= 3; OUT(p->word); OUT(r.y);
    return 0;
}
