#include "check.h"
static int my_strcmp(const char *a, const char *b) { while (*a && *a == *b) { a++; b++; } return (unsigned char)*a - (unsigned char)*b; }
static int my_strncmp(const char *a, const char *b, int n) { for (int i = 0; i < n; i++) { if (a[i] != b[i] || !a[i]) return (unsigned char)a[i] - (unsigned char)b[i]; } return 0; }
static const char *my_strstr(const char *h, const char *n) { if (!*n) return h; for (; *h; h++) { const char *a = h, *b = n; while (*a && *b && *a == *b) { a++; b++; } if (!*b) return h; } return 0; }
static const char *my_strrchr(const char *s, int c) { const char *r = 0; do { if (*s == (char)c) r = s; } while (*s++); return r; }
static int kmp_count(const char *t, const char *p) {
    int fail[16], m = 0; while (p[m]) m++;
    fail[0] = 0; for (int i = 1, k = 0; i < m; i++) { while (k && p[i] != p[k]) k = fail[k - 1]; if (p[i] == p[k]) k++; fail[i] = k; }
    int cnt = 0; for (int i = 0, k = 0; t[i]; i++) { while (k && t[i] != p[k]) k = fail[k - 1]; if (t[i] == p[k]) k++; if (k == m) { cnt++; k = fail[k - 1]; } }
    return cnt;
}
int main(void)
{
    const char *w[] = {"", "a", "abc", "abd", "ab", "\xff", "ABC", "abcabcabc"};
    for (int i = 0; i < 8; i++) for (int j = 0; j < 8; j++) { OUT(my_strcmp(w[i], w[j])); OUT(my_strncmp(w[i], w[j], 2)); }
    const char *hay = "the quick brown fox jumps over the lazy dog; the end";
    const char *needles[] = {"the", "fox", "dog;", "", "cat", "end", "e l", "quick brown fox jumps"};
    for (int i = 0; i < 8; i++) { const char *r = my_strstr(hay, needles[i]); OUT(r ? (int)(r - hay) : -1); }
    OUT(my_strrchr(hay, 'e') - hay); OUT(my_strrchr(hay, 0) - hay); OUT(my_strrchr(hay, 'Z') == 0);
    OUT(kmp_count("abababababa", "aba")); OUT(kmp_count(hay, "the")); OUT(kmp_count("aaaaaaaaaa", "aaa")); OUT(kmp_count("abcabdabcabcabd", "abcabd"));
    return 0;
}
