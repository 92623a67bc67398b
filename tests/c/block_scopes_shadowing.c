#include "check.h"
int x = 1;
static int get_global(void) { return x; }
int main(void)
{
    OUT(x);
    int x = 2; OUT(x);
    {
        int x = 3; OUT(x);
        { extern int x; OUT(x); x = 10; }
        OUT(x);
    }
    OUT(x); OUT(get_global());
    for (int x = 0; x < 2; x++) { int y = x * 5; OUT(y); }
    OUT(x);
    int total = 0;
    for (int i = 0; i < 3; i++) { int i2 = i; for (int i = 10; i < 12; i++) total += i * i2; }
    OUT(total);
    { struct x { int v; } s = {42}; OUT(s.v); }
    return 0;
}
