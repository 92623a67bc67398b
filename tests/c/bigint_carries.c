#include "check.h"
#define W 4
static void add(unsigned *r, const unsigned *a, const unsigned *b)
{
    unsigned long long carry = 0;
    for (int i = 0; i < W; i++) { carry += (unsigned long long)a[i] + b[i]; r[i] = (unsigned)carry; carry >>= 32; }
}
static void mul_small(unsigned *r, const unsigned *a, unsigned m)
{
    unsigned long long carry = 0;
    for (int i = 0; i < W; i++) { carry += (unsigned long long)a[i] * m; r[i] = (unsigned)carry; carry >>= 32; }
}
static int sub(unsigned *r, const unsigned *a, const unsigned *b)
{
    int borrow = 0;
    for (int i = 0; i < W; i++) { unsigned long long d = (unsigned long long)a[i] - b[i] - borrow; r[i] = (unsigned)d; borrow = (d >> 32) != 0; }
    return borrow;
}
int main(void)
{
    unsigned a[W] = {0xffffffffu, 0xffffffffu, 0x1, 0}, b[W] = {1, 0, 0xfffffffeu, 0}, r[W];
    add(r, a, b); for (int i = 0; i < W; i++) OUT(r[i]);
    mul_small(r, a, 0xdeadbeefu); for (int i = 0; i < W; i++) OUT(r[i]);
    OUT(sub(r, b, a)); for (int i = 0; i < W; i++) OUT(r[i]);
    unsigned f[W] = {1, 0, 0, 0};
    for (unsigned k = 2; k <= 25; k++) mul_small(f, f, k);
    for (int i = 0; i < W; i++) OUT(f[i]);
    return 0;
}
