#include "check.h"
static const unsigned char msg[] = "123456789";
static unsigned char crc8(const unsigned char *p, int n) { unsigned char c = 0; while (n--) { c ^= *p++; for (int k = 0; k < 8; k++) c = (c & 0x80) ? (unsigned char)((c << 1) ^ 0x07) : (unsigned char)(c << 1); } return c; }
static unsigned short crc16_ccitt(const unsigned char *p, int n) { unsigned short c = 0xffff; while (n--) { c ^= (unsigned short)(*p++ << 8); for (int k = 0; k < 8; k++) c = (c & 0x8000) ? (unsigned short)((c << 1) ^ 0x1021) : (unsigned short)(c << 1); } return c; }
static unsigned short crc16_modbus(const unsigned char *p, int n) { unsigned short c = 0xffff; while (n--) { c ^= *p++; for (int k = 0; k < 8; k++) c = (c & 1) ? (c >> 1) ^ 0xa001 : c >> 1; } return c; }
static unsigned crc32c(const unsigned char *p, int n) { unsigned c = ~0u; while (n--) { c ^= *p++; for (int k = 0; k < 8; k++) c = (c >> 1) ^ (0x82f63b78u & (0u - (c & 1))); } return ~c; }
static unsigned crc32_mpeg(const unsigned char *p, int n) { unsigned c = ~0u; while (n--) { c ^= (unsigned)*p++ << 24; for (int k = 0; k < 8; k++) c = (c & 0x80000000u) ? (c << 1) ^ 0x04c11db7u : c << 1; } return c; }
static unsigned long long crc64_ecma(const unsigned char *p, int n) { unsigned long long c = 0; while (n--) { c ^= (unsigned long long)*p++ << 56; for (int k = 0; k < 8; k++) c = (c >> 63) ? (c << 1) ^ 0x42f0e1eba9ea3693ULL : c << 1; } return c; }
static unsigned adler32(const unsigned char *p, int n) { unsigned a = 1, b = 0; while (n--) { a = (a + *p++) % 65521; b = (b + a) % 65521; } return (b << 16) | a; }
static unsigned fnv1a(const unsigned char *p, int n) { unsigned h = 2166136261u; while (n--) { h ^= *p++; h *= 16777619u; } return h; }
static unsigned short fletcher16(const unsigned char *p, int n) { unsigned short s1 = 0, s2 = 0; while (n--) { s1 = (s1 + *p++) % 255; s2 = (s2 + s1) % 255; } return (unsigned short)((s2 << 8) | s1); }
int main(void)
{
    OUT(crc8(msg, 9)); OUT(crc16_ccitt(msg, 9)); OUT(crc16_modbus(msg, 9)); OUT(crc32c(msg, 9));
    OUT(crc32_mpeg(msg, 9)); OUT64(crc64_ecma(msg, 9)); OUT(adler32(msg, 9)); OUT(fnv1a(msg, 9)); OUT(fletcher16(msg, 9));
    unsigned char buf[64];
    for (int i = 0; i < 64; i++) buf[i] = (unsigned char)(i * 37 + 11);
    for (int n = 0; n <= 64; n += 16) {
        OUT(crc8(buf, n)); OUT(crc16_ccitt(buf, n)); OUT(crc16_modbus(buf, n)); OUT(crc32c(buf, n));
        OUT(crc32_mpeg(buf, n)); OUT64(crc64_ecma(buf, n)); OUT(adler32(buf, n)); OUT(fnv1a(buf, n)); OUT(fletcher16(buf, n));
    }
    return 0;
}
