/* _Alignas on local, static and global objects and on struct members (by a constant and by a
 * type), _Alignof on types and expressions, and the effect on struct size and member offsets;
 * object addresses are checked only modulo their alignment. */
#include "check.h"
#include <stddef.h>
#include <stdint.h>
struct s { char c; _Alignas(8) int i; _Alignas(long long) char d; short e; };
struct t { _Alignas(16) char buf[3]; };
_Alignas(32) static char g32[5];
_Alignas(16) int g16;
_Alignas(double) char gd[3];
int main(void)
{
    OUT(sizeof(struct s)); OUT(_Alignof(struct s)); OUT(offsetof(struct s, i)); OUT(offsetof(struct s, d)); OUT(offsetof(struct s, e));
    OUT(sizeof(struct t)); OUT(_Alignof(struct t));
    _Alignas(8) char local[3]; _Alignas(8) short sh = 3; _Alignas(int) char c = 1;
    OUT((uintptr_t)local % 8); OUT((uintptr_t)&sh % 8); OUT((uintptr_t)&c % 4);
    OUT((uintptr_t)g32 % 32); OUT((uintptr_t)&g16 % 16); OUT((uintptr_t)gd % 8);
    struct s arr[3]; OUT((uintptr_t)&arr[1].i % 8); OUT((uintptr_t)&arr[2] % 8);
    OUT(_Alignof(char)); OUT(_Alignof(short)); OUT(_Alignof(int)); OUT(_Alignof(long long)); OUT(_Alignof(double)); OUT(_Alignof(float));
    OUT(_Alignof(struct s[4]));
    local[0] = (char)sh; OUT(local[0] + c);
    return 0;
}
