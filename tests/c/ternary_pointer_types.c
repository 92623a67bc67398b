/* The conditional operator with pointer operands: a pointer and a null pointer constant,
 * void * and an object pointer (result void *), pointers to differently qualified types
 * (result qualified), and selecting arrays (which decay) or functions. */
#include "check.h"
static int f1(void) { return 1; }
static int f2(void) { return 2; }
static volatile int yes = 1;
int main(void)
{
    int a[3] = { 1, 2, 3 }, b[2] = { 9, 8 };
    int *p = yes ? a : b; OUT(p[2]); p = yes ? 0 : a; OUT(p == 0);
    void *v = a; int *q = yes ? v : b; OUT(q[1]); OUT(*(int *)(yes ? v : (void *)b));
    const int c = 5; const int *cp = yes ? &c : a; OUT(*cp); cp = !yes ? &c : a; OUT(*cp);
    OUT((yes ? f1 : f2)()); OUT((!yes ? f1 : f2)());
    OUT(_Generic(yes ? a : b, int *: 1, default: 0)); OUT(_Generic(yes ? a : &c, const int *: 1, default: 0)); OUT(_Generic(yes ? (void *)0 : a, int *: 1, default: 0));
    OUT(_Generic(yes ? (const void *)a : a, const void *: 1, default: 0)); OUT(_Generic(yes ? 0 : &c, const int *: 1, default: 0));
    OUT(_Generic(yes ? (void *)a : a, void *: 1, default: 0)); OUT(_Generic(yes ? &c : a, const int *: 1, default: 0));
    char s1[] = "left", s2[] = "right"; OUT((yes ? s1 : s2)[1]);
    return 0;
}
