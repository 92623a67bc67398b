/* The conditional operator's result type: usual conversions between its arms (int vs
 * unsigned, int vs long long), pointer arms with null, and nested conditionals as lvalues
 * through pointers. */
#include "check.h"
volatile int t = 1, f = 0;
int main(void)
{
    OUT((t ? -1 : 0u) > 0); OUT(sizeof(t ? 1 : 1LL)); OUT64(f ? 1 : -1LL); OUT64(t ? -1 : 0ULL);
    OUT((f ? 1u : -2) / 2); OUT(sizeof(t ? (char)1 : (short)2));
    int a = 1, b = 2; *(t ? &a : &b) = 10; *(f ? &a : &b) = 20; OUT(a); OUT(b);
    int *p = f ? &a : 0; OUT(p == 0);
    int x = 7; OUT(x > 5 ? x > 6 ? 3 : 2 : 1); OUT(x < 5 ? 1 : x < 7 ? 2 : x < 9 ? 3 : 4);
    return 0;
}
