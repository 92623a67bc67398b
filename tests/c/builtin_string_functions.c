/* GCC's library builtins __builtin_memcpy, __builtin_memmove, __builtin_memset,
 * __builtin_memcmp, __builtin_strlen and __builtin_strcmp, used without including
 * <string.h>: the same results as the library functions, including float bit copies. */
#include "check.h"
int main(void)
{
    char a[16] = "builtin", b[16];
    __builtin_memcpy(b, a, 8); OUT(b[0]); OUT(b[6]); OUT(__builtin_strlen(b)); OUT(__builtin_strcmp(a, b));
    __builtin_memset(b + 2, 'x', 3); OUT(b[4]); OUT(__builtin_strcmp(a, b) < 0); OUT(__builtin_memcmp(a, b, 2));
    __builtin_memmove(a + 1, a, 6); OUT(a[1]); OUT(a[6]); OUT(__builtin_strlen(a));
    float f = 1.5f; unsigned u; __builtin_memcpy(&u, &f, sizeof u); OUT(u);
    double d = -2.0; unsigned long long q; __builtin_memcpy(&q, &d, 8); OUT64(q);
    char *r = __builtin_memset(b, 0, 16); OUT(r == b); OUT(__builtin_strlen(b));
    return 0;
}
