/* GNU case ranges: `case lo ... hi:` mixed with single cases, default, fallthrough, negative
 * and unsigned bounds, 64-bit controlling values, and a range too wide to be a table. */
#include "check.h"

static int classify(int c)
{
    switch (c) {
    case '0' ... '9': return 1;
    case 'a' ... 'f': case 'A' ... 'F': return 2;
    case 'g' ... 'z': return 3;
    case '_': return 4;
    case -100 ... -1: return 5;
    case 1000 ... 1000000000: return 6;
    default: return 0;
    }
}

static int fall(unsigned v)
{
    int r = 0;
    switch (v) {
    case 0 ... 2: r += 1;
    case 3: r += 10;
    case 4 ... 6: r += 100; break;
    case 0xFFFFFFF0u ... 0xFFFFFFFFu: r = -1; break;
    default: r = 7;
    }
    return r;
}

static int wide(long long v)
{
    switch (v) {
    case -5000000000LL ... -4000000000LL: return 1;
    case 0 ... 3: return 2;
    case 4000000000LL ... 5000000000LL: return 3;
    }
    return 0;
}

static int bytes(unsigned char b)
{
    switch (b) {
    case 0x80 ... 0xFF: return 1;
    case 0x20 ... 0x7E: return 2;
    }
    return 3;
}

int main(void)
{
    static const int probe[] = {'0', '5', '9', '/', ':', 'a', 'f', 'g', 'z', 'A', 'F', 'G',
                                '_', -1, -100, -101, 0, 999, 1000, 123456, 1000000000,
                                1000000001};
    for (unsigned i = 0; i < sizeof probe / sizeof probe[0]; i++)
        OUT(classify(probe[i]));
    for (unsigned v = 0; v < 9; v++)
        OUT(fall(v));
    OUT(fall(0xFFFFFFEFu)); OUT(fall(0xFFFFFFF0u)); OUT(fall(0xFFFFFFFFu));
    OUT(wide(-4500000000LL)); OUT(wide(-3999999999LL)); OUT(wide(2)); OUT(wide(4));
    OUT(wide(4000000000LL)); OUT(wide(5000000001LL));
    int hist[4] = {0};
    for (int b = 0; b < 256; b++)
        hist[bytes((unsigned char)b)]++;
    OUT(hist[1]); OUT(hist[2]); OUT(hist[3]);
    return 0;
}
