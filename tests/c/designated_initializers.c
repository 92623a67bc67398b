#include "check.h"
struct cfg { int a; char b; short c[4]; struct { int p, q; } in; long long z; };
static struct cfg g = { .c[2] = 9, .in.q = 4, .a = 1, .z = -5 };
static int sparse[10] = { [9] = 9, [2] = 2, 3, [0] = 100 };
static const char lut[256] = { ['a'] = 1, ['z'] = 26, ['A'] = 7, ['B'] = 7, ['C'] = 7 };
int main(void)
{
    OUT(g.a); OUT(g.b); OUT(g.c[2]); OUT(g.c[3]); OUT(g.in.p); OUT(g.in.q); OUT64(g.z);
    for (int i = 0; i < 10; i++) OUT(sparse[i]);
    OUT(lut['a'] + lut['z'] + lut['B'] + lut['D']);
    struct cfg l = { .in = {1, 2}, .c = {[1] = 5, 6}, 7 };
    OUT(l.in.p); OUT(l.in.q); OUT(l.c[1]); OUT(l.c[2]); OUT64(l.z); OUT(l.a);
    int arr[] = { [5] = 1 }; OUT(sizeof arr / sizeof arr[0]);
    union { int i; char c[4]; } u = { .c = {1, 2} }; OUT(u.i);
    return 0;
}
