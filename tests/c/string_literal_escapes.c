/* String and character literals: octal and hex escapes, adjacent literal concatenation,
 * embedded NULs, sizeof of literals, and multi-character char constants. */
#include "check.h"
int main(void)
{
    const char *s = "a\tb\\c\"d\x41\101\0z";
    for (int i = 0; i < 10; i++) OUT((unsigned char)s[i]);
    OUT(sizeof("abc" "def")); OUT(sizeof "\0\0"); OUT("xy" "z"[2]);
    char e[] = "\x7f\x80\xff\1\12\123"; for (unsigned i = 0; i < sizeof e; i++) OUT(e[i]);
    OUT('\n'); OUT('\''); OUT('\x20'); OUT('\377'); OUT('ab');
    return 0;
}
