/* const: read-only tables at file and block scope, pointers to const and const pointers,
 * const struct members, and casting constness away from a non-const object. */
#include "check.h"
static const unsigned short squares[] = {0, 1, 4, 9, 16, 25, 36, 49};
static const char *const names[] = {"zero", "one", "two"};
struct cfg { const int id; int value; };
static int sum(const unsigned short *p, int n) { int s = 0; for (int i = 0; i < n; i++) s += p[i]; return s; }
int main(void)
{
    OUT(sum(squares, 8)); OUT(names[2][1]); OUT(sizeof names / sizeof names[0]);
    const int local[3] = {7, 8, 9}; const int *pc = local; OUT(pc[2]);
    int x = 5; int *const cp = &x; *cp = 6; OUT(x);
    struct cfg c = {42, 1}; c.value += c.id; OUT(c.value);
    int y = 10; const int *ro = &y; *(int *)ro = 11; OUT(y);
    const char *s = "const"; int n = 0; while (*s++) n++; OUT(n);
    return 0;
}
