#include "check.h"
volatile int n = 42;
volatile long long big = 0x100000000LL;
_Bool gb = 5;
static _Bool flip(_Bool b) { return !b; }
int main(void)
{
    _Bool a = n, b = 0, c = big, d = sizeof(int) == 4;
    _Bool *p = &a;
    OUT(a); OUT(b); OUT(c); OUT(d); OUT(gb); OUT(*p);
    OUT(a + a); OUT(flip(a)); OUT(flip(n - 42)); OUT(sizeof(_Bool));
    b = 256; OUT(b);
    b++; OUT(b); b++; OUT(b);
    _Bool arr[4] = {1, 0, 7, 0};
    int cnt = 0;
    for (int i = 0; i < 4; i++) cnt += arr[i];
    OUT(cnt);
    OUT((_Bool)(n & 0x100)); OUT((_Bool)(n & 2));
    struct { _Bool x : 1; _Bool y : 1; } f = {1, 0};
    OUT(f.x); OUT(f.y);
    return 0;
}
