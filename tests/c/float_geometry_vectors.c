/* 3-D vector geometry in float and double: dot and cross products, squared and actual lengths
 * (sqrt), distances between points, the area of a triangle, projection of one vector on
 * another, and an orientation test by the sign of a 2-D cross product. */
#include "check.h"
#include <math.h>
static unsigned long long db(double d) { union { double d; unsigned long long u; } v = { d }; return v.u; }
static unsigned fb(float f) { union { float f; unsigned u; } v = { f }; return v.u; }
typedef struct { double x, y, z; } vec;
static vec sub(vec a, vec b) { vec r = { a.x - b.x, a.y - b.y, a.z - b.z }; return r; }
static double dot(vec a, vec b) { return a.x * b.x + a.y * b.y + a.z * b.z; }
static vec cross(vec a, vec b) { vec r = { a.y * b.z - a.z * b.y, a.z * b.x - a.x * b.z, a.x * b.y - a.y * b.x }; return r; }
typedef struct { float x, y; } p2;
static int orient(p2 a, p2 b, p2 c) { float d = (b.x - a.x) * (c.y - a.y) - (b.y - a.y) * (c.x - a.x); return (d > 0) - (d < 0); }
int main(void)
{
    vec a = { 1, 2, 3 }, b = { -0.5, 4, 0.25 }, c = { 3, -1, 2 };
    OUT64(db(dot(a, b))); vec cr = cross(a, b); OUT64(db(cr.x)); OUT64(db(cr.y)); OUT64(db(cr.z));
    OUT64(db(dot(cr, a))); OUT64(db(dot(cr, b)));
    vec ab = sub(b, a), ac = sub(c, a); vec n = cross(ab, ac);
    OUT64(db(sqrt(dot(n, n)) / 2)); OUT64(db(sqrt(dot(ab, ab))));
    double k = dot(a, c) / dot(c, c); OUT64(db(k * c.x)); OUT64(db(k * c.y));
    p2 p = { 0, 0 }, q = { 1, 0 }, r1 = { 0.5f, 0.1f }, r2 = { 0.5f, -0.1f }, r3 = { 2, 0 };
    OUT(orient(p, q, r1)); OUT(orient(p, q, r2)); OUT(orient(p, q, r3));
    p2 s = { 0.1f, 0.2f }, t = { 0.3f, 0.6f }; OUT(orient(p, s, t)); OUT(fb(sqrtf((t.x - s.x) * (t.x - s.x) + (t.y - s.y) * (t.y - s.y))));
    return 0;
}
