/* The runtime library's stdlib.h conversions: atoi/atol with signs and leading spaces,
 * strtol in bases 2, 8, 10, 16 and 0 (prefix detection), and the end pointer. */
#include "check.h"
#include <stdlib.h>
int main(void)
{
    OUT(atoi("42")); OUT(atoi("  -17xyz")); OUT(atoi("+8")); OUT(atoi("0")); OUT(atoi("2147483647"));
    OUT64(atol("-123456789")); 
    char *end;
    OUT64(strtol("1011", &end, 2)); OUT(*end);
    OUT64(strtol("777", &end, 8)); OUT64(strtol("-ff", &end, 16)); OUT64(strtol("0x1F", &end, 0));
    OUT64(strtol("017", &end, 0)); OUT64(strtol("  99 bottles", &end, 10)); OUT(*end);
    OUT64(strtol("zz", &end, 36)); OUT64(strtol("12abc", &end, 10)); OUT(end[0]);
    OUT(abs(-5)); OUT64(labs(-6000000000L)); OUT64(llabs(-7LL));
    return 0;
}
