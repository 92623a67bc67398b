/* A table of function pointers indexed by opcode, pointers stored in structs, returned
 * from functions, compared for equality, and called through a pointer to pointer. */
#include "check.h"
typedef int (*binop)(int, int);
static int add(int a, int b) { return a + b; }
static int sub(int a, int b) { return a - b; }
static int mul(int a, int b) { return a * b; }
static int mx(int a, int b) { return a > b ? a : b; }
static binop table[] = {add, sub, mul, mx};
struct op { char sym; binop fn; };
static const struct op ops[] = {{'+', add}, {'-', sub}, {'*', mul}, {'M', mx}};
static binop lookup(char c) { for (int i = 0; i < 4; i++) if (ops[i].sym == c) return ops[i].fn; return 0; }
static int fold(binop f, const int *v, int n) { int acc = v[0]; for (int i = 1; i < n; i++) acc = f(acc, v[i]); return acc; }
int main(void)
{
    static const int v[] = {3, -4, 7, 2, -9};
    for (int i = 0; i < 4; i++) OUT(fold(table[i], v, 5));
    OUT(lookup('*')(6, 7)); OUT(lookup('?') == 0); OUT(lookup('+') == add); OUT(lookup('-') == table[2]);
    binop *pp = &table[3]; OUT((*pp)(-5, -6)); OUT((**pp)(1, 2));
    int (*(*getter)(char))(int, int) = lookup; OUT(getter('M')(10, 3));
    return 0;
}
