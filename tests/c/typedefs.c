#include "check.h"
typedef int myint;
typedef myint *intptr;
typedef unsigned long long u64;
typedef struct node { int v; struct node *next; } node_t;
typedef int arr5[5];
typedef int (*binop)(int, int);
typedef const char *cstr;
static int add(int a, int b) { return a + b; }
static int sub(int a, int b) { return a - b; }
int main(void)
{
    myint x = 5; intptr p = &x; *p += 2; OUT(x);
    u64 big = (u64)1 << 50; OUT64(big);
    node_t n3 = {3, 0}, n2 = {2, &n3}, n1 = {1, &n2};
    int s = 0; for (node_t *q = &n1; q; q = q->next) s = s * 10 + q->v; OUT(s);
    arr5 a = {1, 2, 3, 4, 5}; OUT(sizeof(arr5)); OUT(a[4]);
    binop ops[2] = {add, sub}; OUT(ops[0](3, 4)); OUT(ops[1](3, 4));
    cstr str = "typedef"; OUT(str[3]);
    { typedef short myint; myint y = -1; OUT(sizeof y); OUT(y); }
    OUT(sizeof(myint));
    return 0;
}
