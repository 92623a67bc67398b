/* A tiny 2-D physics simulation in float: explicit Euler steps of particles under gravity with
 * drag, bounces off the floor with restitution, and a spring between two bodies with
 * semi-implicit Euler; positions are recorded exactly after a fixed number of steps. */
#include "check.h"
static unsigned fb(float f) { union { float f; unsigned u; } v = { f }; return v.u; }
struct body { float x, y, vx, vy; };
static void step(struct body *b, float dt)
{
    b->vy -= 9.81f * dt; b->vx *= 0.99f; b->vy *= 0.99f;
    b->x += b->vx * dt; b->y += b->vy * dt;
    if (b->y < 0) { b->y = -b->y * 0.5f; b->vy = -b->vy * 0.8f; }
}
int main(void)
{
    struct body bs[2] = { { 0, 10, 1.5f, 0 }, { 5, 0.5f, -2, 3 } };
    int bounces = 0;
    for (int t = 0; t < 20; t++)
        for (int i = 0; i < 2; i++) { float vy = bs[i].vy; step(&bs[i], 0.05f); bounces += vy < 0 && bs[i].vy > 0; }
    for (int i = 0; i < 2; i++) { OUT(fb(bs[i].x)); OUT(fb(bs[i].y)); OUT(fb(bs[i].vx)); OUT(fb(bs[i].vy)); }
    OUT(bounces);
    float x1 = 0, x2 = 1.5f, v1 = 0, v2 = 0, k = 4, rest = 1, m = 0.5f, dt = 0.1f;
    for (int t = 0; t < 10; t++) {
        float f = k * ((x2 - x1) - rest);
        v1 += f / m * dt; v2 -= f / m * dt; x1 += v1 * dt; x2 += v2 * dt;
    }
    OUT(fb(x1)); OUT(fb(x2)); OUT(fb(v1 + v2)); OUT(fb(x1 + x2));
    return 0;
}
