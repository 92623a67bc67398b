#include "check.h"
volatile short sa = -30000, sb = 25000;
volatile unsigned short ua = 60000, ub = 7;
int main(void)
{
    OUT(sa + sb); OUT(sa - sb); OUT(sa * sb); OUT(sa / sb); OUT(sa % 7); OUT((short)(sa - sb));
    OUT(ua + ub); OUT(ua * ub); OUT(ua / ub); OUT(ua % ub); OUT((unsigned short)(ua * ub));
    OUT(sa < ua); OUT(sa < sb); OUT(ua > sb); OUT(-ua); OUT(~ub); OUT(ua >> 3); OUT(sa >> 3);
    OUT((unsigned)sa << 2); OUT((short)((unsigned)sa << 2)); OUT((unsigned)ua << 16);
    short arr[6] = {-1, 2, -3, 4, -5, 32767}; int s = 0; for (int i = 0; i < 6; i++) s += arr[i]; OUT(s);
    unsigned short h = 0; for (int i = 0; i < 50; i++) h = h * 31 + i; OUT(h);
    return 0;
}
