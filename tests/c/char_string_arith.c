/* Character arithmetic on strings: digit and letter conversions by subtracting '0' and 'a',
 * case changes by hand, Caesar shifts with wraparound, counting classes, char values above
 * 127 read through char (signed) and unsigned char, and string literals with embedded NULs. */
#include "check.h"
static void caesar(char *s, int k) { for (; *s; s++) if (*s >= 'a' && *s <= 'z') *s = (char)('a' + (*s - 'a' + k) % 26); else if (*s >= 'A' && *s <= 'Z') *s = (char)('A' + (*s - 'A' + k) % 26); }
static unsigned hexval(const char *s) { unsigned v = 0; for (; *s; s++) v = v * 16 + (*s <= '9' ? *s - '0' : (*s | 32) - 'a' + 10); return v; }
int main(void)
{
    char buf[] = "Hello, World xyz";
    caesar(buf, 3); for (int i = 0; buf[i]; i++) OUT(buf[i]);
    caesar(buf, 23); OUT(buf[0]); OUT(buf[13]);
    OUT(hexval("1aF")); OUT(hexval("DEADbeef") == 0xdeadbeefu);
    int up = 0, low = 0, dig = 0; for (const char *p = "Abc 123 XYZ!"; *p; p++) { up += *p >= 'A' && *p <= 'Z'; low += *p >= 'a' && *p <= 'z'; dig += *p >= '0' && *p <= '9'; }
    OUT(up); OUT(low); OUT(dig);
    char hi = (char)0xe9; unsigned char uhi = 0xe9; OUT(hi); OUT(uhi); OUT(hi == uhi); OUT(hi + 0 < 0); OUT((unsigned char)hi == uhi);
    const char emb[] = "ab\0cd"; OUT(sizeof emb); OUT(emb[3]); OUT(emb[2]);
    OUT('z' - 'a'); OUT('A' + 25); OUT("xyz"[1]); OUT(*("abc" + 2)); OUT(sizeof "abc");
    char c = 'a'; c += 200; OUT(c); c = 'Z'; c |= 0x20; OUT(c);
    return 0;
}
