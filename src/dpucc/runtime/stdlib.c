/* The freestanding part of stdlib.h the DPU offers (exit and abort are in sys.s). */
#include <stdlib.h>
#include <ctype.h>

int abs(int x) { return x < 0 ? -x : x; }
long labs(long x) { return x < 0 ? -x : x; }
long long llabs(long long x) { return x < 0 ? -x : x; }

long strtol(const char *s, char **end, int base)
{
    const char *p = s;
    unsigned long value = 0;
    int negative = 0, digits = 0;
    while (isspace((unsigned char)*p))
        p++;
    if (*p == '+' || *p == '-')
        negative = *p++ == '-';
    if ((base == 0 || base == 16) && p[0] == '0' && (p[1] == 'x' || p[1] == 'X')) {
        p += 2;
        base = 16;
    } else if (base == 0) {
        base = *p == '0' ? 8 : 10;
    }
    for (;; p++, digits++) {
        int d;
        if (isdigit((unsigned char)*p))
            d = *p - '0';
        else if (isalpha((unsigned char)*p))
            d = (*p | 0x20) - 'a' + 10;
        else
            break;
        if (d >= base)
            break;
        value = value * base + d;
    }
    if (end)
        *end = (char *)(digits ? p : s);
    return negative ? -(long)value : (long)value;
}

int atoi(const char *s) { return (int)strtol(s, 0, 10); }
long atol(const char *s) { return strtol(s, 0, 10); }
