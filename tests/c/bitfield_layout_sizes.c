/* Bit-field layout as gcc lays it out: fields packed in declaration order from the low bit,
 * a field that would straddle its unit starting a new one, :0 closing a unit, and the
 * resulting sizes and raw bytes seen through memcpy. */
#include "check.h"
#include <string.h>
struct a { unsigned x : 3, y : 5, z : 8; };
struct b { unsigned x : 30; unsigned y : 4; };
struct c { unsigned char p : 3; unsigned char q : 6; };
struct d { unsigned x : 4; unsigned : 0; unsigned y : 4; };
struct e { char c; unsigned v : 12; };
struct f { unsigned short s : 9; unsigned short t : 9; };
int main(void)
{
    OUT(sizeof(struct a)); OUT(sizeof(struct b)); OUT(sizeof(struct c)); OUT(sizeof(struct d));
    OUT(sizeof(struct e)); OUT(sizeof(struct f));
    struct a va = {5, 17, 200}; unsigned ra = 0; memcpy(&ra, &va, sizeof va); OUT(ra & 0xFFFF);
    struct b vb = {0x3FFFFFFF, 9}; unsigned rb[2] = {0}; memcpy(rb, &vb, sizeof vb);
    OUT(rb[0]); OUT(rb[1]);
    struct c vc = {6, 33}; unsigned char rc[2]; memcpy(rc, &vc, 2); OUT(rc[0]); OUT(rc[1]);
    struct d vd = {9, 10}; unsigned rd[2]; memcpy(rd, &vd, sizeof vd); OUT(rd[0]); OUT(rd[1]);
    struct e ve; memset(&ve, 0, sizeof ve); ve.c = 'x'; ve.v = 0xABC;
    unsigned char re[sizeof ve]; memcpy(re, &ve, sizeof ve);
    for (unsigned i = 0; i < sizeof ve; i++) OUT(re[i]);
    struct f vf = {300, 511}; unsigned short rf[2]; memcpy(rf, &vf, 4); OUT(rf[0]); OUT(rf[1]);
    return 0;
}
