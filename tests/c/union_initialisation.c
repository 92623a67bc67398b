/* Initialising unions: the first member by default, another member by designator, unions
 * inside structs and arrays (brace elision going to the first member), static unions zero
 * filled past the initialised member, and assignment between unions. */
#include "check.h"
union u { unsigned char b[4]; unsigned w; short h[2]; };
union v { int i; long long ll; };
struct s { int tag; union u data; int after; };
static union u g1 = { { 1, 2, 3, 4 } };
static union u g2 = { .w = 0xa0b0c0d0u };
static union v g3 = { 7 };
static struct s gs[2] = { { 1, { { 9, 8 } }, 2 }, { 3, .data.h = { -1, 5 }, 4 } };
static union u arr[3] = { { { 1 } }, [2].w = 5 };
int main(void)
{
    OUT(g1.w); OUT(g2.b[0]); OUT(g2.h[1]); OUT64(g3.ll); OUT(sizeof g3);
    for (int i = 0; i < 2; i++) { OUT(gs[i].tag); OUT(gs[i].data.w); OUT(gs[i].after); }
    for (int i = 0; i < 3; i++) OUT(arr[i].w);
    union u l = { .h = { 0x1234, 0x5678 } }; OUT(l.w); union u m = l; m.b[0] = 0xff; OUT(m.w); OUT(l.w);
    union v lv = { .ll = -2 }; OUT(lv.i); lv.i = 0; OUT64(lv.ll);
    return 0;
}
