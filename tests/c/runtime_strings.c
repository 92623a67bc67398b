#include "check.h"
#include <string.h>
#include <stdint.h>
#include <limits.h>
#include <stddef.h>
#include <stdbool.h>
struct s { char c; int32_t i; int64_t l; };
int main(void)
{
    char buf[32];
    strcpy(buf, "hello, dpu");
    OUT(strlen(buf));
    OUT(strcmp(buf, "hello") > 0);
    OUT(strcmp("abc", "abd") < 0);
    OUT(strncmp("abcdef", "abcxyz", 3));
    OUT(memcmp("abc", "abd", 3) < 0);
    OUT(strchr(buf, 'd') - buf);
    OUT(strchr(buf, 'z') == NULL);
    strncpy(buf, "xy", 6);
    OUT(buf[1] == 'y' && buf[2] == 0 && buf[5] == 0);
    memset(buf, 7, 10);
    memmove(buf + 2, buf, 6);
    OUT(buf[9] + buf[0]);
    OUT(INT_MAX == INT32_MAX && LLONG_MIN == INT64_MIN && CHAR_MIN == -128);
    OUT64(UINT64_MAX);
    OUT(offsetof(struct s, l));
    bool t = 5;
    OUT(t);
    return 0;
}
