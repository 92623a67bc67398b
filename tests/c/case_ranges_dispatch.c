/* GNU case ranges mixed with single cases: ranges over characters for a tokenizer class
 * table, negative ranges, a range adjacent to a single case, and ranges on unsigned values
 * near the top of the type. */
#include "check.h"
static int cls(int c)
{
    switch (c) {
    case 'a' ... 'z': return 1;
    case 'A' ... 'Z': return 2;
    case '0' ... '9': return 3;
    case '_': return 4;
    case -128 ... -1: return 5;
    case ' ': case '\t': case '\n': return 6;
    case '!' ... '/': return 7;
    default: return 0;
    }
}
static int top(unsigned u) { switch (u) { case 0xfffffff0u ... 0xffffffffu: return 1; case 0x80000000u ... 0x8000000fu: return 2; case 0: return 3; default: return 4; } }
int main(void)
{
    const char *s = "Hello_World 42!\t\xff/~";
    for (const char *p = s; *p; p++) OUT(cls(*p));
    OUT(cls('`')); OUT(cls('{')); OUT(cls(127));
    unsigned us[] = { 0, 1, 0x80000000u, 0x8000000fu, 0x80000010u, 0xffffffefu, 0xfffffff0u, 0xffffffffu };
    for (int i = 0; i < 8; i++) OUT(top(us[i]));
    return 0;
}
