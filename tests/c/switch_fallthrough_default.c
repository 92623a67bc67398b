#include "check.h"
static int f(int x)
{
    int r = 0;
    switch (x) {
    case 1: r += 1;
    case 2: r += 10;
    default: r += 100;
    case 3: r += 1000; break;
    case 4: r += 10000;
    case 5: { r += 100000; break; }
    case 6: ;
    }
    return r;
}
static int nested(int a, int b)
{
    switch (a) {
    case 0:
        switch (b) { case 0: return 1; case 1: break; default: return 2; }
        return 3;
    case 1:
        for (int i = 0; i < 5; i++) { if (i == b) break; if (i == 3) continue; }
        return 4;
    }
    return 5;
}
static int duff(int n)
{
    int count = 0, k = (n + 3) / 4;
    switch (n % 4) {
    case 0: do { count++;
    case 3: count++;
    case 2: count++;
    case 1: count++; } while (--k > 0);
    }
    return count;
}
int main(void)
{
    for (int i = 0; i < 8; i++) OUT(f(i));
    for (int a = 0; a < 3; a++) for (int b = 0; b < 3; b++) OUT(nested(a, b));
    for (int n = 1; n < 10; n++) OUT(duff(n));
    int x = 2;
    switch (x) default: x = 9;
    OUT(x);
    switch (x) { x = 100; case 9: x++; }
    OUT(x);
    return 0;
}
