#include "check.h"
#include <stddef.h>
struct a { char c; int i; };
struct b { char c; long long l; char d; };
struct c { short s; char t[3]; };
struct d { char x; struct c y; };
union e { char c[5]; int i; };
struct f { int i; char c; } __attribute__((packed));
int main(void)
{
    OUT(sizeof(char)); OUT(sizeof(short)); OUT(sizeof(int)); OUT(sizeof(long)); OUT(sizeof(long long));
    OUT(_Alignof(char)); OUT(_Alignof(short)); OUT(_Alignof(int)); OUT(_Alignof(long long));
    OUT(sizeof(struct a)); OUT(_Alignof(struct a)); OUT(sizeof(struct b)); OUT(_Alignof(struct b));
    OUT(sizeof(struct c)); OUT(_Alignof(struct c)); OUT(sizeof(struct d)); OUT(sizeof(union e));
    OUT(_Alignof(union e)); OUT(sizeof(struct f));
    OUT(offsetof(struct b, l)); OUT(offsetof(struct b, d)); OUT(offsetof(struct d, y.t[1]));
    int arr[7]; OUT(sizeof arr); OUT(sizeof arr[0]); OUT(sizeof(arr) / sizeof(*arr));
    OUT(sizeof(int[3][4])); OUT(sizeof(struct b[3]));
    char x = 0; OUT(sizeof x); OUT(sizeof(x + 0)); OUT(sizeof(x++)); OUT(x);
    OUT(sizeof "hello"); OUT(sizeof 'a'); OUT(sizeof 1LL); OUT(sizeof 1u);
    short sarr[5]; OUT(sizeof sarr / sizeof sarr[0]); OUT(_Alignof(short[5]));
    return 0;
}
