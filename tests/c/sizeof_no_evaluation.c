/* sizeof does not evaluate its operand (no side effects from sizeof(i++) or sizeof f()),
 * array parameters are pointers inside the function, sizeof of string literals, of
 * expressions of promoted type, and of array elements through pointers. */
#include "check.h"
static int calls;
static long long f(void) { calls++; return 1; }
static unsigned param_size(int a[10]) { return sizeof a == sizeof(int *); }
int main(void)
{
    int i = 0; unsigned s = sizeof(i++); OUT(i); OUT(s);
    s = sizeof f(); OUT(calls); OUT(s); s = sizeof(f() + 1); OUT(calls); OUT(s);
    int arr[10]; OUT(param_size(arr)); OUT(sizeof arr); OUT(sizeof arr[0]); OUT(sizeof &arr[0] == sizeof(int *));
    char c = 0; short sh = 0; OUT(sizeof c); OUT(sizeof(c + c)); OUT(sizeof(sh * 2)); OUT(sizeof(c ? sh : c)); OUT(sizeof(1 ? 1LL : 1));
    OUT(sizeof "hello"); OUT(sizeof "" ); OUT(sizeof "a\0b"); OUT(sizeof 'x'); OUT(sizeof((char)'x'));
    int m[3][5]; OUT(sizeof m / sizeof m[0]); OUT(sizeof m[0] / sizeof m[0][0]); OUT(sizeof *m); OUT(sizeof **m);
    int n = 3; OUT(sizeof(int[4])); OUT(sizeof(n = 7)); OUT(n);
    return 0;
}
