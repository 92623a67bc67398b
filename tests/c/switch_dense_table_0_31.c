/* A dense switch over 0..31 (a jump-table candidate) with values out of range on both sides,
 * a switch on unsigned char covering half its range, and one on a negative dense range. */
#include "check.h"
static int dense(int v)
{
    switch (v) {
    case 0: return 11; case 1: return 23; case 2: return 5; case 3: return 8; case 4: return 13;
    case 5: return 21; case 6: return 34; case 7: return 55; case 8: return 89; case 9: return 144;
    case 10: return 1; case 11: return 2; case 12: return 3; case 13: return 4; case 14: return 5;
    case 15: return 6; case 16: return 70; case 17: return 71; case 18: return 72; case 19: return 73;
    case 20: return -1; case 21: return -2; case 22: return -3; case 23: return -4; case 24: return -5;
    case 25: return 0; case 26: return 9; case 27: return 99; case 28: return 999; case 29: return 9999;
    case 30: return 30; case 31: return 31;
    default: return -100;
    }
}
static int neg(int v)
{
    switch (v) { case -8: return 1; case -7: return 2; case -6: return 3; case -5: return 4;
                 case -4: return 5; case -3: return 6; case -2: return 7; case -1: return 8; }
    return 0;
}
int main(void)
{
    unsigned s = 0;
    for (int v = -3; v < 36; v++) { int r = dense(v); s = s * 3 + (unsigned)r; if (v % 5 == 0) OUT(r); }
    OUT(s);
    for (int v = -10; v < 2; v++) OUT(neg(v));
    return 0;
}
