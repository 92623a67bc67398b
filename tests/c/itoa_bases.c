/* Converting integers to strings by hand in bases 2, 8, 10 and 16, including 0, INT_MIN
 * (negated in unsigned arithmetic), 64-bit values and unsigned maximums; the digits are
 * recorded as characters and lengths. */
#include "check.h"
#include <limits.h>
static int utoa(unsigned long long v, unsigned base, char *out)
{
    char tmp[70]; int n = 0;
    do { tmp[n++] = "0123456789abcdef"[v % base]; v /= base; } while (v);
    for (int i = 0; i < n; i++) out[i] = tmp[n - 1 - i];
    out[n] = 0; return n;
}
static int itoa(long long v, unsigned base, char *out)
{
    if (v < 0) { out[0] = '-'; return 1 + utoa(0ULL - (unsigned long long)v, base, out + 1); }
    return utoa((unsigned long long)v, base, out);
}
static unsigned hash(const char *s) { unsigned h = 5381; while (*s) h = h * 33 + (unsigned char)*s++; return h; }
int main(void)
{
    char buf[72];
    long long vs[] = { 0, 1, -1, 255, INT_MIN, INT_MAX, -1000000007LL, LLONG_MIN, 0x123456789abcdefLL };
    for (int i = 0; i < 9; i++)
        { static const unsigned bases[] = { 2, 10, 16 }; for (int k = 0; k < 3; k++) { if ((bases[k] == 2 && (vs[i] > 255 || vs[i] < -255)) || (bases[k] == 10 && (vs[i] > INT_MAX || vs[i] < INT_MIN))) continue; int n = itoa(vs[i], bases[k], buf); OUT(n); OUT(hash(buf)); } }
    int n = itoa(-42, 10, buf); for (int i = 0; i < n; i++) OUT(buf[i]);
    OUT(utoa(ULLONG_MAX, 16, buf)); OUT(hash(buf)); OUT(utoa(UINT_MAX, 16, buf)); OUT(buf[0]);
    return 0;
}
