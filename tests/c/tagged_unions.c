#include "check.h"
enum kind { K_INT, K_PAIR, K_STR, K_BIG };
struct value {
    enum kind kind;
    union { int i; struct { short a, b; } pair; const char *s; long long big; } u;
};
static long long eval(struct value v)
{
    switch (v.kind) {
    case K_INT: return v.u.i;
    case K_PAIR: return v.u.pair.a * v.u.pair.b;
    case K_STR: { long long n = 0; while (v.u.s[n]) n++; return n; }
    case K_BIG: return v.u.big >> 1;
    }
    return -1;
}
int main(void)
{
    struct value vs[5] = {
        {K_INT, {.i = -42}}, {K_PAIR, {.pair = {6, -7}}}, {K_STR, {.s = "tagged"}},
        {K_BIG, {.big = 0x300000000LL}}, {.kind = K_INT},
    };
    for (int i = 0; i < 5; i++) OUT64(eval(vs[i]));
    struct value copy = vs[1]; copy.u.pair.b = 2; OUT64(eval(copy)); OUT64(eval(vs[1]));
    return 0;
}
