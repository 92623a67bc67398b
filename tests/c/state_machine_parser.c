#include "check.h"
enum st { S_START, S_INT, S_FRAC_DOT, S_HEX0, S_HEX, S_IDENT, S_ERR };
enum kind { K_NONE, K_INT, K_HEX, K_IDENT, K_BAD };
static enum kind classify(const char *s, long long *val) {
    enum st st = S_START; long long v = 0;
    for (; *s; s++) {
        char c = *s;
        switch (st) {
        case S_START:
            if (c == '0') { st = S_HEX0; v = 0; }
            else if (c >= '1' && c <= '9') { st = S_INT; v = c - '0'; }
            else if ((c | 32) >= 'a' && (c | 32) <= 'z' || c == '_') st = S_IDENT;
            else st = S_ERR;
            break;
        case S_HEX0:
            if (c == 'x' || c == 'X') { st = S_HEX; break; }
            /* fall through */
        case S_INT:
            if (c >= '0' && c <= '9') { v = v * 10 + (c - '0'); st = S_INT; } else st = S_ERR;
            break;
        case S_HEX:
            if (c >= '0' && c <= '9') v = v * 16 + (c - '0');
            else if ((c | 32) >= 'a' && (c | 32) <= 'f') v = v * 16 + ((c | 32) - 'a' + 10);
            else st = S_ERR;
            break;
        case S_IDENT:
            if (!((c | 32) >= 'a' && (c | 32) <= 'z' || c == '_' || (c >= '0' && c <= '9'))) st = S_ERR;
            break;
        default: return K_BAD;
        }
    }
    *val = v;
    switch (st) { case S_START: return K_NONE; case S_INT: case S_HEX0: return K_INT; case S_HEX: return K_HEX; case S_IDENT: return K_IDENT; default: return K_BAD; }
}
/* traffic light with timer */
enum light { RED, GREEN, YELLOW };
int main(void)
{
    const char *in[] = {"", "0", "42", "0x1F", "0XdeadBEEF", "abc_1", "_", "9z", "0x", "0123", "x-1", "123456789012", "0xffffffffff"};
    for (int i = 0; i < 13; i++) { long long v = -1; enum kind k = classify(in[i], &v); OUT(k); OUT64(v); }
    enum light l = RED; int t = 0, changes = 0; unsigned trace = 0;
    for (int tick = 0; tick < 100; tick++) {
        t++;
        switch (l) {
        case RED: if (t >= 7) { l = GREEN; t = 0; changes++; } break;
        case GREEN: if (t >= 5) { l = YELLOW; t = 0; changes++; } break;
        case YELLOW: if (t >= 2) { l = RED; t = 0; changes++; } break;
        }
        trace = trace * 3 + l;
    }
    OUT(l); OUT(t); OUT(changes); OUT(trace);
    return 0;
}
