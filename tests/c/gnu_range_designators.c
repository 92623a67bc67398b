/* GNU range designators `[lo ... hi] = v` in static and automatic initialisers: overrides by
 * later designators, nested members, sizes inferred from the highest index, struct elements. */
#include "check.h"

static int sq[10] = {[0 ... 9] = 1, [3] = 30, [7 ... 8] = 78};
static unsigned char lut[] = {[0 ... 31] = 1, ['A' ... 'Z'] = 2, ['a' ... 'z'] = 3};
struct cell { short a; int b[3]; };
static struct cell cells[4] = {[1 ... 2] = {5, {6, 7, 8}}, [3].b[0 ... 2] = 9};
static long long big[6] = {[1 ... 4] = 0x123456789LL};

int main(void)
{
    int i, sum = 0;
    for (i = 0; i < 10; i++) OUT(sq[i]);
    OUT(sizeof lut);
    for (i = 0; i < (int)sizeof lut; i++) sum += lut[i] * (i + 1);
    OUT(sum); OUT(lut[32]); OUT(lut['M']); OUT(lut['q']);
    for (i = 0; i < 4; i++) { OUT(cells[i].a); OUT(cells[i].b[0]); OUT(cells[i].b[2]); }
    for (i = 0; i < 6; i++) OUT64(big[i]);
    int x = 4;
    int loc[8] = {[0 ... 3] = x + 1, [4 ... 7] = -x, [5] = 50};
    for (i = 0; i < 8; i++) OUT(loc[i]);
    struct cell lc[3] = {[0 ... 2].b[1] = x * 3, [1].a = 2};
    for (i = 0; i < 3; i++) { OUT(lc[i].a); OUT(lc[i].b[0]); OUT(lc[i].b[1]); }
    char grid[3][4] = {[0 ... 2] = {[0 ... 3] = '.'}, [1][2] = '#'};
    for (i = 0; i < 12; i++) OUT(grid[i / 4][i % 4]);
    return 0;
}
