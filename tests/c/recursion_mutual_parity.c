/* Mutual recursion across three functions (a small grammar: expr/term/factor) and a
 * two-function parity check, with results threaded through pointers. */
#include "check.h"
static const char *src;
static int expr(void);
static int factor(void)
{
    if (*src == '(') { src++; int v = expr(); src++; return v; }
    if (*src == '-') { src++; return -factor(); }
    int v = 0; while (*src >= '0' && *src <= '9') v = v * 10 + (*src++ - '0');
    return v;
}
static int term(void)
{
    int v = factor();
    while (*src == '*' || *src == '/' || *src == '%') {
        char op = *src++; int r = factor();
        v = op == '*' ? v * r : op == '/' ? v / r : v % r;
    }
    return v;
}
static int expr(void)
{
    int v = term();
    while (*src == '+' || *src == '-') { char op = *src++; int r = term(); v = op == '+' ? v + r : v - r; }
    return v;
}
static int is_odd(unsigned n);
static int is_even(unsigned n) { return n == 0 ? 1 : is_odd(n - 1); }
static int is_odd(unsigned n) { return n == 0 ? 0 : is_even(n - 1); }
int main(void)
{
    static const char *e[] = {"1+2*3", "(1+2)*3", "-(4-10)*(2+3)/7", "100%7-(3*(2+(1-5)))", "((((9))))", "2*-3--4"};
    for (int i = 0; i < 6; i++) { src = e[i]; OUT(expr()); }
    OUT(is_even(10)); OUT(is_odd(77)); OUT(is_even(151));
    return 0;
}
