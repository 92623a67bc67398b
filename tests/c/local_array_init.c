#include "check.h"
struct cfg { int a; char name[8]; long long v; short arr[5]; };
static int sum(const int *a, int n) { int s = 0; while (n--) s += a[n]; return s; }
int main(void)
{
    char buf[40] = "abc"; int z = 0; for (int i = 3; i < 40; i++) z |= buf[i]; OUT(z); OUT(buf[2]);
    int a[10] = {1}; OUT(sum(a, 10));
    int b[10] = {[3] = 4, [8] = 9}; OUT(sum(b, 10));
    struct cfg c = {0}; OUT(c.a + c.name[7] + (int)c.v + c.arr[4]);
    struct cfg d = {.name = "xy", .arr = {1, 2}}; OUT(d.name[1]); OUT(d.name[2]); OUT(d.arr[1] + d.arr[2]);
    for (int round = 0; round < 3; round++) {
        int fresh[6] = {round, round + 1};
        OUT(sum(fresh, 6));
        fresh[5] = 100;
    }
    long long big[20] = {[19] = -1}; OUT64(big[19] + big[0]);
    char s2[] = "with\0nul"; OUT(sizeof s2); OUT(s2[5]);
    unsigned char bytes[5] = {255, 254}; OUT(bytes[0] + bytes[1] + bytes[4]);
    return 0;
}
