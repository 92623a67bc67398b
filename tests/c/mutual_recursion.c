#include "check.h"
static int is_odd(unsigned n);
static int is_even(unsigned n) { return n == 0 ? 1 : is_odd(n - 1); }
static int is_odd(unsigned n) { return n == 0 ? 0 : is_even(n - 1); }
static const char *pos;
static int expr(void);
static int atom(void)
{
    if (*pos == '(') { pos++; int v = expr(); pos++; return v; }
    int v = 0; while (*pos >= '0' && *pos <= '9') v = v * 10 + *pos++ - '0';
    return v;
}
static int term(void) { int v = atom(); while (*pos == '*') { pos++; v *= atom(); } return v; }
static int expr(void)
{
    int v = term();
    while (*pos == '+' || *pos == '-') { char op = *pos++; int r = term(); v = op == '+' ? v + r : v - r; }
    return v;
}
static long long hanoi(int n, int from, int to, int via)
{
    if (n == 0) return 0;
    return hanoi(n - 1, from, via, to) + 1 + hanoi(n - 1, via, to, from);
}
int main(void)
{
    OUT(is_even(100)); OUT(is_odd(77)); OUT(is_even(31));
    pos = "2*(3+4)-5*(1+1)+100"; OUT(expr());
    pos = "((7))*((2+3)*4)"; OUT(expr());
    OUT64(hanoi(10, 1, 3, 2));
    return 0;
}
