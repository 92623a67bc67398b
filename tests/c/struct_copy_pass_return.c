#include "check.h"
struct big { int a[10]; char c; long long d; };
struct small { char x; short y; };
static struct big make(int seed)
{
    struct big b;
    for (int i = 0; i < 10; i++) b.a[i] = seed + i;
    b.c = (char)seed; b.d = (long long)seed << 35;
    return b;
}
static int sumbig(struct big b) { int s = b.c; for (int i = 0; i < 10; i++) s += b.a[i]; b.a[0] = 999; return s; }
static struct small swap(struct small s) { struct small r = { (char)s.y, s.x }; return r; }
static long long twostructs(struct small p, struct big b, struct small q) { return p.x + q.y + b.d; }
int main(void)
{
    struct big b = make(7), c;
    c = b; c.a[3] = -1;
    OUT(sumbig(b)); OUT(b.a[0]); OUT(c.a[3]); OUT(b.a[3]); OUT64(c.d);
    struct small s = {3, 1000}; struct small t = swap(s);
    OUT(t.x); OUT(t.y);
    OUT64(twostructs(s, make(1), t));
    OUT(make(3).a[9]);
    struct big arr[3]; arr[1] = make(20); arr[2] = arr[1]; OUT(arr[2].a[5]);
    return 0;
}
