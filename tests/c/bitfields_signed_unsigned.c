#include "check.h"
struct bf { signed a : 4; unsigned b : 4; signed c : 7; unsigned d : 9; int e : 8; };
volatile int seven = 7;
int main(void)
{
    struct bf x = {0};
    for (int i = -8; i < 8; i++) { x.a = i; OUT(x.a); }
    x.b = 15; OUT(x.b); x.b++; OUT(x.b); x.b = seven * 3; OUT(x.b);
    x.c = -64; OUT(x.c); x.c = 63; OUT(x.c); x.c += 1; OUT(x.c);
    x.d = 511; OUT(x.d); x.d += 2; OUT(x.d);
    x.e = -1; OUT(x.e); OUT(x.e < 0); OUT(x.b < -1); OUT(x.d * -1);
    OUT(sizeof x);
    x.a = 3; x.b = 9; x.c = -5; x.d = 300; x.e = 100;
    OUT(x.a + x.b + x.c + x.d + x.e);
    unsigned *raw = (unsigned *)&x; OUT(*raw);
    return 0;
}
