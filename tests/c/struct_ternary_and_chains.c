#include "check.h"
struct v3 { int x, y, z; };
static struct v3 add(struct v3 a, struct v3 b) { return (struct v3){a.x + b.x, a.y + b.y, a.z + b.z}; }
static struct v3 scale(struct v3 a, int k) { a.x *= k; a.y *= k; a.z *= k; return a; }
static int dot(struct v3 a, struct v3 b) { return a.x * b.x + a.y * b.y + a.z * b.z; }
static struct v3 sum_rec(const struct v3 *a, int n) { return n == 0 ? (struct v3){0, 0, 0} : add(a[0], sum_rec(a + 1, n - 1)); }
volatile int sel = 1;
int main(void)
{
    struct v3 a = {1, 2, 3}, b = {-4, 5, -6};
    struct v3 c = sel ? a : b; OUT(c.x); c = !sel ? a : b; OUT(c.z);
    OUT(dot(add(a, scale(b, 2)), scale(add(a, a), -1)));
    OUT((sel ? a : b).y); OUT(add(a, b).z);
    struct v3 arr[5]; for (int i = 0; i < 5; i++) arr[i] = scale(a, i);
    struct v3 s = sum_rec(arr, 5); OUT(s.x); OUT(s.y); OUT(s.z);
    struct v3 *p = &arr[2]; *p = add(*p, *p); OUT(arr[2].z);
    struct v3 x, y, z; x = y = z = b; OUT(x.x + y.y + z.z);
    return 0;
}
