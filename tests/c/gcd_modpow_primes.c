/* Number theory in 32 and 64 bits: gcd by Euclid and binary gcd, modular exponentiation
 * with 64-bit intermediate products, and a Miller-Rabin-free trial-division prime count. */
#include "check.h"
static unsigned gcd(unsigned a, unsigned b) { while (b) { unsigned t = a % b; a = b; b = t; } return a; }
static unsigned long long bgcd(unsigned long long a, unsigned long long b)
{
    if (!a) return b; if (!b) return a;
    int sh = 0; while (!((a | b) & 1)) { a >>= 1; b >>= 1; sh++; }
    while (!(a & 1)) a >>= 1;
    while (b) { while (!(b & 1)) b >>= 1; if (a > b) { unsigned long long t = a; a = b; b = t; } b -= a; }
    return a << sh;
}
static unsigned modpow(unsigned b, unsigned e, unsigned m)
{
    unsigned long long r = 1, x = b % m;
    while (e) { if (e & 1) r = r * x % m; x = x * x % m; e >>= 1; }
    return (unsigned)r;
}
int main(void)
{
    OUT(gcd(1071, 462)); OUT(gcd(0, 9)); OUT(gcd(2147483646u, 4294967294u));
    OUT64(bgcd(0x123456789ULL * 6, 0x123456789ULL * 15)); OUT64(bgcd(1ULL << 40, 3ULL << 20));
    OUT(modpow(2, 1000000, 1000000007u)); OUT(modpow(3, 4294967295u, 4294967291u)); OUT(modpow(7, 0, 13));
    int count = 0; for (unsigned n = 2; n < 600; n++) { int p = 1; for (unsigned d = 2; d * d <= n; d++) if (n % d == 0) { p = 0; break; } count += p; }
    OUT(count);
    return 0;
}
