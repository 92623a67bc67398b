/* Enums driving control flow: a switch covering every enumerator with no default, a
 * lookup table indexed by enum, enum variables stepping through values in a loop, and
 * enums as bit masks combined with | and tested with &. */
#include "check.h"
typedef enum { OP_ADD, OP_SUB, OP_MUL, OP_DIV, OP_COUNT } op_t;
typedef enum { P_R = 4, P_W = 2, P_X = 1 } perm_t;
static const char sym[OP_COUNT] = { '+', '-', '*', '/' };
static int apply(op_t op, int a, int b)
{
    switch (op) {
    case OP_ADD: return a + b;
    case OP_SUB: return a - b;
    case OP_MUL: return a * b;
    case OP_DIV: return b ? a / b : 0;
    case OP_COUNT: break;
    }
    return -999;
}
static int mode(int r, int w, int x) { return (r ? P_R : 0) | (w ? P_W : 0) | (x ? P_X : 0); }
int main(void)
{
    for (op_t op = OP_ADD; op < OP_COUNT; op++) { OUT(sym[op]); OUT(apply(op, 17, 5)); OUT(apply(op, -9, 4)); }
    OUT(apply(OP_COUNT, 1, 1));
    for (int i = 0; i < 8; i++) { int m = mode(i & 4, i & 2, i & 1); OUT(m); OUT((m & P_W) != 0); }
    perm_t p = P_R; p |= P_X; OUT(p); OUT(sizeof p);
    return 0;
}
