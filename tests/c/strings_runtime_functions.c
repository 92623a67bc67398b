/* The runtime library's string.h: strlen, strcmp/strncmp signs, strcpy/strncpy padding,
 * strchr, memcmp, memmove with overlap in both directions, memset. */
#include "check.h"
#include <string.h>
static int sign(int v) { return (v > 0) - (v < 0); }
int main(void)
{
    char a[32] = "hello, world", b[32];
    OUT(strlen(a)); OUT(strlen("")); OUT(sign(strcmp(a, "hello"))); OUT(sign(strcmp("abc", "abd")));
    OUT(sign(strcmp("\xff", "a"))); OUT(strcmp(a, a)); OUT(sign(strncmp("abcdef", "abcxyz", 3)));
    OUT(sign(strncmp("abcdef", "abcxyz", 4)));
    strcpy(b, a); OUT(strcmp(a, b)); OUT(b[12]);
    memset(b, 'x', sizeof b); strncpy(b, "ab", 6); OUT(b[1]); OUT(b[2]); OUT(b[5]); OUT(b[6]);
    OUT(strchr(a, 'w') - a); OUT(strchr(a, 'z') == 0); OUT(strchr(a, 0) - a);
    char m[16] = "0123456789"; memmove(m + 2, m, 6); OUT(m[2]); OUT(m[7]); OUT(m[8]);
    char n[16] = "0123456789"; memmove(n, n + 3, 6); OUT(n[0]); OUT(n[5]); OUT(n[6]);
    OUT(sign(memcmp("ab\0c", "ab\0d", 4))); OUT(memcmp(a, b, 0));
    unsigned char z[8]; memset(z, 0x1FF, 8); OUT(z[7]);
    return 0;
}
