#include "check.h"
static int slen(const char *s) { const char *p = s; while (*p) p++; return (int)(p - s); }
static void rev(char *s) { char *e = s + slen(s) - 1; while (s < e) { char t = *s; *s++ = *e; *e-- = t; } }
static unsigned hash(const char *s) { unsigned h = 5381; while (*s) h = h * 33 ^ (unsigned char)*s++; return h; }
static char *tok(char **state, const char *delim) {
    char *s = *state;
    for (;;) { const char *d = delim; while (*d && *d != *s) d++; if (*s && *d) s++; else break; }
    if (!*s) { *state = s; return 0; }
    char *start = s;
    for (; *s; s++) { const char *d = delim; while (*d && *d != *s) d++; if (*d) { *s++ = 0; break; } }
    *state = s;
    return start;
}
static int atoi_h(const char *s) { int neg = 0; unsigned v = 0; if (*s == '-') { neg = 1; s++; } while (*s >= '0' && *s <= '9') v = v * 10 + (*s++ - '0'); return (int)(neg ? 0u - v : v); }
static void itoa_h(int v, char *buf) { char t[12]; int n = 0; unsigned u = v < 0 ? 0u - (unsigned)v : (unsigned)v; do { t[n++] = '0' + u % 10; u /= 10; } while (u); int i = 0; if (v < 0) buf[i++] = '-'; while (n) buf[i++] = t[--n]; buf[i] = 0; }
int main(void)
{
    char s[] = "Hello, DPU world!";
    rev(s); OUT(hash(s)); OUT(s[0]); OUT(s[16]);
    rev(s); OUT(hash(s));
    char line[] = "  12, -34 ;;56,7 ,,-2147483647 x9 ";
    char *st = line, *t; int n = 0, sum = 0;
    while ((t = tok(&st, " ,;")) != 0) { n++; OUT(slen(t)); OUT(hash(t)); sum += atoi_h(t); }
    OUT(n); OUT(sum);
    char buf[16];
    int vals[] = {0, 7, -7, 123456, -2147483647 - 1, 2147483647};
    for (int i = 0; i < 6; i++) { itoa_h(vals[i], buf); OUT(hash(buf)); OUT(slen(buf)); OUT(atoi_h(buf) == vals[i] || i == 4); }
    char pal[] = "racecar"; char cp[8]; for (int i = 0; i < 8; i++) cp[i] = pal[i]; rev(cp);
    int same = 1; for (int i = 0; pal[i]; i++) same &= pal[i] == cp[i]; OUT(same);
    return 0;
}
