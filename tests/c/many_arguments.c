#include "check.h"
static int f12(int a, int b, int c, int d, int e, int f, int g, int h, int i, int j, int k, int l)
{
    return a + 2 * b + 3 * c + 4 * d + 5 * e + 6 * f + 7 * g + 8 * h + 9 * i + 10 * j + 11 * k + 12 * l;
}
static long long fmix(char a, long long b, short c, long long d, int e, long long f, char g, long long h,
                      unsigned char i, long long j)
{
    return a + b * 2 + c * 3 + d * 4 + e * 5 + f * 6 + g * 7 + h * 8 + i * 9 + j * 10;
}
struct s3 { int x, y, z; };
static int fstructs(int a, struct s3 s, long long b, struct s3 t, char c)
{
    return a + s.x * s.y * s.z + (int)(b >> 32) + t.x - t.z + c;
}
static long long chain(long long a, long long b, long long c, long long d, long long e, long long f)
{
    if (a <= 0) return b + c + d + e + f;
    return chain(a - 1, c, d, e, f, b + 1);
}
int main(void)
{
    OUT(f12(1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12));
    OUT(f12(-1, 0, 1, 0, -1, 0, 1, 0, -1, 0, 1, 100));
    OUT64(fmix(-1, 1LL << 40, -300, -(1LL << 35), 77, 5, 'z', 0x7fffffffLL, 255, -9));
    struct s3 s = {2, 3, 4}, t = {10, 20, 30};
    OUT(fstructs(1, s, 5LL << 32, t, 'A'));
    OUT64(chain(10, 1, 2, 3, 4, 5));
    return 0;
}
