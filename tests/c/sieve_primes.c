#include "check.h"
#define N 2000
static unsigned char comp[N + 1];
static unsigned bits[(N + 32) / 32];
int main(void)
{
    for (int i = 2; i * i <= N; i++)
        if (!comp[i]) for (int j = i * i; j <= N; j += i) comp[j] = 1;
    int count = 0, last = 0; unsigned sum = 0;
    for (int i = 2; i <= N; i++) if (!comp[i]) { count++; last = i; sum += i * (unsigned)i; }
    OUT(count); OUT(last); OUT(sum);
    for (int i = 2; i < 60; i++) OUT(!comp[i]);
    /* bit sieve over odd numbers */
    for (int i = 3; i * i <= N; i += 2)
        if (!(bits[i >> 5] & (1u << (i & 31))))
            for (int j = i * i; j <= N; j += 2 * i) bits[j >> 5] |= 1u << (j & 31);
    int c2 = 1;
    for (int i = 3; i <= N; i += 2) c2 += !(bits[i >> 5] & (1u << (i & 31)));
    OUT(c2);
    int twins = 0; for (int i = 3; i + 2 <= N; i++) twins += !comp[i] && !comp[i + 2];
    OUT(twins);
    int maxgap = 0, prev = 2; for (int i = 3; i <= N; i++) if (!comp[i]) { if (i - prev > maxgap) maxgap = i - prev; prev = i; }
    OUT(maxgap);
    return 0;
}
