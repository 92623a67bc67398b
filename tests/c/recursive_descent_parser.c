/* Mutual recursion in a recursive-descent parser for integer expressions with + - * / %,
 * unary minus, parentheses and precedence; each grammar level calls the next and factor calls
 * back into expr. */
#include "check.h"
static const char *p;
static int expr(void);
static void skip(void) { while (*p == ' ') p++; }
static int factor(void)
{
    skip();
    if (*p == '(') { p++; int v = expr(); skip(); if (*p == ')') p++; return v; }
    if (*p == '-') { p++; return -factor(); }
    int v = 0; while (*p >= '0' && *p <= '9') v = v * 10 + (*p++ - '0'); return v;
}
static int term(void)
{
    int v = factor();
    for (;;) {
        skip();
        if (*p == '*') { p++; v *= factor(); } else if (*p == '/') { p++; v /= factor(); } else if (*p == '%') { p++; v %= factor(); } else return v;
    }
}
static int expr(void)
{
    int v = term();
    for (;;) { skip(); if (*p == '+') { p++; v += term(); } else if (*p == '-') { p++; v -= term(); } else return v; }
}
static int eval(const char *s) { p = s; return expr(); }
int main(void)
{
    static const char *tests[] = { "1+2*3", "(1+2)*3", "-(4-10)/3", "100 % 7 * 2", "2*(3+(4-(5*(6-7))))", "--5",
                                   "7/-2", "-7%3", " 12 - 3 - 4 ", "((((((9))))))", "1-2-3-4-5", "65536*32767" };
    for (unsigned i = 0; i < sizeof tests / sizeof tests[0]; i++) OUT(eval(tests[i]));
    return 0;
}
