#include "check.h"
static const char cat[] = "con" "cat" "enated";
static const char *multi = "line1\n"
                           "line2";
int main(void)
{
    OUT(sizeof cat); OUT(cat[3]); OUT(cat[12]);
    int n = 0; while (multi[n]) n++; OUT(n); OUT(multi[5]);
    OUT("abc"[1]); OUT(*"z"); OUT(sizeof("ab" "c"));
    const char *s = "repeat", *t = "repeat"; OUT(s[5] == t[5]);
    char w[] = "writable"; w[0] = 'W'; OUT(w[0]); OUT(sizeof w);
    const char *esc = "\a\b\f\r\v\x20\40\e"; int sum = 0; for (const char *p = esc; *p; p++) sum += *p; OUT(sum);
    const char *hex = "\x41\x42\x7e"; OUT(hex[0] + hex[1] + hex[2]);
    OUT("\0abc"[2]); OUT(sizeof "\0abc");
    return 0;
}
