/* Duff's device: a switch jumping into the middle of a do-while loop to unroll a copy by
 * eight, for every count 0..20 and start offsets; also a checksum computed the same way. */
#include "check.h"
static void duff_copy(short *to, const short *from, int count)
{
    if (count <= 0) return;
    int n = (count + 7) / 8;
    switch (count % 8) {
    case 0: do { *to++ = *from++;
    case 7:      *to++ = *from++;
    case 6:      *to++ = *from++;
    case 5:      *to++ = *from++;
    case 4:      *to++ = *from++;
    case 3:      *to++ = *from++;
    case 2:      *to++ = *from++;
    case 1:      *to++ = *from++;
            } while (--n > 0);
    }
}
static unsigned duff_sum(const unsigned char *p, int count)
{
    unsigned s = 0; int n = (count + 3) / 4;
    if (count == 0) return 0;
    switch (count % 4) { case 0: do { s = s * 31 + *p++; case 3: s = s * 31 + *p++; case 2: s = s * 31 + *p++; case 1: s = s * 31 + *p++; } while (--n > 0); }
    return s;
}
int main(void)
{
    short src[24], dst[24];
    for (int i = 0; i < 24; i++) src[i] = (short)(i * 37 - 100);
    for (int c = 0; c <= 20; c++) {
        for (int i = 0; i < 24; i++) dst[i] = -1;
        duff_copy(dst + 1, src + 2, c);
        unsigned h = 0; for (int i = 0; i < 24; i++) h = h * 7 + (unsigned)dst[i]; OUT(h);
    }
    const unsigned char bytes[] = "the quick brown fox";
    for (int c = 0; c < 19; c += 3) OUT(duff_sum(bytes, c));
    return 0;
}
