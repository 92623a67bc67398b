/* Conversions from float and double to char, signed char, unsigned char, short, unsigned short,
 * int and unsigned: truncation toward zero for in-range values, negatives, and values just
 * below the type's limits. */
#include "check.h"
static volatile float fv[] = { 0.0f, -0.0f, 0.99f, -0.99f, 1.5f, -1.5f, 126.9f, -127.9f, 100.25f, -100.75f };
static volatile double dv[] = { 2.5, -2.5, 32767.99, -32768.99, 65535.5, 2147483647.9, -2147483648.9,
                                4294967295.5, 1e9 + 0.5, -1e9 - 0.5 };
int main(void)
{
    for (unsigned i = 0; i < sizeof fv / sizeof fv[0]; i++) {
        float f = fv[i];
        OUT((char)f); OUT((signed char)f); OUT((short)f); OUT((int)f);
        if (f > -1.0f) OUT((unsigned char)f), OUT((unsigned short)f), OUT((unsigned)f);
    }
    for (unsigned i = 0; i < sizeof dv / sizeof dv[0]; i++) {
        double d = dv[i];
        if (d > -32769.0 && d < 32768.0) OUT((short)d);
        if (d > -1.0 && d < 65536.0) OUT((unsigned short)d);
        if (d > -2147483649.0 && d < 2147483648.0) OUT((int)d);
        if (d > -1.0 && d < 4294967296.0) OUT((unsigned)d);
    }
    float big = 3e9f; volatile float *pb = &big; OUT((unsigned)*pb);
    double ud = 4294967040.0; OUT((unsigned)ud); OUT((unsigned)(float)ud);
    int i = (int)(float)16777217; OUT(i);
    return 0;
}
