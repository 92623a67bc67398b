/* Struct layout with padding: members ordered badly and well, nested structs aligned to their
 * largest member, trailing padding so arrays keep alignment, unions inside structs, and
 * offsets of every member via offsetof (no pointers inside, so sizes match the host). */
#include "check.h"
#include <stddef.h>
struct bad { char a; long long b; char c; int d; short e; };
struct good { long long b; int d; short e; char a, c; };
struct nest { char x; struct good g; char y; };
struct withu { short s; union { char c; double d; int i; } u; char t; };
struct tiny { char a; short b; char c; };
int main(void)
{
    OUT(sizeof(struct bad)); OUT(offsetof(struct bad, b)); OUT(offsetof(struct bad, c)); OUT(offsetof(struct bad, d)); OUT(offsetof(struct bad, e));
    OUT(sizeof(struct good)); OUT(offsetof(struct good, e)); OUT(offsetof(struct good, c));
    OUT(sizeof(struct nest)); OUT(offsetof(struct nest, g)); OUT(offsetof(struct nest, y)); OUT(_Alignof(struct nest));
    OUT(sizeof(struct withu)); OUT(offsetof(struct withu, u)); OUT(offsetof(struct withu, t));
    OUT(sizeof(struct tiny)); OUT(offsetof(struct tiny, b)); OUT(offsetof(struct tiny, c)); OUT(sizeof(struct tiny[3]));
    struct bad arr[2] = { { 1, 2, 3, 4, 5 }, { 6, 7, 8, 9, 10 } };
    OUT(arr[1].a + arr[1].e); OUT64(arr[0].b + arr[1].b); OUT((int)((char *)&arr[1] - (char *)&arr[0]));
    return 0;
}
