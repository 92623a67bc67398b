#include "check.h"
static const char b64[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
static int enc(const unsigned char *in, int n, char *out) {
    int o = 0;
    for (int i = 0; i < n; i += 3) {
        unsigned v = (unsigned)in[i] << 16 | (i + 1 < n ? (unsigned)in[i + 1] << 8 : 0) | (i + 2 < n ? in[i + 2] : 0);
        out[o++] = b64[v >> 18]; out[o++] = b64[(v >> 12) & 63];
        out[o++] = i + 1 < n ? b64[(v >> 6) & 63] : '='; out[o++] = i + 2 < n ? b64[v & 63] : '=';
    }
    out[o] = 0; return o;
}
static int dval(char c) { for (int i = 0; i < 64; i++) if (b64[i] == c) return i; return -1; }
static int dec(const char *in, unsigned char *out) {
    int o = 0;
    for (int i = 0; in[i]; i += 4) {
        unsigned v = 0; int pad = 0;
        for (int k = 0; k < 4; k++) { v <<= 6; if (in[i + k] == '=') pad++; else v |= (unsigned)dval(in[i + k]); }
        out[o++] = (unsigned char)(v >> 16); if (pad < 2) out[o++] = (unsigned char)(v >> 8); if (pad < 1) out[o++] = (unsigned char)v;
    }
    return o;
}
static int rle(const unsigned char *in, int n, unsigned char *out) { int o = 0; for (int i = 0; i < n;) { int j = i; while (j < n && in[j] == in[i] && j - i < 255) j++; out[o++] = (unsigned char)(j - i); out[o++] = in[i]; i = j; } return o; }
static int unrle(const unsigned char *in, int n, unsigned char *out) { int o = 0; for (int i = 0; i < n; i += 2) for (int k = 0; k < in[i]; k++) out[o++] = in[i + 1]; return o; }
int main(void)
{
    unsigned char data[40], back[40]; char text[64];
    for (int i = 0; i < 40; i++) data[i] = (unsigned char)(i * i * 13 + 7);
    for (int n = 0; n <= 40; n += 7) {
        int l = enc(data, n, text); unsigned h = 0; for (int i = 0; i < l; i++) h = h * 31 + (unsigned char)text[i];
        OUT(l); OUT(h);
        int m = dec(text, back); int same = m == n; for (int i = 0; i < m && same; i++) same = back[i] == data[i]; OUT(same);
    }
    unsigned char src[300], comp[600], out[300];
    for (int i = 0; i < 300; i++) src[i] = (unsigned char)(i < 260 ? (i / 37) : i);
    int cl = rle(src, 300, comp); OUT(cl);
    unsigned ch = 0; for (int i = 0; i < cl; i++) ch = ch * 17 + comp[i]; OUT(ch);
    int ul = unrle(comp, cl, out); int eq = ul == 300; for (int i = 0; i < 300 && eq; i++) eq = out[i] == src[i]; OUT(ul); OUT(eq);
    return 0;
}
