/* Floats and doubles in structs: layout and alignment (double is 8-aligned on both machines),
 * member arithmetic, struct assignment, passing and returning structs of floats by value, and
 * nested structs mixing float, double, char and long long. */
#include "check.h"
#include <stddef.h>
static unsigned fb(float f) { union { float f; unsigned u; } v = { f }; return v.u; }
static unsigned long long db(double d) { union { double d; unsigned long long u; } v = { d }; return v.u; }
struct v2 { float x, y; };
struct mix { char c; double d; float f; short s; };
struct big { struct v2 a, b; double w; long long n; float tail[3]; };
static struct v2 add(struct v2 p, struct v2 q) { struct v2 r = { p.x + q.x, p.y + q.y }; return r; }
static struct v2 scale(struct v2 p, float k) { p.x *= k; p.y *= k; return p; }
static struct big mk(double w) { struct big b = { { 1.5f, -2.0f }, { 0.25f, 8.0f }, w, 7, { 0.1f, 0.2f, 0.3f } }; return b; }
static double sum(struct big b) { return b.a.x + b.a.y + b.b.x + b.b.y + b.w + b.n + b.tail[0] + b.tail[1] + b.tail[2]; }
static volatile float vk = 0.5f;
int main(void)
{
    OUT(sizeof(struct v2)); OUT(sizeof(struct mix)); OUT(offsetof(struct mix, d)); OUT(offsetof(struct mix, f));
    OUT(offsetof(struct mix, s)); OUT(_Alignof(struct mix)); OUT(sizeof(struct big)); OUT(offsetof(struct big, w));
    struct v2 p = { 1.25f, -3.5f }, q = { 0.1f, 0.2f };
    struct v2 r = add(p, q); OUT(fb(r.x)); OUT(fb(r.y));
    r = scale(add(r, r), vk); OUT(fb(r.x)); OUT(fb(r.y));
    struct mix m = { 'a', 2.5, 1.5f, -4 }, m2; m2 = m; m2.d *= m2.f; m2.f -= m2.s;
    OUT(m2.c); OUT64(db(m2.d)); OUT(fb(m2.f)); OUT64(db(m.d));
    struct big b = mk(1e10); OUT64(db(sum(b))); b.tail[1] = -b.tail[1]; OUT64(db(sum(b)));
    struct big c = b; c.a = c.b; OUT(fb(c.a.x)); OUT64(db(sum(c)));
    struct v2 arr[4]; for (int i = 0; i < 4; i++) arr[i] = scale(p, (float)i);
    for (int i = 0; i < 4; i++) OUT(fb(arr[i].x + arr[i].y));
    return 0;
}
