#include "check.h"
static void isort_s16(short *a, int n) { for (int i = 1; i < n; i++) { short k = a[i]; int j = i - 1; while (j >= 0 && a[j] > k) { a[j + 1] = a[j]; j--; } a[j + 1] = k; } }
static void ssort_u8(unsigned char *a, int n) { for (int i = 0; i < n - 1; i++) { int m = i; for (int j = i + 1; j < n; j++) if (a[j] < a[m]) m = j; unsigned char t = a[i]; a[i] = a[m]; a[m] = t; } }
static void shell_ll(long long *a, int n) { for (int g = n / 2; g > 0; g /= 2) for (int i = g; i < n; i++) { long long t = a[i]; int j; for (j = i; j >= g && a[j - g] > t; j -= g) a[j] = a[j - g]; a[j] = t; } }
struct kv { int key; char tag; };
static void stable_isort(struct kv *a, int n) { for (int i = 1; i < n; i++) { struct kv k = a[i]; int j = i - 1; while (j >= 0 && a[j].key > k.key) { a[j + 1] = a[j]; j--; } a[j + 1] = k; } }
static void counting_sort(unsigned char *a, int n) { int c[16] = {0}; for (int i = 0; i < n; i++) c[a[i] & 15]++; int o = 0; for (int v = 0; v < 16; v++) while (c[v]--) a[o++] = (unsigned char)v; }
int main(void)
{
    short s[50]; unsigned char u[50], cs[50]; long long l[50]; struct kv kv[20];
    unsigned r = 7;
    for (int i = 0; i < 50; i++) { r = r * 1664525u + 1013904223u; s[i] = (short)(r >> 8); u[i] = (unsigned char)(r >> 20); l[i] = (long long)(int)r * 1000003LL; cs[i] = (unsigned char)(r >> 28); }
    for (int i = 0; i < 20; i++) { kv[i].key = (i * 7) % 5; kv[i].tag = (char)('a' + i); }
    isort_s16(s, 50); ssort_u8(u, 50); shell_ll(l, 50); stable_isort(kv, 20); counting_sort(cs, 50);
    unsigned h = 0;
    for (int i = 0; i < 50; i++) h = h * 31 + (unsigned short)s[i]; OUT(h); OUT(s[0]); OUT(s[49]);
    h = 0; for (int i = 0; i < 50; i++) h = h * 31 + u[i]; OUT(h);
    h = 0; for (int i = 0; i < 50; i++) h = h * 31 + (unsigned)l[i] + (unsigned)(l[i] >> 32); OUT(h); OUT64(l[0]); OUT64(l[49]);
    for (int i = 0; i < 20; i++) OUT(kv[i].key * 256 + kv[i].tag);
    h = 0; for (int i = 0; i < 50; i++) h = h * 3 + cs[i]; OUT(h);
    return 0;
}
