/* The freestanding part of stdlib.h the DPU offers (exit and abort are in sys.s). */
#include <stdlib.h>
#include <ctype.h>
#include <errno.h>
#include <limits.h>

int abs(int x) { return x < 0 ? -x : x; }
long labs(long x) { return x < 0 ? -x : x; }
long long llabs(long long x) { return x < 0 ? -x : x; }

static int digit_value(char c)
{
    if (isdigit((unsigned char)c))
        return c - '0';
    if (isalpha((unsigned char)c))
        return (c | 0x20) - 'a' + 10;
    return 36;  /* larger than every base */
}

/* What the strto* functions share: skip spaces, read the sign and the base prefix, and
 * accumulate the magnitude.  Digits past the point where the magnitude exceeds ULLONG_MAX are
 * still consumed (C wants *end past the whole number) and reported through *overflow; each
 * caller then applies its own type's range.  An invalid base is EINVAL, as glibc has it. */
static unsigned long long scan(const char *s, char **end, int base, int *negative,
                               int *overflow)
{
    const char *p = s;
    unsigned long long value = 0;
    int digits = 0;
    *negative = *overflow = 0;
    if (base < 0 || base == 1 || base > 36) {
        errno = EINVAL;
        if (end)
            *end = (char *)s;
        return 0;
    }
    while (isspace((unsigned char)*p))
        p++;
    if (*p == '+' || *p == '-')
        *negative = *p++ == '-';
    /* "0x" is a prefix only when a hex digit follows; "0xg" is the number 0, ending at 'x'. */
    if ((base == 0 || base == 16) && p[0] == '0' && (p[1] | 0x20) == 'x'
        && isxdigit((unsigned char)p[2])) {
        p += 2;
        base = 16;
    } else if (base == 0) {
        base = *p == '0' ? 8 : 10;
    }
    unsigned long long cutoff = ULLONG_MAX / (unsigned)base;
    int cutlim = (int)(ULLONG_MAX % (unsigned)base);
    for (;; p++, digits++) {
        int d = digit_value(*p);
        if (d >= base)
            break;
        if (value > cutoff || (value == cutoff && d > cutlim))
            *overflow = 1;
        else
            value = value * (unsigned)base + (unsigned)d;
    }
    if (end)
        *end = (char *)(digits ? p : s);
    return value;
}

unsigned long long strtoull(const char *s, char **end, int base)
{
    int negative, overflow;
    unsigned long long v = scan(s, end, base, &negative, &overflow);
    if (overflow) {
        errno = ERANGE;
        return ULLONG_MAX;
    }
    return negative ? 0 - v : v;  /* C: "-1" is ULLONG_MAX, without an error */
}

long long strtoll(const char *s, char **end, int base)
{
    int negative, overflow;
    unsigned long long v = scan(s, end, base, &negative, &overflow);
    unsigned long long limit = negative ? (unsigned long long)LLONG_MAX + 1 : LLONG_MAX;
    if (overflow || v > limit) {
        errno = ERANGE;
        return negative ? LLONG_MIN : LLONG_MAX;
    }
    return negative ? (long long)(0 - v) : (long long)v;
}

/* long is 64 bits on the DPU, as long long is. */
unsigned long strtoul(const char *s, char **end, int base) { return strtoull(s, end, base); }
long strtol(const char *s, char **end, int base) { return strtoll(s, end, base); }

int atoi(const char *s) { return (int)strtol(s, 0, 10); }
long atol(const char *s) { return strtol(s, 0, 10); }
long long atoll(const char *s) { return strtoll(s, 0, 10); }
