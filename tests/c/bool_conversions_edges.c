/* _Bool: conversion of any non-zero value (including 64-bit values with only high bits
 * set, and pointers) to 1, arithmetic on bools promoting to int, and ++ saturating at 1. */
#include "check.h"
int main(void)
{
    _Bool b = 256; OUT(b); b = 0x100000000LL; OUT(b); b = -1; OUT(b); b = 0; OUT(b);
    int x; _Bool p = &x; OUT(p);
    _Bool t = 1, u = 1; OUT(t + u); OUT(t - u - u); OUT(sizeof(t + u));
    b = 1; b++; OUT(b); b = 0; b--; OUT(b);
    b = 3 > 2; OUT(b * 10); b = (unsigned char)256; OUT(b);
    _Bool arr[4] = {2, 0, -3}; OUT(arr[0] + arr[1] + arr[2] + arr[3]); OUT(sizeof arr);
    return 0;
}
