/* ctype.h of the runtime library over all of 0..127: counts per class and tolower/toupper,
 * with arguments that have side effects evaluated once by the caller. */
#include "check.h"
#include <ctype.h>
int main(void)
{
    int n[10] = {0}; unsigned h = 0;
    for (int c = 0; c < 128; c++) {
        n[0] += !!isdigit(c); n[1] += !!isalpha(c); n[2] += !!isupper(c); n[3] += !!islower(c);
        n[4] += !!isspace(c); n[5] += !!isxdigit(c); n[6] += !!isalnum(c); n[7] += !!ispunct(c);
        n[8] += !!isprint(c); n[9] += !!iscntrl(c);
        h = h * 33 + (unsigned)tolower(c) * 3 + (unsigned)toupper(c);
    }
    for (int i = 0; i < 10; i++) OUT(n[i]);
    OUT(h);
    return 0;
}
