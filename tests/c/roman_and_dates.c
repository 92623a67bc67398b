#include "check.h"
static int to_roman(int n, char *out) {
    static const int val[] = {1000, 900, 500, 400, 100, 90, 50, 40, 10, 9, 5, 4, 1};
    static const char *sym[] = {"M", "CM", "D", "CD", "C", "XC", "L", "XL", "X", "IX", "V", "IV", "I"};
    int len = 0;
    for (int i = 0; i < 13; i++) while (n >= val[i]) { for (const char *p = sym[i]; *p; p++) out[len++] = *p; n -= val[i]; }
    out[len] = 0; return len;
}
static int from_roman(const char *s) {
    int total = 0, prev = 0;
    for (int i = 0; s[i]; i++) {}
    int n = 0; while (s[n]) n++;
    for (int i = n - 1; i >= 0; i--) {
        int v; switch (s[i]) { case 'I': v = 1; break; case 'V': v = 5; break; case 'X': v = 10; break; case 'L': v = 50; break; case 'C': v = 100; break; case 'D': v = 500; break; default: v = 1000; }
        if (v < prev) total -= v; else { total += v; prev = v; }
    }
    return total;
}
static int is_leap(int y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }
static int dow(int y, int m, int d) { static const int t[] = {0, 3, 2, 5, 0, 3, 5, 1, 4, 6, 2, 4}; if (m < 3) y--; return (y + y / 4 - y / 100 + y / 400 + t[m - 1] + d) % 7; }
static long days_from_civil(int y, unsigned m, unsigned d) { y -= m <= 2; int era = (y >= 0 ? y : y - 399) / 400; unsigned yoe = (unsigned)(y - era * 400); unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1; unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy; return era * 146097L + (long)doe - 719468; }
int main(void)
{
    char buf[32]; int ok = 0; unsigned h = 0;
    for (int n = 1; n < 4000; n += 37) { int len = to_roman(n, buf); ok += from_roman(buf) == n; h = h * 7 + len; }
    OUT(ok); OUT(h);
    to_roman(1994, buf); unsigned hh = 0; for (char *p = buf; *p; p++) hh = hh * 31 + *p; OUT(hh);
    int leaps = 0; for (int y = 1600; y <= 2400; y++) leaps += is_leap(y); OUT(leaps);
    OUT(dow(2000, 1, 1)); OUT(dow(1970, 1, 1)); OUT(dow(2024, 2, 29)); OUT(dow(1969, 7, 20));
    OUT((unsigned)days_from_civil(1970, 1, 1)); OUT((unsigned)days_from_civil(2000, 3, 1)); OUT((unsigned)days_from_civil(1900, 2, 28)); OUT((unsigned)days_from_civil(2038, 1, 19));
    return 0;
}
