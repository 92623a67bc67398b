#include "check.h"
int main(void)
{
    int i = 0, s = 0, iters = 0;
    do { iters++; i++; if (i % 3 == 0) continue; s += i; } while (i < 20);
    OUT(s); OUT(iters);
    i = 100; s = 0;
    do { if (i > 50) { i = 0; continue; } s += 7; } while (0);
    OUT(i); OUT(s);
    unsigned n = 12345678u, digits = 0, dsum = 0;
    do { dsum += n % 10; n /= 10; digits++; } while (n);
    OUT(digits); OUT(dsum);
    n = 0; digits = 0; do { digits++; } while (n /= 10); OUT(digits);
    int a = 0, b = 0;
    do {
        a++;
        int j = 0;
        do { j++; if (j & 1) continue; b += j * a; if (b > 500) break; } while (j < 10);
        if (a == 4) continue;
        b ^= a;
    } while (a < 8 && b < 2000);
    OUT(a); OUT(b);
    unsigned char c = 250; int cnt = 0;
    do { cnt++; } while (++c);
    OUT(cnt);
    long long ll = 1; int k = 0;
    do { ll *= 3; k++; if (ll % 2 == 0) continue; } while (ll < 1000000000000LL);
    OUT64(ll); OUT(k);
    return 0;
}
