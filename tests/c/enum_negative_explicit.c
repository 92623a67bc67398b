/* Enumerations with negative and explicit values: implicit values continuing after negative
 * and duplicate explicit ones, enumerators used in constant expressions and array sizes,
 * enum values compared against unsigned quantities, arithmetic on enums, and a switch. */
#include "check.h"
enum e { NEG = -5, NEXT, ZERO = 0, DUP = 0, AFTER, BIG = 0x7fffffff, SMALL = -0x7fffffff - 1 };
enum flags { F_A = 1 << 0, F_B = 1 << 1, F_C = 1 << 4, F_ALL = F_A | F_B | F_C };
enum { COUNT = 3 * 4 };
static int arr[COUNT + AFTER];
static int name(enum e v) { switch (v) { case NEG: return 1; case NEXT: return 2; case ZERO: return 3; case AFTER: return 4; case BIG: return 5; case SMALL: return 6; } return 0; }
int main(void)
{
    OUT(NEG); OUT(NEXT); OUT(ZERO); OUT(DUP); OUT(AFTER); OUT(BIG); OUT(SMALL); OUT(F_ALL); OUT(sizeof arr / sizeof arr[0]);
    OUT(sizeof(enum e)); OUT(NEG < 0); OUT(NEG < 0u); OUT(NEXT * 3); OUT((enum e)(NEG + 1) == NEXT);
    enum e v = NEG; for (int i = 0; i < 6; i++) { OUT(name(v)); v = (enum e)(v + 1); }
    OUT(name(BIG)); OUT(name(SMALL)); OUT(name((enum e)42));
    enum flags f = F_A | F_C; OUT(f); OUT((f & F_B) != 0); f = (enum flags)(f ^ F_ALL); OUT(f);
    return 0;
}
