#include "check.h"
union reg {
    unsigned int raw;
    struct { unsigned int lo : 8, mid : 12, hi : 12; } f;
    struct { unsigned int b0 : 1, b1 : 1, rest : 30; } bits;
    unsigned char bytes[4];
};
union sreg { unsigned short raw; struct { signed int a : 5; unsigned int b : 11; } f; };
int main(void)
{
    union reg r;
    r.raw = 0x12345678u;
    OUT(r.f.lo); OUT(r.f.mid); OUT(r.f.hi); OUT(r.bits.b0); OUT(r.bits.b1); OUT(r.bits.rest);
    OUT(r.bytes[0]); OUT(r.bytes[3]);
    r.f.mid = 0xabc; OUT(r.raw);
    r.f.hi += 0xfff; OUT(r.raw); OUT(r.f.hi);
    r.bits.b0 ^= 1; OUT(r.raw);
    r.bytes[1] = 0xee; OUT(r.f.lo); OUT(r.f.mid);
    union sreg s;
    for (int i = 0; i < 40; i += 3) {
        s.raw = (unsigned short)(i * 2749);
        OUT(s.f.a); OUT(s.f.b);
        s.f.a = i - 16; OUT(s.raw); OUT(s.f.a);
    }
    union reg t = {.raw = 0};
    for (int i = 0; i < 20; i++) { t.f.lo += 37; t.f.mid -= 99; t.f.hi ^= i * 211; }
    OUT(t.raw);
    OUT(sizeof(union reg)); OUT(sizeof(union sreg));
    return 0;
}
