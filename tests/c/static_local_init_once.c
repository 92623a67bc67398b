/* Static locals: initialised once before the first call (not on each entry), arrays and
 * structs as static locals keeping state, static locals with the same name in different
 * functions and blocks being different objects, and a static local returned by address. */
#include "check.h"
struct acc { int n; long long sum; };
static int *counter(void) { static int c = 100; c++; return &c; }
static int a(void) { static int x = 1; return x *= 2; }
static int b(void) { static int x = 1; return x *= 3; }
static struct acc *add(int v) { static struct acc s = { 0, 1000 }; s.n++; s.sum += v; return &s; }
static int ring(int v) { static int buf[4], pos; int old = buf[pos]; buf[pos] = v; pos = (pos + 1) % 4; return old; }
int main(void)
{
    int *p = counter(); OUT(*p); counter(); counter(); OUT(*p); *p = 0; OUT(*counter());
    for (int i = 0; i < 3; i++) { OUT(a()); OUT(b()); }
    add(5); add(-7); struct acc *s = add(100); OUT(s->n); OUT64(s->sum);
    for (int i = 1; i <= 7; i++) OUT(ring(i * 11));
    int t = 0;
    for (int i = 0; i < 3; i++) { static int x = 10; x++; t += x; }
    for (int i = 0; i < 3; i++) { static int x = 20; x += 2; t += x; }
    OUT(t);
    return 0;
}
