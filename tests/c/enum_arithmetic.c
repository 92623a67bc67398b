#include "check.h"
enum day { MON, TUE, WED, THU, FRI, SAT, SUN, NDAYS };
enum flags { F_A = 1, F_B = 1 << 1, F_C = 1 << 2, F_D = 1 << 7, F_ALL = F_A | F_B | F_C | F_D };
enum neg { N_M = -10, N_Z = N_M + 10, N_P = N_Z * 3 + 4 };
enum big { BIG = 0x7fffffff };
static enum day next_day(enum day d) { return (enum day)((d + 1) % NDAYS); }
static int is_weekend(enum day d) { return d >= SAT && d <= SUN; }
int main(void)
{
    enum day d = FRI; int wk = 0;
    for (int i = 0; i < 30; i++) { wk += is_weekend(d); d = next_day(d); }
    OUT(wk); OUT(d);
    enum flags f = F_A | F_C; OUT(f); f |= F_D; OUT(f); f &= ~F_A; OUT(f); OUT(F_ALL); OUT((f & F_B) != 0); OUT(f ^ F_ALL);
    OUT(N_M); OUT(N_Z); OUT(N_P); OUT(N_M < N_P); OUT(N_M * N_P);
    OUT(BIG); OUT(BIG + 0u + 1u);
    enum day arr[NDAYS]; for (int i = 0; i < NDAYS; i++) arr[i] = (enum day)(NDAYS - 1 - i);
    int s = 0; for (enum day x = MON; x < NDAYS; x++) s += arr[x] * (x + 1); OUT(s);
    enum day e = SUN; e--; OUT(e); e += 2; OUT(e);
    OUT(sizeof(enum day)); OUT(NDAYS * 2 - WED);
    int tbl[NDAYS] = {[SAT] = 6, [MON] = 1, [SUN] = 7}; OUT(tbl[SAT] + tbl[SUN] * 10 + tbl[TUE] * 100 + tbl[MON] * 1000);
    return 0;
}
