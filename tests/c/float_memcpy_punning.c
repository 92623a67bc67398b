/* Bit punning with memcpy: float and double to and from integers of the same size, byte-wise
 * access to the encoding, and copying floats through char buffers and misaligned offsets. */
#include "check.h"
#include <string.h>
#include <stdint.h>
static uint32_t fbits(float f) { uint32_t u; memcpy(&u, &f, sizeof u); return u; }
static float ffrom(uint32_t u) { float f; memcpy(&f, &u, sizeof f); return f; }
static uint64_t dbits(double d) { uint64_t u; memcpy(&u, &d, sizeof u); return u; }
static double dfrom(uint64_t u) { double d; memcpy(&d, &u, sizeof d); return d; }
static volatile double vd = 3.0;
int main(void)
{
    OUT(fbits(1.0f)); OUT(fbits(-0.0f)); OUT(fbits(0.15625f)); OUT(fbits((float)vd / 7));
    OUT64(dbits(vd)); OUT64(dbits(vd / 7)); OUT64(dbits(-vd * 1e200));
    OUT((int)ffrom(0x41200000u)); OUT((int)(ffrom(0x3e800000u) * 100)); OUT((int)dfrom(0x4059000000000000ULL));
    OUT(dfrom(dbits(vd / 7)) == vd / 7);
    unsigned char buf[19] = { 0 }; double x = vd / 3 + 0.5; float y = (float)vd * 0.3f;
    memcpy(buf + 1, &x, 8); memcpy(buf + 10, &y, 4);
    for (int i = 1; i < 14; i++) OUT(buf[i]);
    double x2; float y2; memcpy(&x2, buf + 1, 8); memcpy(&y2, buf + 10, 4);
    OUT(x2 == x); OUT(y2 == y); OUT64(dbits(x2)); OUT(fbits(y2));
    float arr[3] = { 1.0f, 2.0f, 3.0f }; uint32_t ua[3]; memcpy(ua, arr, sizeof arr);
    OUT(ua[0]); OUT(ua[1]); OUT(ua[2]);
    double darr[2]; uint64_t src[2] = { 0x3ff8000000000000ULL, 0xc000000000000000ULL }; memcpy(darr, src, 16);
    OUT((int)(darr[0] * darr[1]));
    return 0;
}
