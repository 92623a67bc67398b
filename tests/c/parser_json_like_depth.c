/* A recursive-descent reader for a tiny JSON-like syntax (numbers, arrays, objects with
 * one-letter keys), computing the sum of numbers, maximum depth and element counts. */
#include "check.h"
static const char *p;
static int maxdepth, items;
static long long value(int depth);
static void ws(void) { while (*p == ' ') p++; }
static long long number(void)
{
    int neg = 0; long long v = 0;
    if (*p == '-') { neg = 1; p++; }
    while (*p >= '0' && *p <= '9') v = v * 10 + (*p++ - '0');
    return neg ? -v : v;
}
static long long list(int depth, char close, int keyed)
{
    long long s = 0; p++; ws();
    if (*p == close) { p++; return 0; }
    for (;;) {
        ws();
        if (keyed) { p++; ws(); p++; ws(); }
        s += value(depth + 1); items++; ws();
        if (*p == ',') { p++; continue; }
        p++; return s;
    }
}
static long long value(int depth)
{
    if (depth > maxdepth) maxdepth = depth;
    ws();
    if (*p == '[') return list(depth, ']', 0);
    if (*p == '{') return list(depth, '}', 1);
    return number();
}
int main(void)
{
    static const char *docs[] = {"[1, 2, [3, [4, -5]], {a: 10, b: [20, 30]}]", "{}", "[[[[[[7]]]]]]",
                                 "{x: -9000000000, y: {z: [1,1,1]}}"};
    for (int i = 0; i < 4; i++) { p = docs[i]; maxdepth = items = 0; OUT64(value(0)); OUT(maxdepth); OUT(items); }
    return 0;
}
