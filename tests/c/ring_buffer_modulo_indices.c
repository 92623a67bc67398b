/* A fixed-size ring buffer of non-power-of-two capacity using modulo arithmetic on indices:
 * push/pop with wrap-around, overwrite-oldest mode, peeking at logical positions, and the
 * counts after interleaved operations. */
#include "check.h"
#define CAP 7
struct ring { int data[CAP]; int head, count; };
static int push(struct ring *r, int v, int overwrite)
{
    if (r->count == CAP) { if (!overwrite) return 0; r->head = (r->head + 1) % CAP; r->count--; }
    r->data[(r->head + r->count) % CAP] = v; r->count++; return 1;
}
static int pop(struct ring *r, int *v) { if (!r->count) return 0; *v = r->data[r->head]; r->head = (r->head + 1) % CAP; r->count--; return 1; }
static int peek(const struct ring *r, int i) { return r->data[(r->head + i) % CAP]; }
int main(void)
{
    struct ring r = { { 0 }, 0, 0 }; int v, ok = 0;
    for (int i = 1; i <= 10; i++) ok += push(&r, i * i, 0);
    OUT(ok); OUT(r.count);
    for (int i = 0; i < 3; i++) { pop(&r, &v); OUT(v); }
    for (int i = 0; i < 5; i++) push(&r, -i, 1);
    OUT(r.count); OUT(r.head); for (int i = 0; i < r.count; i++) OUT(peek(&r, i));
    int s = 0; while (pop(&r, &v)) s = s * 3 + v; OUT(s); OUT(pop(&r, &v));
    return 0;
}
