#include "check.h"
volatile char c1 = -1, c2 = 127;
volatile unsigned char uc = 255;
volatile signed char sc = -128;
int main(void)
{
    char c = c1;
    OUT(c); OUT(c < 0); OUT(c == -1); OUT(c == 255);
    OUT(uc == c1); OUT((unsigned char)c1 == uc);
    OUT(c2 + 1); OUT((char)(c2 + 1));
    OUT(sc); OUT(-sc); OUT(sc / 3); OUT(sc % 3);
    OUT(uc + sc); OUT(uc * sc);
    char s[] = "\xff\x80\x7f";
    for (int i = 0; i < 3; i++) OUT(s[i]);
    OUT(sizeof(char) + sizeof(signed char) + sizeof(unsigned char));
    return 0;
}
