/* Integer promotions of unsigned char / unsigned short: every operator works in int, so
 * sums exceed the narrow range, ~ and unary minus give negative ints, and only the store
 * back truncates. */
#include "check.h"
volatile unsigned char a = 200, b = 100;
volatile unsigned short x = 65535, y = 2;
int main(void)
{
    OUT(a + b); OUT(a * b); OUT(a - b - b - b); OUT(~a); OUT(-a); OUT(a << 8); OUT(a >> 1);
    OUT(x + y); OUT(x * y); OUT(~x); OUT(-x); OUT(x << 4); OUT((x * 255) / 65536);
    unsigned char c = a + b; unsigned short s = x + y;
    OUT(c); OUT(s);
    OUT(sizeof(a + b)); OUT(sizeof(+a)); OUT(sizeof(~x)); OUT(sizeof(a ? a : b));
    OUT((a + b) > 255); OUT((unsigned char)(a + b) > 255); OUT(~a > 0); OUT(-x < 0);
    c = a; c += b; OUT(c); c = a; c *= 2; OUT(c); s = x; s <<= 1; OUT(s); s = 3; s -= 5; OUT(s);
    OUT(a / 3 - b % 7); OUT((a ^ b) | (a & b));
    return 0;
}
