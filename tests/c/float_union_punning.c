/* Bit punning through unions: float <-> uint32_t and double <-> uint64_t both ways, building
 * values from sign/exponent/mantissa fields, the two 32-bit halves of a double (little-endian
 * on both machines), and next-float steps by incrementing the integer view. */
#include "check.h"
#include <stdint.h>
union fu { float f; uint32_t u; int32_t i; };
union du { double d; uint64_t u; uint32_t w[2]; unsigned char b[8]; };
static volatile float vf = 1.0f;
int main(void)
{
    union fu a; a.f = -2.5f; OUT(a.u); OUT(a.u >> 31); OUT((a.u >> 23) & 0xff); OUT(a.u & 0x7fffff);
    a.u = 0x3f800000u | (1u << 22); OUT((int)(a.f * 4)); a.u = (127u + 10) << 23; OUT((int)a.f);
    a.u = 0x7f7fffff; OUT((int)(a.f / 1e38f)); a.u = 1; OUT(a.f > 0); OUT(a.f * 2 > a.f);
    a.f = vf; a.u++; OUT(a.u); OUT(a.f > 1.0f); OUT((a.f - 1.0f) * 8388608.0f == 1.0f);
    a.f = vf; a.u--; OUT((1.0f - a.f) * 16777216.0f == 1.0f);
    a.i = -1; OUT(a.f != a.f);
    union du d; d.d = 1.0; OUT(d.w[0]); OUT(d.w[1]); OUT(d.b[7]); OUT(d.b[6]);
    d.d = -0.1; OUT64(d.u); OUT(d.w[1] >> 20);
    d.u = 0x4009000000000000ULL; OUT((int)(d.d * 100));
    d.w[0] = 1; OUT((d.d - 3.125) * 0x1p51 == 1.0);
    d.u = 0x7ff0000000000000ULL; OUT(d.d > 1e308); d.u |= 1; OUT(d.d != d.d);
    for (int e = 0; e < 5; e++) { union du p; p.u = (uint64_t)(1023 + e * 3) << 52; OUT((int)p.d); }
    union fu s; s.f = (float)(d.d = 0.1); OUT(s.u); OUT64(d.u);
    return 0;
}
