/* float (binary32) + - * / and unary minus on run-time values (through volatile), checked
 * bit for bit: exact results, rounded results, sign of zero results, and overflow to inf. */
#include "check.h"
static unsigned fb(float f) { union { float f; unsigned u; } v = { f }; return v.u; }
static volatile float in[] = { 1.5f, -2.25f, 3.0f, 0.1f, 1e30f, -7.0f, 0.0f, 1.0f / 3.0f };
int main(void)
{
    int n = sizeof in / sizeof in[0];
    for (int i = 0; i < n; i++)
        for (int j = 0; j < n; j++) {
            float a = in[i], b = in[j];
            OUT(fb(a + b)); OUT(fb(a - b)); OUT(fb(a * b));
            if (b != 0.0f) OUT(fb(a / b));
        }
    for (int i = 0; i < n; i++) { float a = in[i]; OUT(fb(-a)); OUT(fb(-(-a))); OUT(fb(0.0f - a)); }
    float x = in[3];
    OUT(fb(x + x + x)); OUT(fb(x * 3.0f)); OUT(fb((x + x) + x - x * 3.0f));
    return 0;
}
