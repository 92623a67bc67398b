/* Hashes computed bit by bit and byte by byte: CRC-16/CCITT (table built at run time),
 * CRC-8, FNV-1a 64-bit and a 32-bit multiplicative mixer. */
#include "check.h"
static unsigned short crc_table[256];
static void build(void)
{
    for (unsigned i = 0; i < 256; i++) {
        unsigned short c = (unsigned short)(i << 8);
        for (int k = 0; k < 8; k++) c = (unsigned short)(c & 0x8000 ? (c << 1) ^ 0x1021 : c << 1);
        crc_table[i] = c;
    }
}
static unsigned short crc16(const unsigned char *p, int n)
{
    unsigned short c = 0xFFFF;
    while (n--) c = (unsigned short)((c << 8) ^ crc_table[((c >> 8) ^ *p++) & 0xFF]);
    return c;
}
static unsigned char crc8(const unsigned char *p, int n)
{
    unsigned char c = 0;
    while (n--) { c ^= *p++; for (int k = 0; k < 8; k++) c = (unsigned char)(c & 0x80 ? (c << 1) ^ 0x07 : c << 1); }
    return c;
}
static unsigned long long fnv64(const unsigned char *p, int n)
{
    unsigned long long h = 0xCBF29CE484222325ULL;
    while (n--) { h ^= *p++; h *= 0x100000001B3ULL; }
    return h;
}
static unsigned mix(unsigned x) { x ^= x >> 16; x *= 0x7FEB352Du; x ^= x >> 15; x *= 0x846CA68Bu; x ^= x >> 16; return x; }
int main(void)
{
    build();
    static const unsigned char msg[] = "123456789";
    OUT(crc16(msg, 9)); OUT(crc8(msg, 9)); OUT64(fnv64(msg, 9)); OUT64(fnv64(msg, 0));
    unsigned char buf[64]; for (int i = 0; i < 64; i++) buf[i] = (unsigned char)(i * 37 + 11);
    OUT(crc16(buf, 64)); OUT(crc8(buf, 64)); OUT64(fnv64(buf, 64));
    unsigned h = 0; for (unsigned i = 0; i < 20; i++) h += mix(i); OUT(h); OUT(mix(0xDEADBEEFu));
    return 0;
}
