/* Compound assignment and increment on bit-fields: ++/-- wrapping in unsigned fields, +=, |=,
 * <<= and ^= keeping neighbouring fields intact, signed fields taking values converted modulo
 * their width (gcc's implementation-defined choice), and the value of the assignment
 * expression itself (the stored, truncated value). */
#include "check.h"
struct f { unsigned a : 3; signed b : 5; unsigned c : 7; unsigned long long d : 40; signed e : 1; };
int main(void)
{
    struct f x = { 7, -16, 100, 0xffffffffffULL, 0 };
    x.a++; OUT(x.a); x.a--; OUT(x.a); x.a += 13; OUT(x.a); OUT(x.b); OUT(x.c);
    x.b--; OUT(x.b); x.b += 40; OUT(x.b); x.b = 15; x.b++; OUT(x.b);
    x.c <<= 1; OUT(x.c); x.c |= 1; OUT(x.c); x.c ^= 0x55; OUT(x.c);
    x.d++; OUT64(x.d); x.d -= 2; OUT64(x.d); x.d *= 3; OUT64(x.d);
    x.e = 1; OUT(x.e); x.e = -1; OUT(x.e); OUT(x.e == -1);
    int r = (x.a = 9); OUT(r); OUT(x.a); r = (x.b = 31); OUT(r); r = x.c++; OUT(r); OUT(x.c); r = ++x.c; OUT(r);
    struct f arr[3] = { { 1, 2, 3, 4, 0 } }; arr[1] = arr[0]; arr[1].b *= -5; arr[2].d = arr[1].d << 39;
    OUT(arr[1].b); OUT64(arr[2].d); OUT(arr[0].b);
    OUT(sizeof(struct f));
    return 0;
}
