/* _Bool arithmetic: ++ on a _Bool always gives 1, -- toggles, compound assignments
 * normalise to 0/1, _Bool in integer arithmetic promotes to int, bitwise ops on bools, and
 * arrays of bools counted and compared. */
#include "check.h"
#include <stdbool.h>
int main(void)
{
    bool b = false; b++; OUT(b); b++; OUT(b); b--; OUT(b); b--; OUT(b); b--; OUT(b);
    b = 5; OUT(b); b += 2; OUT(b); b -= 1; OUT(b); b *= 0; OUT(b); b = -0.0 + 1; OUT(b);
    b |= 4; OUT(b); b &= 2; OUT(b); b ^= 1; OUT(b); b = 3; b <<= 1; OUT(b);
    bool t = true, f = false; OUT(t + t + t); OUT(t - f - t - t); OUT(~t); OUT(-t); OUT(t << 5); OUT(t & f); OUT(t ^ t); OUT(t | f);
    bool arr[10]; int n = 0; for (int i = 0; i < 10; i++) { arr[i] = i % 3; n += arr[i]; } OUT(n); OUT(sizeof arr);
    OUT(_Generic(t + t, int: 1, default: 0)); OUT(true == 1); OUT((bool)256); OUT((bool)0.25);
    return 0;
}
