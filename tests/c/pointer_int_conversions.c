#include "check.h"
#include <stdint.h>
static int arr[8];
int main(void)
{
    uintptr_t a = (uintptr_t)&arr[1], b = (uintptr_t)&arr[5];
    OUT(b - a); OUT((a & 3) == 0);
    int *p = (int *)(a + sizeof(int)); *p = 77; OUT(arr[2]);
    char *c = (char *)arr; OUT((int *)(c + 12) == &arr[3]);
    intptr_t d = (intptr_t)&arr[0] - (intptr_t)&arr[7]; OUT(d);
    void *v = &arr[4]; int *ip = v; OUT(ip - arr);
    OUT((char *)&arr[7] - (char *)&arr[0]); OUT(&arr[7] > &arr[0]); OUT(&arr[2] <= &arr[1]);
    const unsigned char *bp = (const unsigned char *)&arr[2]; OUT(bp[0]); OUT(bp[3]);
    return 0;
}
