/* A dense switch on a char over 40 consecutive cases (a jump table), with fall-through groups,
 * cases sharing code, negative char values below the table, and values just past each end. */
#include "check.h"
static int cls(char c)
{
    int r = 0;
    switch (c) {
    case '0': case '1': case '2': case '3': case '4': case '5': case '6': case '7': return c - '0';
    case '8': r += 100; /* fall through */
    case '9': r += 9; return r;
    case ':': case ';': return 20;
    case '<': return 21; case '=': return 22; case '>': return 23; case '?': return 24; case '@': return 25;
    case 'A': case 'E': case 'I': case 'O': case 'U': return 30;
    case 'B': case 'C': case 'D': case 'F': case 'G': case 'H': case 'J': case 'K': case 'L': case 'M':
    case 'N': case 'P': case 'Q': case 'R': case 'S': case 'T': return 31;
    case 'V': r = 1; /* fall through */
    case 'W': r += 2; /* fall through */
    case 'X': r += 4; return 40 + r;
    case -1: return -1;
    case -128: return -128;
    default: return 1000;
    }
}
int main(void)
{
    for (int c = '/'; c <= 'Y'; c++) OUT(cls((char)c));
    OUT(cls(-1)); OUT(cls(-128)); OUT(cls(-2)); OUT(cls(0)); OUT(cls(127));
    return 0;
}
