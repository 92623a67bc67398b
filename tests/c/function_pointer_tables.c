#include "check.h"
typedef long long (*op64)(long long, long long);
static long long add(long long a, long long b) { return a + b; }
static long long mul(long long a, long long b) { return (long long)((unsigned long long)a * (unsigned long long)b); }
static long long sub(long long a, long long b) { return a - b; }
static int inc(int x) { return x + 1; }
static int twice(int (*f)(int), int x) { return f(f(x)); }
static int (*pick(int k))(int) { return k ? inc : 0; }
struct vt { int (*get)(const struct vt *); int val; };
static int getter(const struct vt *v) { return v->val * 3; }
static const struct vt objs[2] = { {getter, 4}, {getter, 11} };
static op64 table[3] = {add, mul, sub};
int main(void)
{
    long long acc = 1;
    for (int i = 0; i < 9; i++) { acc = table[i % 3](acc, 0x12345LL + i); OUT64(acc); }
    OUT(twice(inc, 5)); OUT(pick(1)(41)); OUT(pick(0) == 0);
    for (int i = 0; i < 2; i++) OUT(objs[i].get(&objs[i]));
    int (*fp)(int) = &inc; OUT((*fp)(9)); OUT(fp == inc);
    op64 *pp = &table[1]; OUT64((*pp)(6, 7));
    return 0;
}
