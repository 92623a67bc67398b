/* ++ and -- on float and double: pre and post forms, their values, loops counting in floating
 * point, and increments absorbed by rounding at 2^24 (float) and 2^53 (double). */
#include "check.h"
static unsigned fb(float f) { union { float f; unsigned u; } v = { f }; return v.u; }
static unsigned long long db(double d) { union { double d; unsigned long long u; } v = { d }; return v.u; }
int main(void)
{
    float f = 0.5f;
    OUT(fb(f++)); OUT(fb(f)); OUT(fb(++f)); OUT(fb(f--)); OUT(fb(--f)); OUT(fb(f));
    double d = -0.25;
    OUT64(db(d++)); OUT64(db(++d)); OUT64(db(d--)); OUT64(db(--d)); OUT64(db(--d));
    volatile float big = 16777216.0f; big++; OUT(fb(big)); big--; OUT(fb(big)); --big; OUT(fb(big));
    volatile double bigd = 9007199254740992.0; bigd++; OUT64(db(bigd)); ++bigd; OUT64(db(bigd));
    bigd = 9007199254740993.0; OUT64(db(bigd));
    int n = 0;
    for (float x = 0.0f; x < 10.0f; x++) n++;
    OUT(n);
    n = 0;
    for (double x = 5.5; x > -3.0; --x) n++;
    OUT(n);
    float g = 0.1f; int steps = 0;
    while (g < 5.0f) { g++; steps++; }
    OUT(steps); OUT(fb(g));
    double arr[2] = { 1.5, -1.5 }; double *p = arr;
    (*p)++; p[1]--; ++*p; OUT64(db(arr[0])); OUT64(db(arr[1]));
    return 0;
}
