/* A lexer written with goto between states: numbers, identifiers, operators and spaces,
 * counting tokens by kind, with backward and forward jumps and a shared exit label. */
#include "check.h"
static int counts[4];
static unsigned lex(const char *s)
{
    unsigned sig = 0;
start:
    if (*s == 0) goto done;
    if (*s == ' ') { s++; goto start; }
    if (*s >= '0' && *s <= '9') goto number;
    if ((*s >= 'a' && *s <= 'z') || *s == '_') goto ident;
    counts[2]++; sig = sig * 31 + (unsigned char)*s; s++; goto start;
number:
    counts[0]++;
    while (*s >= '0' && *s <= '9') { sig = sig * 10 + (unsigned)(*s - '0'); s++; }
    goto start;
ident:
    counts[1]++;
    while ((*s >= 'a' && *s <= 'z') || *s == '_' || (*s >= '0' && *s <= '9')) sig = sig * 7 + (unsigned char)*s++;
    goto start;
done:
    counts[3]++;
    return sig;
}
int main(void)
{
    OUT(lex("x1 = 42 + foo_bar*(7-y) ;"));
    OUT(lex("  "));
    OUT(lex("a+b+c+1234567"));
    for (int i = 0; i < 4; i++) OUT(counts[i]);
    return 0;
}
