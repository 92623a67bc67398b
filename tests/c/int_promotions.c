#include "check.h"
int main(void)
{
    unsigned char a = 200, b = 100;
    signed char c = -100;
    unsigned short s = 65535;
    OUT(a + b);                 /* promoted to int: 300 */
    OUT((unsigned char)(a + b));
    OUT(c * 3);
    OUT(s * s);                 /* int overflow avoided: unsigned result */
    OUT(-1 < 0u);               /* usual arithmetic conversions */
    OUT((signed char)a);
    OUT(~a);
    OUT(c >> 2);
    return 0;
}
