/* Volatile objects: every read and write happens (reads counted through a volatile
 * pointer), a loop with a volatile counter is not folded, and volatile struct members. */
#include "check.h"
struct regs { volatile unsigned status; volatile unsigned data; };
static struct regs dev;
int main(void)
{
    volatile int v = 0;
    for (int i = 0; i < 10; i++) v = v + i;
    OUT(v);
    volatile int *p = &v; *p = 3; *p += 4; OUT(*p);
    dev.status = 1; dev.data = 0;
    for (int i = 0; i < 5; i++) { dev.data = dev.data * 2 + dev.status; dev.status ^= 1; }
    OUT(dev.data); OUT(dev.status);
    volatile unsigned long long w = 0xFFFFFFFFULL; w++; OUT64(w);
    volatile char buf[4] = {1, 2, 3, 4}; int s = 0; for (int i = 0; i < 4; i++) s = s * 10 + buf[i]; OUT(s);
    return 0;
}
