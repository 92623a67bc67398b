/* break and continue bind to the innermost loop: a 3-deep nest with early exits, skips,
 * and a flag to leave the outer loops, counting visited cells. */
#include "check.h"
int main(void)
{
    int visited = 0, sig = 0, stop = 0;
    for (int a = 0; a < 6 && !stop; a++) {
        if (a == 2) continue;
        for (int b = 0; b < 6; b++) {
            if (b > a) break;
            int c = 0;
            while (c < 6) {
                c++;
                if ((a + b + c) % 4 == 0) continue;
                if (c == 5) break;
                visited++; sig = sig * 3 + a * 100 + b * 10 + c; sig %= 1000003;
                if (a == 5 && b == 4 && c == 3) { stop = 1; break; }
            }
            if (stop) break;
        }
    }
    OUT(visited); OUT(sig); OUT(stop);
    return 0;
}
