#include "check.h"
volatile int vi;
volatile unsigned char vb[4];
static volatile long long vl;
int main(void)
{
    vi = 1; vi = 2; vi += 3; OUT(vi);
    for (int i = 0; i < 4; i++) vb[i] = (unsigned char)(i * 70);
    OUT(vb[3]); OUT(vb[0] + vb[1]);
    vl = 0x1122334455667788LL; vl++; OUT64(vl);
    volatile int local = 7; int n = 0;
    while (local > 0) { local--; n++; }
    OUT(n);
    volatile int *p = &vi; *p = *p * 10; OUT(vi);
    int x = vi, y = vi; OUT(x + y);
    volatile struct { int a; short b; } vs = {1, 2}; vs.b += vs.a; OUT(vs.b);
    return 0;
}
