#include "check.h"
volatile int vcount;
volatile unsigned char vflag;
volatile long long vacc;
volatile short vbuf[8];
static void tick(void) { vcount++; if ((vcount & 3) == 0) vflag = !vflag; }
int main(void)
{
    for (int i = 0; i < 50; i++) tick();
    OUT(vcount); OUT(vflag);
    vacc = 0;
    for (int i = 0; i < 100; i++) { vacc += i; vacc -= (i & 1); vacc <<= (i == 50); }
    OUT64(vacc);
    int spins = 0; vcount = 0;
    while (vcount < 10) { vcount = vcount + 1; spins++; }
    OUT(spins);
    for (int i = 0; i < 8; i++) vbuf[i] = (short)(i * -4000);
    int s = 0; for (int i = 0; i < 8; i++) { s += vbuf[i]; s += vbuf[i]; }
    OUT(s);
    vbuf[3] += 7; vbuf[3] *= 3; OUT(vbuf[3]);
    volatile int local = 5; local++; local = local * local; OUT(local);
    return 0;
}
