#include "check.h"
static unsigned my_strlen(const char *s) { const char *p = s; while (*p) p++; return p - s; }
static int my_strcmp(const char *a, const char *b)
{
    while (*a && *a == *b) { a++; b++; }
    return (unsigned char)*a - (unsigned char)*b;
}
static char *my_strcpy(char *d, const char *s) { char *r = d; while ((*d++ = *s++)); return r; }
static void reverse(char *s) { int n = my_strlen(s); for (int i = 0; i < n / 2; i++) { char t = s[i]; s[i] = s[n - 1 - i]; s[n - 1 - i] = t; } }
static int atoi_(const char *s) { int neg = 0, v = 0; if (*s == '-') { neg = 1; s++; } while (*s >= '0' && *s <= '9') v = v * 10 + (*s++ - '0'); return neg ? -v : v; }
static char *itoa_(int v, char *buf)
{
    char tmp[12]; int n = 0; unsigned u = v < 0 ? -(unsigned)v : (unsigned)v;
    do { tmp[n++] = '0' + u % 10; u /= 10; } while (u);
    char *p = buf; if (v < 0) *p++ = '-';
    while (n) *p++ = tmp[--n];
    *p = 0; return buf;
}
int main(void)
{
    OUT(my_strlen("")); OUT(my_strlen("hello world"));
    OUT(my_strcmp("abc", "abd") < 0); OUT(my_strcmp("abc", "abc")); OUT(my_strcmp("b", "abc") > 0);
    OUT(my_strcmp("\xff", "a") > 0);
    char buf[32]; my_strcpy(buf, "dpucc"); reverse(buf); for (int i = 0; buf[i]; i++) OUT(buf[i]);
    OUT(atoi_("-12345")); OUT(atoi_("987654"));
    itoa_(-2147483647 - 1, buf); OUT(my_strlen(buf)); OUT(buf[1]); OUT(buf[10]);
    const char *esc = "\t\n\\\"\x41\101\0hidden"; OUT(esc[0] + esc[1] + esc[2] + esc[3] + esc[4] + esc[5]); OUT(sizeof "\t\n\\\"\x41\101\0hidden");
    return 0;
}
