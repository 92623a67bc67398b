#include "check.h"
static const char msg[] = "hello";
static int numbers[5] = { 1, 2, [4] = 9 };
static const char *ptrs[] = { msg, msg + 2 };
struct pair { short a; long long b; };
static struct pair pairs[2] = { { .b = 7 }, { -1, -2 } };
int main(void)
{
    int s = 0;
    for (int i = 0; msg[i]; i++) s += msg[i];
    OUT(s);
    OUT(numbers[3] + numbers[4]);
    OUT(ptrs[1][0]);
    OUT64(pairs[0].b + pairs[1].b);
    OUT(pairs[1].a);
    return 0;
}
