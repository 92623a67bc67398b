/* Small structs of 1 to 16 bytes returned by value and passed back in: char pairs, shorts,
 * int pairs, a long long with an int, with members of every width. */
#include "check.h"
struct c2 { char a, b; };
struct s3 { short a; char b; };
struct i2 { int a, b; };
struct li { long long a; int b; };
struct mix { char a; short b; int c; long long d; };
static struct c2 mk2(int k) { struct c2 r = {(char)k, (char)(k * 2)}; return r; }
static struct s3 mk3(int k) { struct s3 r = {(short)(k * 1000), (char)-k}; return r; }
static struct i2 swap(struct i2 v) { struct i2 r = {v.b, v.a}; return r; }
static struct li mkli(long long a, int b) { struct li r = {a * 3, b - 1}; return r; }
static struct mix mkmix(struct mix m) { m.a++; m.b--; m.c *= 2; m.d = -m.d; return m; }
int main(void)
{
    struct c2 a = mk2(40); OUT(a.a); OUT(a.b);
    struct s3 b = mk3(-30); OUT(b.a); OUT(b.b);
    struct i2 c = swap((struct i2){7, -8}); OUT(c.a); OUT(c.b);
    struct li d = mkli(-0x100000001LL, 5); OUT64(d.a); OUT(d.b);
    struct mix m = {1, 2, 3, 4}; struct mix n = mkmix(mkmix(m));
    OUT(n.a); OUT(n.b); OUT(n.c); OUT64(n.d); OUT(m.c);
    OUT(sizeof(struct c2)); OUT(sizeof(struct s3)); OUT(sizeof(struct mix));
    return 0;
}
