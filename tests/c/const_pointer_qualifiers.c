/* const in its various places: pointer to const, const pointer, const pointer to const,
 * const struct members, const arrays of const pointers, functions taking const pointers that
 * still modify through a non-const alias, and casting const away from a non-const object. */
#include "check.h"
struct cfg { const int id; int val; const char *const name; };
static int total(const int *p, int n) { int s = 0; for (int i = 0; i < n; i++) s += p[i]; return s; }
static void bump_all(int *p, int n) { for (int i = 0; i < n; i++) p[i] += i; }
static const char *const words[] = { "alpha", "beta", "gamma" };
int main(void)
{
    int a[4] = { 1, 2, 3, 4 };
    const int *pc = a; int *const cp = a + 1; const int *const cpc = a + 2;
    OUT(*pc); *cp = 20; OUT(a[1]); OUT(*cpc); pc++; OUT(*pc); OUT(total(a, 4));
    bump_all(a, 4); OUT(total(pc, 3));
    struct cfg c = { 7, 8, "cfg" }; c.val += c.id; OUT(c.val); OUT(c.name[2]);
    struct cfg d = c; OUT(d.id + d.val);
    OUT(words[2][0]); OUT(words[1][3]);
    int x = 5; const int *px = &x; *(int *)px = 6; OUT(x);
    const int ci = 10; OUT(ci + 1);
    const volatile int cv = 3; OUT(cv * 2);
    return 0;
}
