#include "check.h"
static int eval(const char *s, int *err) {
    int st[16], sp = 0; *err = 0;
    while (*s) {
        if (*s == ' ') { s++; continue; }
        if (*s >= '0' && *s <= '9') { int v = 0; while (*s >= '0' && *s <= '9') v = v * 10 + (*s++ - '0'); if (sp == 16) { *err = 1; return 0; } st[sp++] = v; continue; }
        if (sp < 2 && *s != '~') { *err = 2; return 0; }
        if (*s == '~') { if (sp < 1) { *err = 2; return 0; } st[sp - 1] = -st[sp - 1]; s++; continue; }
        int b = st[--sp], a = st[--sp], r;
        switch (*s) {
        case '+': r = a + b; break; case '-': r = a - b; break; case '*': r = a * b; break;
        case '/': if (!b) { *err = 3; return 0; } r = a / b; break;
        case '%': if (!b) { *err = 3; return 0; } r = a % b; break;
        case '^': r = a ^ b; break; case '<': r = a << (b & 15); break;
        default: *err = 4; return 0;
        }
        st[sp++] = r; s++;
    }
    if (sp != 1) { *err = 5; return 0; }
    return st[0];
}
int main(void)
{
    const char *e[] = {"3 4 +", "5 1 2 + 4 * + 3 -", "2 3 4 * +", "10 3 /", "10 ~ 3 /", "10 ~ 3 %", "7 0 /", "1 +", "1 2", "6 5 ^ 3 <",
                       "100 7 % 3 * 2 ~ *", "1 2 3 4 5 6 7 8 9 + + + + + + + +", "9 &", "12345 678 * 91 -"};
    for (int i = 0; i < 14; i++) { int err; int v = eval(e[i], &err); OUT(v); OUT(err); }
    return 0;
}
