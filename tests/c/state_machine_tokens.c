#include "check.h"
enum tok { T_NUM, T_ID, T_OP, T_END };
struct token { enum tok kind; int val; };
static int lex(const char *s, struct token *out)
{
    int n = 0;
    while (*s) {
        if (*s == ' ') { s++; continue; }
        if (*s >= '0' && *s <= '9') { int v = 0; while (*s >= '0' && *s <= '9') v = v * 10 + *s++ - '0'; out[n++] = (struct token){T_NUM, v}; }
        else if ((*s >= 'a' && *s <= 'z') || *s == '_') { unsigned h = 0; while ((*s >= 'a' && *s <= 'z') || *s == '_') h = h * 33 + *s++; out[n++] = (struct token){T_ID, (int)(h >> 4)}; }
        else out[n++] = (struct token){T_OP, *s++};
    }
    out[n++] = (struct token){T_END, 0};
    return n;
}
int main(void)
{
    struct token t[32];
    int n = lex("foo = 12 + bar_baz * 345 - (x)", t);
    OUT(n);
    for (int i = 0; i < n; i++) { OUT(t[i].kind); OUT(t[i].val); }
    return 0;
}
