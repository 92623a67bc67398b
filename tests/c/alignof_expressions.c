/* _Alignof and __alignof__ of types and (GNU) of expressions: variables, members, arrays,
 * struct values, used in constant expressions too. */
#include "check.h"

struct s { char c; double d; };
struct t { short h; char tag[3]; };
enum { ALIGN_OF_S = _Alignof(struct s), ALIGN_OF_T = __alignof__(struct t) };

int main(void)
{
    int i = 0;
    double d = 0;
    struct s v = {0};
    char c[3] = {0};
    long long ll = 0;
    OUT(_Alignof(int));
    OUT(__alignof__(double));
    OUT(_Alignof(i));
    OUT(__alignof__(d));
    OUT(__alignof__ (v));
    OUT(_Alignof(c));
    OUT(__alignof__(v.c));
    OUT(__alignof__(v.d));
    OUT(_Alignof(ll + i));
    OUT(_Alignof(c[0] + 1));
    OUT(ALIGN_OF_S * 10 + ALIGN_OF_T);
    OUT(sizeof(struct t) + _Alignof(struct t) * 100);
    return 0;
}
