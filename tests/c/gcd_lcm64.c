#include "check.h"
static unsigned long long gcd(unsigned long long a, unsigned long long b) { while (b) { unsigned long long t = a % b; a = b; b = t; } return a; }
static unsigned long long gcd_bin(unsigned long long a, unsigned long long b) {
    if (!a) return b; if (!b) return a;
    int sh = 0; while (!((a | b) & 1)) { a >>= 1; b >>= 1; sh++; }
    while (!(a & 1)) a >>= 1;
    do { while (!(b & 1)) b >>= 1; if (a > b) { unsigned long long t = a; a = b; b = t; } b -= a; } while (b);
    return a << sh;
}
static long long egcd(long long a, long long b, long long *x, long long *y) {
    if (!b) { *x = 1; *y = 0; return a; }
    long long x1, y1, g = egcd(b, a % b, &x1, &y1); *x = y1; *y = x1 - (a / b) * y1; return g;
}
static unsigned long long powmod(unsigned long long b, unsigned long long e, unsigned m) { unsigned long long r = 1; b %= m; while (e) { if (e & 1) r = r * b % m; b = b * b % m; e >>= 1; } return r; }
volatile unsigned long long v[] = {0, 1, 12, 18, 1000000007ULL, 600851475143ULL, 0x8000000000000000ULL, 123456789012ULL, 97, 0xfffffffffffffffeULL};
int main(void)
{
    for (int i = 0; i < 10; i++)
        for (int j = 0; j < 10; j += 3) {
            unsigned long long g = gcd(v[i], v[j]);
            OUT64(g); OUT(g == gcd_bin(v[i], v[j]));
            if (g && v[i] < 0x100000000ULL && v[j] < 0x100000000ULL) OUT64(v[i] / g * v[j]);
        }
    long long x, y;
    long long pairs[][2] = {{240, 46}, {-35, 15}, {1000000007, 12345}, {17, 0}, {99991, 100003}};
    for (int i = 0; i < 5; i++) { long long g = egcd(pairs[i][0], pairs[i][1], &x, &y); OUT64(g); OUT64(x); OUT64(y); OUT(pairs[i][0] * x + pairs[i][1] * y == g); }
    OUT64(powmod(2, 1000000, 1000000007u)); OUT64(powmod(3, 0xffffffffffULL, 65521)); OUT64(powmod(123456789, 987654321, 4294967291u));
    return 0;
}
