/* Flexible array members: a header struct whose trailing array lives in a bigger buffer,
 * sizeof ignoring the array, offsetof of it, and iterating variable-length records. */
#include "check.h"
#include <stddef.h>
struct rec { unsigned short len; unsigned short kind; int vals[]; };
static int buf[64];
int main(void)
{
    OUT(sizeof(struct rec)); OUT(offsetof(struct rec, vals));
    char *p = (char *)buf;
    for (int k = 0; k < 5; k++) {
        struct rec *r = (struct rec *)p;
        r->len = (unsigned short)(k + 1); r->kind = (unsigned short)(k * 7);
        for (int i = 0; i < r->len; i++) r->vals[i] = k * 10 + i;
        p += sizeof(struct rec) + r->len * sizeof(int);
    }
    p = (char *)buf; int total = 0;
    for (int k = 0; k < 5; k++) {
        struct rec *r = (struct rec *)p;
        int s = 0; for (int i = 0; i < r->len; i++) s += r->vals[i];
        OUT(s); OUT(r->kind); total += s;
        p += sizeof(struct rec) + r->len * sizeof(int);
    }
    OUT(total); OUT((int)(p - (char *)buf));
    return 0;
}
