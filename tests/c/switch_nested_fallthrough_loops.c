/* Nested switches with fallthrough, break binding to the innermost switch, continue in a
 * switch inside a loop, and a case label inside a nested block (Duff-style). */
#include "check.h"
static int copy8(char *to, const char *from, int count)
{
    int n = (count + 7) / 8, copied = 0;
    switch (count % 8) {
    case 0: do { *to++ = *from++; copied++;
    case 7:      *to++ = *from++; copied++;
    case 6:      *to++ = *from++; copied++;
    case 5:      *to++ = *from++; copied++;
    case 4:      *to++ = *from++; copied++;
    case 3:      *to++ = *from++; copied++;
    case 2:      *to++ = *from++; copied++;
    case 1:      *to++ = *from++; copied++;
            } while (--n > 0);
    }
    return copied;
}
int main(void)
{
    int trace = 0;
    for (int i = 0; i < 6; i++) {
        switch (i % 3) {
        case 0:
            switch (i) { case 0: trace = trace * 10 + 1; case 3: trace = trace * 10 + 2; break; default: trace += 100; }
        case 1:
            if (i == 4) continue;
            trace = trace * 10 + 3;
            break;
        default:
            trace = trace * 10 + 4;
        }
        trace %= 100000007;
    }
    OUT(trace);
    char src[20], dst[20] = {0};
    for (int i = 0; i < 20; i++) src[i] = (char)('A' + i);
    for (int c = 1; c <= 19; c += 3) { OUT(copy8(dst, src, c)); OUT(dst[c - 1]); }
    return 0;
}
