#include "check.h"
static int is_digit(int c) { return c >= '0' && c <= '9'; }
static int is_upper(int c) { return c >= 'A' && c <= 'Z'; }
static int is_lower(int c) { return c >= 'a' && c <= 'z'; }
static int is_alpha(int c) { return is_upper(c) || is_lower(c); }
static int is_space(int c) { return c == ' ' || (c >= '\t' && c <= '\r'); }
static int is_xdigit(int c) { return is_digit(c) || ((unsigned)((c | 32) - 'a') < 6u); }
static int is_punct(int c) { return c > 32 && c < 127 && !is_alpha(c) && !is_digit(c); }
static int to_upper(int c) { return is_lower(c) ? c - 32 : c; }
static int to_lower(int c) { return is_upper(c) ? c + ('a' - 'A') : c; }
static unsigned char table[256];
int main(void)
{
    unsigned counts[7] = {0};
    for (int c = -128; c < 256; c++) {
        counts[0] += is_digit(c); counts[1] += is_upper(c); counts[2] += is_lower(c); counts[3] += is_space(c);
        counts[4] += is_xdigit(c); counts[5] += is_punct(c); counts[6] += (unsigned)to_upper(c) ^ (unsigned)to_lower(c);
    }
    for (int i = 0; i < 7; i++) OUT(counts[i]);
    for (int c = 0; c < 256; c++) table[c] = (unsigned char)(is_digit(c) | is_alpha(c) << 1 | is_space(c) << 2 | is_punct(c) << 3 | is_xdigit(c) << 4);
    const char *s = "Hello World 123, it's\tA TEST!\n0xBeEf";
    unsigned h = 0; int words = 0, inword = 0;
    for (const char *p = s; *p; p++) {
        unsigned char t = table[(unsigned char)*p];
        h = h * 131 + t;
        if (t & 4) inword = 0; else if (!inword) { inword = 1; words++; }
    }
    OUT(h); OUT(words);
    char buf[64]; int n = 0;
    for (const char *p = s; *p; p++, n++) buf[n] = (char)((n & 1) ? to_upper(*p) : to_lower(*p));
    buf[n] = 0; unsigned h2 = 0; for (int i = 0; i < n; i++) h2 = h2 * 33 + (unsigned char)buf[i]; OUT(h2);
    signed char sc = (signed char)0xe9; OUT(is_alpha(sc)); OUT(is_alpha((unsigned char)sc)); OUT(table[(unsigned char)sc]);
    return 0;
}
