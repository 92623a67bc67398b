/* __attribute__((packed)) and __attribute__((aligned(N))) on structs and members: sizes,
 * offsets, alignment, reading and writing misaligned packed members of all widths, arrays of
 * packed structs, and a packed struct inside an aligned one. */
#include "check.h"
#include <stddef.h>
struct __attribute__((packed)) pk { char c; int i; short s; long long ll; };
struct un { char c; int i; short s; long long ll; };
struct al { char c; int i __attribute__((aligned(8))); } __attribute__((aligned(16)));
struct outer { char tag; struct pk p; } __attribute__((aligned(8)));
struct mixed { char a; struct { char b; int c; } __attribute__((packed)) in; short d; };
typedef int aligned_int __attribute__((aligned(8)));
int main(void)
{
    OUT(sizeof(struct pk)); OUT(_Alignof(struct pk)); OUT(offsetof(struct pk, i)); OUT(offsetof(struct pk, s)); OUT(offsetof(struct pk, ll));
    OUT(sizeof(struct un)); OUT(offsetof(struct un, ll));
    OUT(sizeof(struct al)); OUT(_Alignof(struct al)); OUT(offsetof(struct al, i));
    OUT(sizeof(struct outer)); OUT(offsetof(struct outer, p)); OUT(sizeof(struct mixed)); OUT(offsetof(struct mixed, d));
    OUT(_Alignof(aligned_int));
    struct pk arr[3];
    for (int k = 0; k < 3; k++) { arr[k].c = (char)(k + 1); arr[k].i = 0x01020304 * (k + 1); arr[k].s = (short)(-300 * k); arr[k].ll = 0x1122334455667788LL + k; }
    for (int k = 0; k < 3; k++) { OUT(arr[k].c); OUT(arr[k].i); OUT(arr[k].s); OUT64(arr[k].ll); }
    unsigned char *raw = (unsigned char *)&arr[1]; OUT(raw[1]); OUT(raw[5]); OUT(raw[7]);
    arr[2].i += arr[1].i; arr[2].ll /= 16; OUT(arr[2].i); OUT64(arr[2].ll);
    struct outer o = { 'x', { 'y', -1, 7, -2 } }; OUT(o.p.i); OUT64(o.p.ll); OUT(o.p.c);
    struct mixed m = { 1, { 2, 0x7fff0001 }, 3 }; OUT(m.in.c); OUT(m.d);
    return 0;
}
