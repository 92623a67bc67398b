/* A fixed-iteration Mandelbrot set on a small grid in float: escape counts for each point
 * (the exact counts depend on every rounding of z = z^2 + c), and the same for a few points in
 * double. */
#include "check.h"
static int escape(float cr, float ci, int max)
{
    float zr = 0, zi = 0; int n = 0;
    while (n < max && zr * zr + zi * zi <= 4.0f) { float t = zr * zr - zi * zi + cr; zi = 2 * zr * zi + ci; zr = t; n++; }
    return n;
}
static int escaped(double cr, double ci, int max)
{
    double zr = 0, zi = 0; int n = 0;
    while (n < max && zr * zr + zi * zi <= 4.0) { double t = zr * zr - zi * zi + cr; zi = 2 * zr * zi + ci; zr = t; n++; }
    return n;
}
int main(void)
{
    unsigned row_bits = 0;
    for (int y = 0; y < 2; y++) {
        unsigned h = 0;
        for (int x = 0; x < 5; x++) { int n = escape(-2.0f + x * 0.55f, -0.9f + y * 0.7f, 7); h = h * 13 + n; row_bits |= (unsigned)(n == 7) << (y * 5 + x); }
        OUT(h);
    }
    OUT(row_bits);
    OUT(escaped(-0.75, 0.1, 8)); OUT(escaped(0.3, 0.5, 8));
    return 0;
}
