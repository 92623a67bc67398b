/* A power-of-two ring buffer with free-running unsigned indices: wraparound of the
 * indices past 2^32 (started near the top), full/empty tests, and FIFO order. */
#include "check.h"
#define SIZE 8u
static int buf[SIZE];
static unsigned head = 0xFFFFFFFCu, tail = 0xFFFFFFFCu;
static int push(int v) { if (head - tail == SIZE) return 0; buf[head++ & (SIZE - 1)] = v; return 1; }
static int pop(int *v) { if (head == tail) return 0; *v = buf[tail++ & (SIZE - 1)]; return 1; }
int main(void)
{
    int v, pushed = 0, sum = 0;
    for (int i = 0; i < 10; i++) pushed += push(i * i);
    OUT(pushed); OUT(head - tail);
    for (int i = 0; i < 5; i++) { pop(&v); OUT(v); }
    for (int i = 0; i < 5; i++) pushed += push(100 + i);
    OUT(pushed); OUT(head); OUT(tail);
    while (pop(&v)) sum = sum * 3 + v;
    OUT(sum); OUT(pop(&v));
    return 0;
}
