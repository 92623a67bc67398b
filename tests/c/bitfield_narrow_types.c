#include "check.h"
enum mode { M_OFF, M_ON, M_AUTO, M_NEG = -1 };
struct narrow { signed char a : 3; unsigned char b : 5; short c : 10; unsigned short d : 6; enum mode m : 3; };
struct ll_bits { unsigned long long lo : 20; long long mid : 12; unsigned long long rest : 32; };
volatile int two = 2;
int main(void)
{
    struct narrow n = {-4, 31, -512, 63, M_AUTO};
    OUT(n.a); OUT(n.b); OUT(n.c); OUT(n.d); OUT(n.m);
    n.a = 3; n.a++; OUT(n.a); n.b += two; OUT(n.b); n.c -= 1; OUT(n.c); n.d = n.d * two; OUT(n.d);
    n.m = M_NEG; OUT(n.m == M_NEG); OUT(n.m);
    OUT(n.b - 40); OUT(n.d - 100 < 0); OUT(sizeof n);
    struct ll_bits l = {0xfffff, -2048, 0xffffffffu};
    OUT(l.lo); OUT(l.mid); OUT64(l.rest); OUT(l.lo + 1); OUT(l.mid - 1);
    l.mid = 2047; l.lo = 0; OUT(l.mid); OUT64(*(unsigned long long *)&l);
    return 0;
}
