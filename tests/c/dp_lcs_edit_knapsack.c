#include "check.h"
static int lcs(const char *a, const char *b) {
    static short dp[32][32]; int n = 0, m = 0; while (a[n]) n++; while (b[m]) m++;
    for (int i = 0; i <= n; i++) for (int j = 0; j <= m; j++)
        dp[i][j] = (short)(!i || !j ? 0 : a[i - 1] == b[j - 1] ? dp[i - 1][j - 1] + 1 : dp[i - 1][j] > dp[i][j - 1] ? dp[i - 1][j] : dp[i][j - 1]);
    return dp[n][m];
}
static int edit(const char *a, const char *b) {
    int prev[32], cur[32]; int n = 0, m = 0; while (a[n]) n++; while (b[m]) m++;
    for (int j = 0; j <= m; j++) prev[j] = j;
    for (int i = 1; i <= n; i++) {
        cur[0] = i;
        for (int j = 1; j <= m; j++) { int x = prev[j] + 1, y = cur[j - 1] + 1, z = prev[j - 1] + (a[i - 1] != b[j - 1]); cur[j] = x < y ? (x < z ? x : z) : (y < z ? y : z); }
        for (int j = 0; j <= m; j++) prev[j] = cur[j];
    }
    return prev[m];
}
static int knap(const int *w, const int *v, int n, int cap) {
    int best[101] = {0};
    for (int i = 0; i < n; i++) for (int c = cap; c >= w[i]; c--) if (best[c - w[i]] + v[i] > best[c]) best[c] = best[c - w[i]] + v[i];
    return best[cap];
}
static long long coin_ways(const int *coins, int n, int amount) { long long ways[201] = {1}; for (int i = 0; i < n; i++) for (int a = coins[i]; a <= amount; a++) ways[a] += ways[a - coins[i]]; return ways[amount]; }
int main(void)
{
    const char *s[] = {"kitten", "sitting", "", "abcdefghij", "ACGTTGCA", "TGCATGCA", "dpu", "dpucc"};
    for (int i = 0; i < 8; i++) for (int j = 0; j < 8; j += 2) { OUT(lcs(s[i], s[j])); OUT(edit(s[i], s[j])); }
    int w[] = {12, 7, 11, 8, 9, 5, 3, 20}, v[] = {24, 13, 23, 15, 16, 9, 4, 41};
    for (int cap = 0; cap <= 100; cap += 13) OUT(knap(w, v, 8, cap));
    int coins[] = {1, 2, 5, 10, 20, 50, 100};
    OUT64(coin_ways(coins, 7, 200)); OUT64(coin_ways(coins + 1, 6, 199));
    return 0;
}
