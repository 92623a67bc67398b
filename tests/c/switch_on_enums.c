#include "check.h"
enum color { RED = -2, GREEN, BLUE = 5, CYAN, MAGENTA = 100, YELLOW = 99 };
enum op { OP_ADD, OP_SUB, OP_MUL, OP_DIV, OP_NEG, OP_COUNT };
static int eval(enum op o, int a, int b) {
    switch (o) {
    case OP_ADD: return a + b;
    case OP_SUB: return a - b;
    case OP_MUL: return a * b;
    case OP_DIV: return b ? a / b : 0;
    case OP_NEG: return -a;
    default: return 12345;
    }
}
static const char *name(enum color c) {
    switch (c) { case RED: return "red"; case GREEN: return "green"; case BLUE: return "blue"; case CYAN: return "cyan"; case MAGENTA: return "magenta"; case YELLOW: return "yellow"; }
    return "?";
}
static int weight(enum color c) {
    int w = 0;
    switch (c) {
    case RED: w += 1;
    case GREEN: w += 10; break;
    case BLUE: case CYAN: w += 100;
    default: w += 1000;
    }
    return w;
}
int main(void)
{
    for (int o = 0; o <= OP_COUNT; o++) for (int a = -3; a <= 3; a += 3) OUT(eval((enum op)o, a * 11, a + 4));
    enum color cs[] = {RED, GREEN, BLUE, CYAN, MAGENTA, YELLOW, (enum color)7, (enum color)0};
    for (int i = 0; i < 8; i++) { const char *n = name(cs[i]); unsigned h = 0; while (*n) h = h * 31 + (unsigned char)*n++; OUT(h); OUT(weight(cs[i])); OUT(cs[i]); }
    OUT(GREEN); OUT(CYAN); OUT(sizeof(enum color)); OUT(OP_COUNT);
    return 0;
}
