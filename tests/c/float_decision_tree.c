/* Switch-like decision trees on floating values: if/else-if chains over ranges with boundary
 * values exactly on the thresholds, a binary search over a sorted table of breakpoints,
 * classification with NaN falling through to a default, and switch on a converted value. */
#include "check.h"
static volatile double z = 0.0;
static int bucket(double x)
{
    if (x < -100.0) return 0;
    else if (x < -1.0) return 1;
    else if (x <= 0.0) return 2;
    else if (x < 0.5) return 3;
    else if (x == 0.5) return 4;
    else if (x < 1e3) return 5;
    else if (x >= 1e3) return 6;
    return 7;  /* NaN */
}
static const float breaks[] = { -2.5f, -1.0f, 0.0f, 0.1f, 0.25f, 1.0f, 3.75f, 10.0f };
static int find(float x)
{
    int lo = 0, hi = 8;
    while (lo < hi) { int mid = (lo + hi) / 2; if (breaks[mid] <= x) lo = mid + 1; else hi = mid; }
    return lo;
}
static int grade(float score)
{
    switch ((int)(score / 10.0f)) {
    case 10: case 9: return 'A';
    case 8: return 'B';
    case 7: return 'C';
    case 6: return 'D';
    default: return 'F';
    }
}
int main(void)
{
    double nan = z / z, inf = 1.0 / z;
    double xs[] = { -1e9, -100.0, -100.0000001, -1.0, -0.9999, -z, z, 1e-300, 0.49999999999999994, 0.5, 0.5000000000000001,
                    999.9999999, 1e3, inf, -inf, nan };
    for (unsigned i = 0; i < sizeof xs / sizeof xs[0]; i++) OUT(bucket(xs[i]));
    float fs[] = { -3.0f, -2.5f, -1.0f, -0.5f, 0.0f, 0.1f, 0.100000001f, 0.2f, 0.25f, 3.75f, 3.7499998f, 10.0f, 1e30f };
    for (unsigned i = 0; i < sizeof fs / sizeof fs[0]; i++) OUT(find(fs[i]));
    float sc[] = { 100.0f, 95.5f, 90.0f, 89.99f, 80.0f, 79.9999f, 70.0f, 65.0f, 59.9f, 0.0f, -5.0f };
    for (unsigned i = 0; i < sizeof sc / sizeof sc[0]; i++) OUT(grade(sc[i]));
    return 0;
}
