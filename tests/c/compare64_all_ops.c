/* Every relational operator on signed and unsigned 64-bit pairs that differ only in the
 * high word, only in the low word, or in sign. */
#include "check.h"
int main(void)
{
    static const long long s[] = {0, 1, -1, 0x100000000LL, 0xFFFFFFFFLL, -0x100000000LL,
                                  0x7FFFFFFFFFFFFFFFLL, -0x7FFFFFFFFFFFFFFFLL - 1, 0x100000001LL};
    unsigned bits = 0, ubits = 0;
    for (int i = 0; i < 9; i++)
        for (int j = 0; j < 9; j++) {
            volatile long long a = s[i], b = s[j];
            volatile unsigned long long ua = (unsigned long long)s[i], ub = (unsigned long long)s[j];
            unsigned m = (a < b) | (a <= b) << 1 | (a > b) << 2 | (a >= b) << 3 |
                         (a == b) << 4 | (a != b) << 5;
            unsigned um = (ua < ub) | (ua <= ub) << 1 | (ua > ub) << 2 | (ua >= ub) << 3;
            bits = bits * 7 + m; ubits = ubits * 5 + um;
            if (i == j + 1) { OUT(m); OUT(um); }
        }
    OUT(bits); OUT(ubits);
    return 0;
}
