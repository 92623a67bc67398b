/* Bit-fields of _Bool and enum-sized int type: a 1-bit _Bool field stores nonzero as 1,
 * enum values in int bit-fields wide enough to keep their sign, fields packed into one
 * storage unit, and a struct of flags compared by value field by field. */
#include "check.h"
enum color { RED = -2, GREEN = 1, BLUE = 3 };
struct flags { _Bool a : 1; _Bool b : 1; int col : 3; unsigned n : 5; _Bool c : 1; };
int main(void)
{
    struct flags f = { 0 };
    f.a = 5; f.b = 0; f.col = RED; f.n = 31; f.c = f.a + f.a;
    OUT(f.a); OUT(f.b); OUT(f.col); OUT(f.col == RED); OUT(f.n); OUT(f.c); OUT(sizeof f);
    f.col = BLUE; OUT(f.col); f.col = GREEN; f.col++; OUT(f.col); f.n++; OUT(f.n);
    f.a = !f.a; OUT(f.a); f.b = 0.5; OUT(f.b);
    struct flags g = f; g.c = 0; OUT(g.a == f.a && g.col == f.col && g.c != f.c);
    struct flags arr[4]; for (int i = 0; i < 4; i++) { arr[i].a = i & 1; arr[i].b = i & 2; arr[i].col = i - 2; arr[i].n = i * 9; arr[i].c = 0; }
    int h = 0; for (int i = 0; i < 4; i++) h = h * 100 + arr[i].a * 8 + arr[i].b * 4 + arr[i].col * 16 + arr[i].n; OUT(h);
    return 0;
}
