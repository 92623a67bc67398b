#include "check.h"
int arr[20];
long long big[10];
struct s { int a; char b; short c; } ss[5];
int main(void)
{
    for (int i = 0; i < 20; i++) arr[i] = i * i;
    int *p = arr, *q = &arr[17];
    OUT(q - p); OUT(p - q); OUT(*(p + 5)); OUT(q[-3]); OUT(*(q - 1)); OUT(3[arr]);
    OUT(q > p); OUT(p >= q); OUT(p + 17 == q);
    p += 4; p++; ++p; OUT(*p); p--; OUT(*p--); OUT(*p);
    long long *b1 = big + 2, *b2 = &big[9];
    OUT(b2 - b1); OUT((char *)b2 - (char *)b1);
    OUT(&ss[4] - &ss[1]); OUT((char *)&ss[4] - (char *)&ss[1]);
    char *c = (char *)arr; OUT(*(int *)(c + 8));
    int *n = 0; OUT(n == 0); OUT(!n);
    void *v = arr + 3; OUT(*(int *)v);
    unsigned idx = 2; OUT(arr[idx + 1]); long li = -1; OUT(q[li]);
    return 0;
}
