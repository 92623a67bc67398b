#include "check.h"
static int calls;
static int t(int v) { calls++; return v; }
int main(void)
{
    calls = 0; int r = t(0) && t(1); OUT(r); OUT(calls);
    calls = 0; r = t(1) || t(1); OUT(r); OUT(calls);
    calls = 0; r = t(1) && t(2) && t(0) && t(5); OUT(r); OUT(calls);
    calls = 0; r = t(0) || t(0) || t(3); OUT(r); OUT(calls);
    calls = 0; r = t(2) ? t(3) : t(4); OUT(r); OUT(calls);
    int a = 5, b = (a++, a * 2); OUT(a); OUT(b);
    int c = a > 3 ? a < 10 ? 1 : 2 : 3; OUT(c);
    long long big = a ? 0x100000000LL : 1; OUT64(big);
    unsigned u = a < 0 ? 1u : -1; OUT(u);
    long long mix = a ? -1 : 0u; OUT64(mix);
    int x = 0; x = x || 7; OUT(x); x = !x; OUT(x); OUT(!!42); OUT(!0x100000000LL);
    char *p = 0; OUT(p && *p); OUT(!p || *p);
    int arr[3] = {1, 2, 3}; int *q = a ? arr + 1 : arr; OUT(*q);
    int v = 1; *(v ? &a : &b) = 99; OUT(a);
    return 0;
}
