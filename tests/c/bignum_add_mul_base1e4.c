/* Arbitrary-precision arithmetic in base 10^4 limbs: 2^200 by repeated doubling, 30!, and a
 * product of two 40-digit numbers, printed as limb values. */
#include "check.h"
#define L 40
static void mul_small(unsigned short *a, unsigned m) { unsigned carry = 0; for (int i = 0; i < L; i++) { unsigned v = a[i] * m + carry; a[i] = (unsigned short)(v % 10000); carry = v / 10000; } }
static void mul(const unsigned short *a, const unsigned short *b, unsigned short *r)
{
    unsigned acc[2 * L] = {0};
    for (int i = 0; i < L; i++) for (int j = 0; j < L && i + j < 2 * L; j++) acc[i + j] += (unsigned)a[i] * b[j];
    unsigned carry = 0;
    for (int i = 0; i < L; i++) { unsigned v = acc[i] + carry; r[i] = (unsigned short)(v % 10000); carry = v / 10000; }
}
static int top(const unsigned short *a) { int t = L - 1; while (t > 0 && a[t] == 0) t--; return t; }
int main(void)
{
    unsigned short p[L] = {1};
    for (int i = 0; i < 200; i++) mul_small(p, 2);
    int t = top(p); OUT(t); for (int i = t; i >= 0 && i > t - 4; i--) OUT(p[i]); OUT(p[0]);
    unsigned short f[L] = {1};
    for (unsigned i = 2; i <= 30; i++) mul_small(f, i);
    t = top(f); OUT(t); for (int i = t; i >= 0; i--) OUT(f[i]);
    unsigned short a[L] = {1234, 5678, 9012, 3456, 7890, 1234, 5678, 9012, 3456, 7890}, b[L] = {9999, 9999, 9999, 9999, 9999, 9999, 9999, 9999, 9999, 9999}, r[L];
    mul(a, b, r); t = top(r); OUT(t); unsigned ck = 0; for (int i = 0; i <= t; i++) ck = ck * 10007 + r[i]; OUT(ck);
    return 0;
}
