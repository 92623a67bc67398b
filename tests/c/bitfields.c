#include "check.h"
struct flags { unsigned a : 3; signed b : 5; unsigned c : 12; unsigned d : 1; };
int main(void)
{
    struct flags f = { 5, -3, 4095, 1 };
    OUT(f.a); OUT(f.b); OUT(f.c); OUT(f.d);
    f.a += 4; f.b -= 14; f.c++;
    OUT(f.a); OUT(f.b); OUT(f.c);
    OUT(sizeof f);
    return 0;
}
