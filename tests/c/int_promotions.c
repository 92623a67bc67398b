#include "check.h"
int main(void)
{
    unsigned char a = 200, b = 100;
    signed char c = -100;
    unsigned short s = 65535;
    OUT(a + b);                 /* promoted to int: 300 */
    OUT((unsigned char)(a + b));
    OUT(c * 3);
    OUT(s * (unsigned)s);       /* unsigned: 65535 * 65535 would overflow int */
    OUT(-1 < 0u);               /* usual arithmetic conversions */
    OUT((signed char)a);
    OUT(~a);
    OUT(c >> 2);
    return 0;
}
