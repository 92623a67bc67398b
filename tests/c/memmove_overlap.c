/* memmove with overlapping source and destination in both directions and at unaligned
 * offsets, memcpy on disjoint parts, memset of partial ranges, and memcmp ordering (by
 * unsigned bytes); results checked byte by byte. */
#include "check.h"
#include <string.h>
static unsigned sum(const unsigned char *p, int n) { unsigned h = 0; for (int i = 0; i < n; i++) h = h * 31 + p[i]; return h; }
int main(void)
{
    unsigned char b[40];
    for (int i = 0; i < 40; i++) b[i] = (unsigned char)(i * 7 + 1);
    memmove(b + 3, b, 20); OUT(sum(b, 40)); OUT(b[3]); OUT(b[22]);
    memmove(b + 1, b + 9, 17); OUT(sum(b, 40)); OUT(b[1]);
    memmove(b + 5, b + 5, 10); OUT(sum(b, 40));
    memcpy(b + 30, b, 8); OUT(sum(b + 28, 12));
    memset(b + 2, 0xAB, 5); OUT(sum(b, 10)); memset(b, 0, 0); OUT(b[0]);
    OUT(memcmp("abc", "abd", 3) < 0); OUT(memcmp("abc", "abc", 3)); OUT(memcmp("\x80", "\x01", 1) > 0); OUT(memcmp("ab", "zz", 0));
    int words[6] = { 1, 2, 3, 4, 5, 6 }; memmove(words + 1, words, 4 * sizeof(int)); for (int i = 0; i < 6; i++) OUT(words[i]);
    return 0;
}
