#include "check.h"
typedef int q16;
#define Q(x) ((q16)((x) * 65536))
static q16 qmul(q16 a, q16 b) { return (q16)(((long long)a * b) >> 16); }
static q16 qdiv(q16 a, q16 b) { return (q16)(((long long)a * 65536) / b); }
static q16 qsqrt(q16 a) { if (a <= 0) return 0; q16 x = a > Q(1) ? a / 2 : Q(1); for (int i = 0; i < 20; i++) x = (x + qdiv(a, x)) / 2; return x; }
static short q15mul(short a, short b) { int p = (int)a * b; p = (p + (1 << 14)) >> 15; if (p > 32767) p = 32767; if (p < -32768) p = -32768; return (short)p; }
int main(void)
{
    q16 vals[] = {Q(1), Q(2), -Q(3), Q(1) / 3, Q(100), -Q(1) / 7, 12345, -Q(1) / 2};
    for (int i = 0; i < 8; i++)
        for (int j = 0; j < 8; j++) {
            OUT(qmul(vals[i], vals[j]));
            if (vals[j]) OUT(qdiv(vals[i], vals[j]));
        }
    for (int i = 0; i < 8; i++) OUT(qsqrt(vals[i] < 0 ? -vals[i] : vals[i]));
    /* integrate: exp approx via Euler steps */
    q16 y = Q(1), h = Q(1) / 64;
    for (int i = 0; i < 64; i++) y += qmul(y, h);
    OUT(y);
    /* sine via rotation */
    q16 c = Q(1), s = 0, eps = Q(1) / 100;
    for (int i = 0; i < 157; i++) { c -= qmul(s, eps); s += qmul(c, eps); }
    OUT(c); OUT(s);
    short qa[] = {32767, -32768, 16384, -16384, 1, 0, 12345};
    for (int i = 0; i < 7; i++) for (int j = 0; j < 7; j++) OUT(q15mul(qa[i], qa[j]));
    return 0;
}
