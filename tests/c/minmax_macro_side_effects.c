/* Function-like macros and evaluation counts: a naive MAX macro evaluating an argument twice,
 * a statement-expression macro evaluating once, macros with do { } while (0) bodies in if/else,
 * stringising and token pasting, and a macro-generated table of functions. */
#include "check.h"
#define MAX_NAIVE(a, b) ((a) > (b) ? (a) : (b))
#define MAX_ONCE(a, b) ({ __typeof__(a) _x = (a); __typeof__(b) _y = (b); _x > _y ? _x : _y; })
#define INC_BOTH(x, y) do { (x)++; (y)++; } while (0)
#define STR(x) #x
#define XSTR(x) STR(x)
#define PASTE(a, b) a##b
#define DEFINE_SQ(type, name) static type PASTE(sq_, name)(type v) { return v * v; }
DEFINE_SQ(int, i)
DEFINE_SQ(long long, ll)
#define VALUE 42
static int n;
static int next(void) { return ++n; }
int main(void)
{
    n = 0; int r = MAX_NAIVE(next(), 0); OUT(r); OUT(n);
    n = 0; r = MAX_ONCE(next(), 0); OUT(r); OUT(n);
    int a = 1, b = 2; if (a < b) INC_BOTH(a, b); else INC_BOTH(b, a); OUT(a); OUT(b);
    const char *s = STR(hello world); OUT(s[5]); OUT(sizeof(STR(x + y)));
    const char *v = XSTR(VALUE); OUT(v[0]); OUT(v[1]); OUT(sizeof(STR(VALUE)));
    OUT(sq_i(-9)); OUT64(sq_ll(1LL << 31)); int PASTE(var, 1) = 5; OUT(var1);
    OUT(__LINE__ > 0); OUT(sizeof(__func__)); OUT(__func__[0]);
    return 0;
}
