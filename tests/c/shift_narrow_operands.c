/* Shifts of char and short operands: the left operand is promoted to int first (so an
 * unsigned char shifted by 8 keeps its bits), the result type is the promoted left type
 * regardless of the right operand's type, and shifts by long long or char amounts. */
#include "check.h"
static volatile unsigned char vuc = 0xab;
static volatile signed char vsc = -3;
static volatile unsigned short vus = 0xbeef;
int main(void)
{
    unsigned char uc = vuc; signed char sc = vsc; unsigned short us = vus;
    OUT(uc << 8); OUT(uc << 20); OUT((unsigned char)(uc << 4)); OUT(uc >> 3); OUT(sc >> 1); OUT(sc * 16); OUT(sc >> 7);
    OUT(us << 15); OUT(us >> 4); OUT((unsigned short)(us << 4)); OUT((unsigned)us << 16);
    long long n = 3; char k = 5; OUT(uc << n); OUT(us >> k); OUT(sizeof(uc << n)); OUT(sizeof(1 << n)); OUT(sizeof(1LL << k));
    OUT(_Generic(uc << 1LL, int: 1, default: 0)); OUT(_Generic(1u << k, unsigned: 1, default: 0));
    int x = 1; x <<= (char)3; OUT(x); unsigned char y = 0x81; y <<= 1; OUT(y); y >>= 1; OUT(y);
    return 0;
}
