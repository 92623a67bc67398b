/* Structs passed by value are copies: a callee modifying its parameter (including an array
 * member) leaves the caller's object unchanged, a struct returned and assigned back, passing
 * the same struct twice, and structs of odd sizes (3, 5, 7 bytes) passed and returned. */
#include "check.h"
struct big { int a[6]; char tag; };
struct s3 { char c[3]; };
struct s5 { char c[5]; };
struct s7 { short h; char c[5]; };
static int mangle(struct big b) { b.a[0] = 99; b.tag = 'z'; int s = 0; for (int i = 0; i < 6; i++) s += b.a[i]; return s + b.tag; }
static struct big shift(struct big b) { for (int i = 5; i > 0; i--) b.a[i] = b.a[i - 1]; b.a[0] = 0; return b; }
static int diff(struct big x, struct big y) { x.a[1] = 0; return x.a[2] - y.a[2] + y.a[1]; }
static struct s3 rot3(struct s3 v) { struct s3 r = { { v.c[1], v.c[2], v.c[0] } }; return r; }
static struct s5 inc5(struct s5 v) { for (int i = 0; i < 5; i++) v.c[i]++; return v; }
static struct s7 mk7(short h, char x) { struct s7 r = { h, { x, x, x, x, x } }; return r; }
int main(void)
{
    struct big b = { { 1, 2, 3, 4, 5, 6 }, 'a' };
    OUT(mangle(b)); OUT(b.a[0]); OUT(b.tag);
    b = shift(b); for (int i = 0; i < 6; i++) OUT(b.a[i]);
    OUT(diff(b, b)); OUT(b.a[1]);
    struct s3 t = { { 'x', 'y', 'z' } }; t = rot3(rot3(t)); OUT(t.c[0]); OUT(t.c[2]); OUT(sizeof t);
    struct s5 f = { { 1, 2, 3, 4, 5 } }; struct s5 g = inc5(f); OUT(f.c[4]); OUT(g.c[4]); OUT(sizeof f);
    struct s7 h = mk7(-3, 9); OUT(h.h); OUT(h.c[4]); OUT(sizeof h);
    return 0;
}
