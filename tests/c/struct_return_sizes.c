#include "check.h"
struct s1 { char a; };
struct s2 { short a; };
struct s3 { char a[3]; };
struct s4 { int a; };
struct s8 { int a, b; };
struct sl { long long a; };
struct s12 { int a, b, c; };
struct s20 { char c; long long l; short s; int i; };
static struct s1 r1(int v) { return (struct s1){(char)v}; }
static struct s2 r2(int v) { struct s2 s = {(short)v}; return s; }
static struct s3 r3(int v) { struct s3 s = {{(char)v, (char)(v + 1), (char)(v + 2)}}; return s; }
static struct s4 r4(int v) { return (struct s4){v * 2}; }
static struct s8 r8(int v) { return (struct s8){v, -v}; }
static struct sl rl(int v) { return (struct sl){(long long)v << 33}; }
static struct s12 r12(int v) { return (struct s12){v, v * v, v * v * v}; }
static struct s20 r20(int v) { struct s20 s; s.c = 'x'; s.l = -((long long)v << 20); s.s = (short)v; s.i = v + 1; return s; }
static struct s20 pass_through(struct s20 s) { s.i *= 2; return s; }
int main(void)
{
    OUT(r1(65).a); OUT(r2(-2).a); struct s3 t = r3(10); OUT(t.a[0] + t.a[1] * 10 + t.a[2] * 100);
    OUT(r4(21).a); struct s8 e = r8(5); OUT(e.a); OUT(e.b); OUT64(rl(3).a);
    struct s12 w = r12(4); OUT(w.a + w.b + w.c);
    struct s20 z = r20(9); OUT(z.c); OUT64(z.l); OUT(z.s); OUT(z.i);
    struct s20 y = pass_through(pass_through(z)); OUT(y.i); OUT(z.i);
    struct s8 a, b; a = b = r8(7); OUT(a.b + b.a);
    OUT(r12(3).c);
    return 0;
}
