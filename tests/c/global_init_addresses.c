#include "check.h"
struct pt { int x, y; };
static struct pt pts[4] = {{1, 2}, {3, 4}, {5, 6}, {7, 8}};
static int *py = &pts[2].y;
static struct pt *plast = pts + 3;
static int grid[3][4] = {{0, 1, 2, 3}, {10, 11, 12, 13}, {20, 21, 22, 23}};
static int *prow = grid[1];
static int (*pgrid)[4] = &grid[2];
static int *pcell = &grid[2][1];
static char exact[3] = "abc";
struct named { int id; char label[6]; };
static struct named nm[2] = {{1, "one"}, {2, "two"}};
static char *plabel = nm[1].label;
static const char *plabel2 = nm[0].label + 1;
static char padded[8] = "hi";
static const char *const msgs[] = {"first", "second", 0};
static int neg_ints[3] = {-1, -2147483647 - 1, 5};
static const long long lls[] = {-1, 1LL << 62, -(1LL << 40)};
static unsigned char ub[] = {0xff, 0x80, 1};
struct ops { int (*f)(int); const char *name; int bias; };
static int twice(int v) { return v * 2; }
static int negate(int v) { return -v; }
static const struct ops optab[] = {{twice, "twice", 1}, {negate, "neg", -1}};
static const struct ops *popt = &optab[1];
int main(void)
{
    OUT(*py); OUT(plast->x); OUT(prow[3]); OUT((*pgrid)[0]); OUT(*pcell); OUT(pcell[-4]);
    OUT(exact[0] + exact[2]); OUT(padded[1]); OUT(padded[7]); OUT(plabel[1]); OUT(*plabel2);
    OUT(msgs[1][5]); OUT(msgs[2] == 0);
    OUT(neg_ints[0]); OUT(neg_ints[1]); OUT(neg_ints[2]);
    for (int i = 0; i < 3; i++) OUT64(lls[i]);
    OUT(ub[0] + ub[1] + ub[2]);
    for (int i = 0; i < 2; i++) OUT(optab[i].f(10) + optab[i].bias + optab[i].name[1]);
    OUT(popt->f(3));
    return 0;
}
