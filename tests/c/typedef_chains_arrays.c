/* Typedef chains: typedefs of typedefs, typedefs of arrays and of pointers to arrays, a
 * typedef'd function type used to declare a function and pointers to it, qualifiers added
 * through a typedef (const on a pointer typedef qualifies the pointer), and sizeof of each. */
#include "check.h"
typedef int i32;
typedef i32 num;
typedef num vec3[3];
typedef vec3 mat3[3];
typedef vec3 *vec3p;
typedef const num cnum;
typedef char *str;
typedef num binop(num, num);
typedef binop *binop_p;
static binop addn;
static num addn(num a, num b) { return a + b; }
static num muln(num a, num b) { return a * b; }
static num trace(mat3 m) { return m[0][0] + m[1][1] + m[2][2]; }
int main(void)
{
    mat3 m = { { 1, 2, 3 }, { 4, 5, 6 }, { 7, 8, 9 } };
    OUT(sizeof(vec3)); OUT(sizeof(mat3)); OUT(sizeof m[1]); OUT(trace(m));
    vec3p p = &m[1]; OUT((*p)[2]); p++; OUT((*p)[0]);
    cnum k = 7; OUT(k * 2);
    char buf[] = "abc"; const str s = buf; s[0] = 'x'; OUT(buf[0]);
    binop_p ops[2] = { addn, muln }; OUT(ops[0](3, 4)); OUT(ops[1](3, 4));
    binop *q = muln; OUT(q(-2, 8)); OUT(sizeof(num)); OUT(_Generic((num)0, int: 1, default: 0));
    vec3 v = { 0 }; for (int i = 0; i < 3; i++) v[i] = ops[i % 2](i, 10); OUT(v[0] + v[1] + v[2]);
    return 0;
}
