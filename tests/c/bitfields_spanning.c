#include "check.h"
struct span { unsigned a : 20; unsigned b : 20; unsigned c : 24; };
struct span64 { unsigned long long lo : 40; unsigned long long hi : 24; };
struct mix { char c; unsigned x : 12; unsigned y : 12; short s; unsigned z : 30; };
struct packed { unsigned char p : 3, q : 3, r : 2; };
int main(void)
{
    struct span s = {0xfffff, 0x12345, 0xabcdef};
    OUT(s.a); OUT(s.b); OUT(s.c); OUT(sizeof s);
    s.b = 0xfffff; s.a = 0; OUT(s.b); OUT(s.c);
    struct span64 w = {0xffffffffffULL, 0x123456};
    OUT64(w.lo); OUT(w.hi); w.lo += 1; OUT64(w.lo); OUT(w.hi); OUT(sizeof w);
    w.hi = 0xffffff; w.lo = 0x8000000001ULL; OUT64(*(unsigned long long *)&w);
    struct mix m = {'a', 4095, 2048, -7, 0x3fffffff};
    OUT(m.c); OUT(m.x); OUT(m.y); OUT(m.s); OUT(m.z); OUT(sizeof m);
    m.x = 1; m.y--; m.z >>= 3; OUT(m.x); OUT(m.y); OUT(m.z);
    struct packed p = {5, 6, 3};
    OUT(p.p); OUT(p.q); OUT(p.r); OUT(sizeof p); OUT(*(unsigned char *)&p);
    return 0;
}
