#include "check.h"
enum color { RED, GREEN = 5, BLUE, PURPLE = -3, PINK, LAST = BLUE * 2 };
enum { ANON_A = 100, ANON_B };
typedef enum { T0, T1, T2 } tri;
static const char *unused;
static int score(enum color c)
{
    switch (c) {
    case RED: return 1;
    case GREEN: return 2;
    case BLUE: return 3;
    case PURPLE: return 4;
    case PINK: return 5;
    default: return 6;
    }
}
int main(void)
{
    enum color c = BLUE;
    OUT(RED); OUT(GREEN); OUT(BLUE); OUT(PURPLE); OUT(PINK); OUT(LAST);
    OUT(ANON_A + ANON_B); OUT(sizeof(enum color)); OUT(c < GREEN);
    OUT(score(c)); OUT(score(PINK)); OUT(score(LAST));
    tri t = T2; t--; OUT(t);
    int arr[LAST]; OUT(sizeof arr / sizeof arr[0]);
    OUT(PINK < 0);
    return 0;
}
