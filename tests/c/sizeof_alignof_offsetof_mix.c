/* sizeof, _Alignof and offsetof on padded structs, arrays of them, nested unions,
 * _Alignas raising alignment (locals up to the DPU stack's 8), and sizeof of expressions (not evaluated). */
#include "check.h"
#include <stddef.h>
struct a { char c; int i; char d; };
struct b { char c; long long l; short s; };
struct c { short s; union { char x; int y; } u; char t[3]; };
struct d { char c; _Alignas(8) int i; };
int main(void)
{
    OUT(sizeof(struct a)); OUT(_Alignof(struct a)); OUT(offsetof(struct a, d));
    OUT(sizeof(struct b)); OUT(_Alignof(struct b)); OUT(offsetof(struct b, s));
    OUT(sizeof(struct c)); OUT(offsetof(struct c, u)); OUT(offsetof(struct c, t));
    OUT(sizeof(struct d)); OUT(offsetof(struct d, i)); OUT(_Alignof(struct d));
    struct b arr[3]; OUT(sizeof arr); OUT((char *)&arr[2] - (char *)&arr[0]);
    int n = 0; OUT(sizeof(n++)); OUT(n); OUT(sizeof(char[7][3])); OUT(sizeof(short) * 3);
    _Alignas(8) char buf[5]; OUT(((unsigned)(size_t)buf & 7) == 0); OUT(sizeof buf);
    static _Alignas(16) char sbuf[3]; OUT(((unsigned)(size_t)sbuf & 15) == 0);
    _Alignas(long long) char lbuf[2]; OUT(((unsigned)(size_t)lbuf & 7) == 0);
    return 0;
}
