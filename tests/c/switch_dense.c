#include "check.h"
static int dense(unsigned x)
{
    switch (x) {
    case 0: return 11; case 1: return 22; case 2: return 33; case 3: return 44;
    case 4: return 55; case 5: return 66; case 6: return 77; case 7: return 88;
    case 8: return 99; case 9: return 111; case 10: return 122; case 11: return 133;
    default: return -1;
    }
}
static int negative(int x)
{
    switch (x) {
    case -5: return 1; case -4: return 2; case -3: return 3; case -2: return 4;
    case -1: return 5; case 0: return 6; case 1: return 7; case 2: return 8;
    }
    return 0;
}
static int chars(char c)
{
    switch (c) {
    case 'a': case 'e': case 'i': case 'o': case 'u': return 1;
    case 'b': case 'c': case 'd': return 2;
    case 'f': case 'g': case 'h': return 3;
    default: return 0;
    }
}
int main(void)
{
    for (int i = -2; i < 14; i++) OUT(dense((unsigned)i));
    for (int i = -7; i < 4; i++) OUT(negative(i));
    for (char c = 'a'; c <= 'k'; c++) OUT(chars(c));
    return 0;
}
