#include "check.h"
#define RB 8
struct ring { unsigned short buf[RB]; unsigned head, tail; };
static int push(struct ring *r, unsigned short v) { if (r->head - r->tail == RB) return 0; r->buf[r->head++ % RB] = v; return 1; }
static int pop(struct ring *r, unsigned short *v) { if (r->head == r->tail) return 0; *v = r->buf[r->tail++ % RB]; return 1; }
int main(void)
{
    struct ring r = {{0}, 0xfffffff0u, 0xfffffff0u};   /* indices wrap during the test */
    unsigned sum = 0; int fails = 0, pops = 0;
    for (int i = 0; i < 200; i++) {
        if ((i * 7) % 5 < 3) fails += !push(&r, (unsigned short)(i * 1000));
        else { unsigned short v; if (pop(&r, &v)) { sum = sum * 7 + v; pops++; } }
    }
    OUT(sum); OUT(fails); OUT(pops); OUT(r.head - r.tail); OUT(r.head); OUT(r.tail);
    unsigned short v; int drained = 0; while (pop(&r, &v)) { drained++; sum += v; }
    OUT(drained); OUT(sum);
    /* array queue for BFS on implicit graph: reach 1..99 from 1 using *2 and +3 */
    unsigned char dist[100]; int q[100], qh = 0, qt = 0;
    for (int i = 0; i < 100; i++) dist[i] = 255;
    dist[1] = 0; q[qt++] = 1;
    while (qh < qt) { int u = q[qh++]; int nb[2] = {u * 2, u + 3}; for (int k = 0; k < 2; k++) if (nb[k] < 100 && dist[nb[k]] == 255) { dist[nb[k]] = dist[u] + 1; q[qt++] = nb[k]; } }
    unsigned dh = 0; for (int i = 0; i < 100; i++) dh = dh * 5 + dist[i]; OUT(dh); OUT(qt); OUT(dist[97]);
    return 0;
}
