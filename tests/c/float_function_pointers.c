/* Function pointers returning double and taking floats: a table of operations, a pointer
 * passed to a higher-order integrator/apply function, pointers selected by a condition, and
 * pointers to functions returning float converted at the call. */
#include "check.h"
static unsigned long long db(double d) { union { double d; unsigned long long u; } v = { d }; return v.u; }
static unsigned fb(float f) { union { float f; unsigned u; } v = { f }; return v.u; }
typedef double (*binop)(double, double);
static double add(double a, double b) { return a + b; }
static double sub(double a, double b) { return a - b; }
static double mul(double a, double b) { return a * b; }
static double dvd(double a, double b) { return a / b; }
static double sq(double x) { return x * x; }
static double cube(double x) { return x * x * x; }
static float halff(float x) { return x * 0.5f; }
static double fold(binop f, const double *v, int n) { double acc = v[0]; for (int i = 1; i < n; i++) acc = f(acc, v[i]); return acc; }
static double sum_of(double (*g)(double), int n) { double s = 0; for (int i = 1; i <= n; i++) s += g(i / 4.0); return s; }
static const binop table[4] = { add, sub, mul, dvd };
static volatile int pick = 1;
int main(void)
{
    double v[] = { 3.0, 0.5, -1.25, 7.0, 0.1 };
    for (int k = 0; k < 4; k++) OUT64(db(fold(table[k], v, 5)));
    for (int k = 0; k < 4; k++) OUT64(db(table[k](1.0, 3.0)));
    OUT64(db(sum_of(sq, 4))); OUT64(db(sum_of(cube, 3)));
    double (*g)(double) = pick ? cube : sq; OUT64(db(g(-1.5))); OUT64(db((*g)(0.1)));
    float (*h)(float) = halff; double r = h(3.0f); OUT64(db(r)); OUT(fb(h(h(0.3f))));
    binop ops[2][2] = { { add, mul }, { sub, dvd } };
    for (int i = 0; i < 2; i++) for (int j = 0; j < 2; j++) OUT64(db(ops[i][j](2.5, -0.5)));
    return 0;
}
