/* The quiet comparison macros isgreater, isgreaterequal, isless, islessequal, islessgreater and
 * isunordered over pairs of float and double values including NaN, ±inf and ±0, against the
 * plain operators; and mixed float/double arguments. */
#include "check.h"
#include <math.h>
static volatile double z = 0.0;
static volatile float zf = 0.0f;
#define ALL(a, b) (isgreater(a, b) != 0) | (isgreaterequal(a, b) != 0) << 1 | (isless(a, b) != 0) << 2 | \
    (islessequal(a, b) != 0) << 3 | (islessgreater(a, b) != 0) << 4 | (isunordered(a, b) != 0) << 5
#define OPS(a, b) ((a) > (b)) | ((a) >= (b)) << 1 | ((a) < (b)) << 2 | ((a) <= (b)) << 3 | ((a) < (b) || (a) > (b)) << 4
int main(void)
{
    double nan = z / z, inf = 1.0 / z;
    double v[] = { nan, -inf, -1.5, -z, z, 2.0, inf };
    for (int i = 0; i < 7; i++)
        for (int j = 0; j < 7; j++) {
            OUT(ALL(v[i], v[j]));
            OUT((ALL(v[i], v[j]) & 31) == OPS(v[i], v[j]));
        }
    float fnan = zf / zf, f[] = { fnan, -1.0f, 0.0f, 1e30f };
    for (int i = 0; i < 4; i++)
        for (int j = 0; j < 4; j++) OUT(ALL(f[i], f[j]));
    float third = 1.0f / 3.0f;
    OUT(ALL(third, 1.0 / 3.0)); OUT(ALL(1.0 / 3.0, third)); OUT(ALL(fnan, 1.0)); OUT(ALL(2, 1.5f));
    return 0;
}
