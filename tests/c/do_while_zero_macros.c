/* do-while loops: a body that runs once even when the condition is false, continue jumping
 * to the condition (not the top), break out of nested do-whiles, do { } while (0) wrappers
 * with early break, and a do-while driven by a pointer walking a string. */
#include "check.h"
#define TRY(cond, code) do { if (!(cond)) break; code; } while (0)
int main(void)
{
    int n = 0; do n++; while (0); OUT(n);
    int i = 0, s = 0; do { i++; if (i % 3 == 0) continue; s += i; } while (i < 10); OUT(s); OUT(i);
    int hits = 0; int a = 0;
    do { int b = 0; do { if (a * b == 6) break; b++; hits++; } while (b < 5); a++; } while (a < 4); OUT(hits);
    int v = 0; TRY(v == 0, v = 5); TRY(v == 0, v = 7); OUT(v);
    const char *p = "do-while"; int dashes = 0; do { dashes += *p == '-'; } while (*p++); OUT(dashes);
    unsigned x = 0x80000000u; int shifts = 0; do { x >>= 1; shifts++; } while (x); OUT(shifts);
    return 0;
}
