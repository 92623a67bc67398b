/* Functions returning function pointers: declarators without typedefs, a typedef chain for
 * the same types, a state machine whose states return the next state, arrays of pointers to
 * functions returning pointers to functions, and comparisons of function pointers. */
#include "check.h"
static int inc(int x) { return x + 1; }
static int dbl(int x) { return x * 2; }
static int neg(int x) { return -x; }
static int (*pick(int k))(int) { return k == 0 ? inc : k == 1 ? dbl : neg; }
typedef int (*op_t)(int);
typedef op_t (*chooser_t)(int);
static op_t pick2(int k) { return pick(2 - k); }
struct state;
typedef struct state (*state_fn)(int *acc, int input);
struct state { state_fn next; };
static struct state st_even(int *acc, int in);
static struct state st_odd(int *acc, int in) { *acc = *acc * 3 + in; struct state s = { in % 2 ? st_even : st_odd }; return s; }
static struct state st_even(int *acc, int in) { *acc = *acc + in * 7; struct state s = { in % 2 ? st_odd : st_even }; return s; }
int main(void)
{
    for (int k = 0; k < 3; k++) OUT(pick(k)(10));
    OUT(pick(0)(pick(1)(pick(2)(5))));
    chooser_t cs[2] = { pick, pick2 };
    for (int i = 0; i < 2; i++) for (int k = 0; k < 3; k++) OUT(cs[i](k)(7));
    int (*(*tab[2])(int))(int) = { pick, pick2 }; OUT(tab[1](0)(3));
    OUT(pick(1) == dbl); OUT(pick2(1) == pick(1)); OUT(pick(0) != pick(2));
    int acc = 0; struct state s = { st_even };
    int in[] = { 1, 2, 3, 3, 4, 5, 6, 8, 1 };
    for (int i = 0; i < 9; i++) { s = s.next(&acc, in[i]); OUT(s.next == st_odd); }
    OUT(acc);
    return 0;
}
