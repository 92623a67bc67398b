/* Large structs (arrays inside) passed and returned by value: the callee works on its own
 * copy, the caller's object is unchanged, and returned copies are independent. */
#include "check.h"
struct big { int id; int data[24]; char tag[9]; };
static struct big fill(int seed)
{
    struct big b; b.id = seed;
    for (int i = 0; i < 24; i++) b.data[i] = seed * 31 + i;
    for (int i = 0; i < 8; i++) b.tag[i] = (char)('a' + (seed + i) % 26);
    b.tag[8] = 0;
    return b;
}
static int sum(struct big b) { int s = 0; for (int i = 0; i < 24; i++) { s += b.data[i]; b.data[i] = 0; } return s + b.id; }
static struct big bump(struct big b, int k) { for (int i = 0; i < 24; i++) b.data[i] += k; b.id = -b.id; return b; }
int main(void)
{
    struct big x = fill(3);
    OUT(sum(x)); OUT(x.data[5]);
    struct big y = bump(x, 100);
    OUT(x.id); OUT(y.id); OUT(x.data[23]); OUT(y.data[23]); OUT(sum(bump(bump(x, 1), 2)));
    y = x; y.data[0] = 777; OUT(x.data[0]); OUT(y.data[0]);
    OUT(y.tag[0]); OUT(y.tag[7]); OUT(fill(25).tag[1]); OUT(sizeof(struct big));
    return 0;
}
