/* Enumerations: implicit and explicit values, negative and repeated values, enumerators in
 * constant expressions (array sizes, case labels), arithmetic on them, sizeof an enum. */
#include "check.h"
enum color { RED, GREEN = 5, BLUE, CYAN = GREEN + BLUE, NEG = -3, AFTER, DUP = BLUE };
enum { N = 4 };
static int table[N * 2];
static const char *name(enum color c)
{
    switch (c) { case RED: return "r"; case GREEN: return "g"; case BLUE: return "b"; case CYAN: return "c"; case NEG: return "n"; case AFTER: return "a"; default: return "?"; }
}
int main(void)
{
    OUT(RED); OUT(GREEN); OUT(BLUE); OUT(CYAN); OUT(NEG); OUT(AFTER); OUT(DUP == BLUE);
    OUT(sizeof table / sizeof table[0]); OUT(sizeof(enum color));
    enum color c = BLUE; c++; OUT(c); OUT(name(c)[0]); OUT(name(AFTER)[0]); OUT(name((enum color)100)[0]);
    OUT(NEG < RED); OUT(NEG * CYAN); OUT((unsigned)NEG >> 28);
    return 0;
}
