#include "check.h"
#define CAP 64
struct slot { unsigned key; int val; unsigned char state; }; /* 0 empty, 1 used, 2 deleted */
static struct slot tab[CAP];
static int probes;
static unsigned h1(unsigned k) { k ^= k >> 16; k *= 0x45d9f3bu; k ^= k >> 16; return k; }
static int put(unsigned k, int v) {
    unsigned i = h1(k) & (CAP - 1); int tomb = -1;
    for (int n = 0; n < CAP; n++, i = (i + 1) & (CAP - 1)) {
        probes++;
        if (tab[i].state == 0) { if (tomb >= 0) i = (unsigned)tomb; tab[i].key = k; tab[i].val = v; tab[i].state = 1; return 1; }
        if (tab[i].state == 2) { if (tomb < 0) tomb = (int)i; continue; }
        if (tab[i].key == k) { tab[i].val = v; return 0; }
    }
    if (tomb >= 0) { tab[tomb].key = k; tab[tomb].val = v; tab[tomb].state = 1; return 1; }
    return -1;
}
static struct slot *get(unsigned k) {
    unsigned i = h1(k) & (CAP - 1);
    for (int n = 0; n < CAP; n++, i = (i + 1) & (CAP - 1)) {
        probes++;
        if (tab[i].state == 0) return 0;
        if (tab[i].state == 1 && tab[i].key == k) return &tab[i];
    }
    return 0;
}
static int del(unsigned k) { struct slot *s = get(k); if (!s) return 0; s->state = 2; return 1; }
int main(void)
{
    int added = 0;
    for (unsigned k = 0; k < 40; k++) added += put(k * 7919u, (int)k * 3 - 50);
    OUT(added); OUT(probes);
    for (unsigned k = 0; k < 40; k += 3) added -= del(k * 7919u);
    OUT(added); OUT(del(5));
    int sum = 0, miss = 0;
    for (unsigned k = 0; k < 50; k++) { struct slot *s = get(k * 7919u); if (s) sum += s->val; else miss++; }
    OUT(sum); OUT(miss);
    for (unsigned k = 100; k < 120; k++) OUT(put(k * 31u, (int)k));
    OUT(put(7919u, 999)); OUT(get(7919u)->val);
    int used = 0, dead = 0; for (int i = 0; i < CAP; i++) { used += tab[i].state == 1; dead += tab[i].state == 2; }
    OUT(used); OUT(dead); OUT(probes);
    unsigned chk = 0; for (int i = 0; i < CAP; i++) if (tab[i].state == 1) chk = chk * 31 + tab[i].key + (unsigned)tab[i].val * (unsigned)i;
    OUT(chk);
    return 0;
}
