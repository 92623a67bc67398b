/* volatile on struct members and whole structs: each access to a volatile member happens
 * (repeated reads in an expression, writes in a loop), a pointer to a volatile struct,
 * volatile bit-fields, and copying a volatile struct member by member. */
#include "check.h"
struct dev { volatile int status; int data; volatile unsigned flags : 4; unsigned rest : 28; };
static struct dev d0;
static volatile struct dev d1;
int main(void)
{
    for (int i = 0; i < 5; i++) { d0.status += i; d0.data = d0.status * 2; }
    OUT(d0.status); OUT(d0.data);
    d0.flags = 9; d0.flags++; OUT(d0.flags); d0.rest = 12345; OUT(d0.rest); OUT(d0.flags);
    volatile struct dev *p = &d1;
    p->status = 3; p->data = p->status + p->status; OUT(p->data); p->flags = 15; p->flags += 2; OUT(p->flags);
    int x = d1.status * d1.status; OUT(x);
    struct dev copy; copy.status = d1.status; copy.data = d1.data; copy.flags = d1.flags; OUT(copy.status + copy.data + copy.flags);
    volatile int arr[4]; for (int i = 0; i < 4; i++) arr[i] = i * 3; int s = 0; for (int i = 0; i < 4; i++) s += arr[i]; OUT(s);
    return 0;
}
