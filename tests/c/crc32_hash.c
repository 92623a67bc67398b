#include "check.h"
static unsigned crc32(const unsigned char *p, int n)
{
    unsigned crc = 0xffffffffu;
    while (n--) {
        crc ^= *p++;
        for (int k = 0; k < 8; k++) crc = (crc >> 1) ^ (0xedb88320u & -(crc & 1));
    }
    return ~crc;
}
static unsigned long long fnv1a64(const char *s)
{
    unsigned long long h = 0xcbf29ce484222325ULL;
    while (*s) { h ^= (unsigned char)*s++; h *= 0x100000001b3ULL; }
    return h;
}
static unsigned murmur_mix(unsigned h)
{
    h ^= h >> 16; h *= 0x85ebca6bu; h ^= h >> 13; h *= 0xc2b2ae35u; h ^= h >> 16;
    return h;
}
int main(void)
{
    const char *msg = "The quick brown fox jumps over the lazy dog";
    int n = 0; while (msg[n]) n++;
    OUT(crc32((const unsigned char *)msg, n));
    OUT(crc32((const unsigned char *)"123456789", 9));
    OUT64(fnv1a64(msg)); OUT64(fnv1a64(""));
    for (unsigned i = 0; i < 5; i++) OUT(murmur_mix(i * 0x9e3779b9u));
    return 0;
}
