#include "check.h"
int main(void)
{
    int s = 0;
    for (int i = 0; i < 10; i++) {
        if (i == 7) break;
        if (i % 2) continue;
        for (int j = 0; j < 10; j++) {
            if (j > i) break;
            if (j == 1) continue;
            s += i * j;
            int k = 0;
            while (1) { if (++k > 3) break; if (k == 2) continue; s += k; }
        }
    }
    OUT(s);
    int i = 0, t = 0;
    do { i++; if (i == 3) continue; t += i; } while (i < 8);
    OUT(t);
    int c = 0;
    for (;;) { for (;;) { c++; break; } if (c >= 5) break; }
    OUT(c);
    int w = 100;
    while (w > 0) { w -= 7; if (w % 5 == 0) continue; w--; }
    OUT(w);
    int primes = 0;
    for (int n = 2; n < 200; n++) {
        for (int d = 2; d * d <= n; d++) if (n % d == 0) goto next;
        primes++;
    next:;
    }
    OUT(primes);
    return 0;
}
