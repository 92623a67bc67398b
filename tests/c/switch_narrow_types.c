#include "check.h"
static int sw_uchar(unsigned char c) { switch (c) { case 0: return 1; case 200: return 2; case 255: return 3; default: return 4; } }
static int sw_schar(signed char c) { switch (c) { case -128: return 1; case -1: return 2; case 127: return 3; default: return 4; } }
static int sw_short(short s) { switch (s) { case -32768: return 1; case 1000: return 2; case 1001: return 3; case 1002: return 4; case 1003: return 5; case 1004: return 6; default: return 7; } }
static int sw_ull(unsigned long long v)
{
    switch (v) { case 0: return 1; case 1: return 2; case 2: return 3; case 3: return 4; case 4: return 5;
                 case 5: return 6; case 0xffffffffffffffffULL: return 7; case 0x100000002ULL: return 8; }
    return 9;
}
int main(void)
{
    int c[] = {0, 200, 255, 1, -56, 456};
    for (int i = 0; i < 6; i++) OUT(sw_uchar((unsigned char)c[i]));
    int d[] = {-128, -1, 127, 128, 255, 0};
    for (int i = 0; i < 6; i++) OUT(sw_schar((signed char)d[i]));
    int e[] = {-32768, 1000, 1003, 1005, 999, 32768 + 1000};
    for (int i = 0; i < 6; i++) OUT(sw_short((short)e[i]));
    unsigned long long f[] = {0, 3, 5, 6, ~0ULL, 0x100000002ULL, 2, 0x100000000ULL};
    for (int i = 0; i < 8; i++) OUT(sw_ull(f[i]));
    return 0;
}
