/* Conversions from float and double to long long and unsigned long long: values past 2^32,
 * values at and above 2^63 for the unsigned type, negative values, truncation, and the
 * largest doubles below 2^63 and 2^64. */
#include "check.h"
static volatile double dv[] = { 0.5, -0.5, 4294967296.5, -4294967297.75, 1e15 + 0.25, -1e18,
                                9007199254740993.0, 9223372036854774784.0, -9223372036854775808.0,
                                123456789012.99 };
static volatile float fv[] = { 1e10f, -1e10f, 3.5f, -3.5f, 9.2233715e18f, 1.5e12f };
int main(void)
{
    for (unsigned i = 0; i < sizeof dv / sizeof dv[0]; i++) {
        double d = dv[i];
        OUT64((long long)d);
        if (d > -1.0) OUT64((unsigned long long)d);
    }
    for (unsigned i = 0; i < sizeof fv / sizeof fv[0]; i++) {
        float f = fv[i];
        OUT64((long long)f);
        if (f > -1.0f) OUT64((unsigned long long)f);
    }
    volatile double u1 = 9223372036854775808.0, u2 = 18446744073709549568.0, u3 = 1.5e19;
    OUT64((unsigned long long)u1); OUT64((unsigned long long)u2); OUT64((unsigned long long)u3);
    volatile float uf = 1.8446743e19f; OUT64((unsigned long long)uf);
    volatile float hf = 9.223372e18f; OUT64((unsigned long long)hf); OUT64((long long)(hf / 2));
    return 0;
}
