/* Static nested aggregates of function pointers: a command table of structs holding names,
 * handlers and flags, a 2-D table of operations, a struct of vtable pointers shared by objects,
 * and null entries tested before the call. */
#include "check.h"
#include <string.h>
static int add(int a, int b) { return a + b; }
static int sub(int a, int b) { return a - b; }
static int mul(int a, int b) { return a * b; }
static int shl(int a, int b) { return a << b; }
struct cmd { const char *name; int (*fn)(int, int); int flags; };
static const struct cmd cmds[] = { { "add", add, 1 }, { "sub", sub, 0 }, { "mul", mul, 3 }, { "nop", 0, 0 }, { "shl", shl, 2 } };
static int (*const grid[2][2])(int, int) = { { add, sub }, { mul, 0 } };
struct vt { int (*area)(const void *); int (*sides)(void); };
struct sq { const struct vt *vt; int s; };
static int sq_area(const void *p) { return ((const struct sq *)p)->s * ((const struct sq *)p)->s; }
static int sq_sides(void) { return 4; }
static const struct vt sq_vt = { sq_area, sq_sides };
static struct sq shapes[2] = { { &sq_vt, 3 }, { &sq_vt, 5 } };
static int run(const char *name, int a, int b)
{
    for (unsigned i = 0; i < sizeof cmds / sizeof cmds[0]; i++)
        if (strcmp(cmds[i].name, name) == 0) return cmds[i].fn ? cmds[i].fn(a, b) * 10 + cmds[i].flags : -1;
    return -2;
}
int main(void)
{
    OUT(run("add", 2, 3)); OUT(run("mul", -4, 6)); OUT(run("nop", 1, 1)); OUT(run("shl", 1, 5)); OUT(run("xyz", 0, 0));
    for (int i = 0; i < 2; i++) for (int j = 0; j < 2; j++) OUT(grid[i][j] ? grid[i][j](7, 3) : 999);
    for (int i = 0; i < 2; i++) OUT(shapes[i].vt->area(&shapes[i]) + shapes[i].vt->sides());
    return 0;
}
