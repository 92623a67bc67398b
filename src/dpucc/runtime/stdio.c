/* printf, puts and putchar: each call appends a record to the MRAM log buffer (the format's
 * WRAM address and the raw arguments, docs/log-format.md) and the host formats it.  Tasklets
 * share the buffer under a mutex; a full buffer is fault 5, never silent corruption. */
#include <stdarg.h>
#include <stdint.h>
#include <mram.h>
#include <mutex.h>
#include <stdio.h>

#define RECORD_MAX 1024

__mram_noinit uint64_t __stdout_buffer[STDOUT_BUFFER_SIZE / 8];
uint32_t __stdout_buffer_state;
MUTEX_INIT(__stdout);

static uint32_t record[RECORD_MAX / 4] __attribute__((aligned(8)));
static uint32_t used;  /* bytes of record[] filled */

static void overflow(void) { __asm__ volatile("fault 5"); }

static void put4(uint32_t v)
{
    if (used + 4 > RECORD_MAX)
        overflow();
    record[used / 4] = v;
    used += 4;
}

static void put8(uint64_t v)
{
    if (used & 7)
        put4(0);
    put4((uint32_t)v);
    put4((uint32_t)(v >> 32));
}

static void put_string(const char *s)
{
    put4((uint32_t)(uintptr_t)s);
    if (!s)
        return;
    unsigned char *bytes = (unsigned char *)record;
    do {
        if (used >= RECORD_MAX)
            overflow();
        bytes[used++] = (unsigned char)*s;
    } while (*s++);
    while (used & 3)
        bytes[used++] = 0;
}

/* A width or precision: `*` takes an int argument; digits take none. */
static const char *width_or_precision(const char *f, va_list *ap)
{
    if (*f == '*') {
        put4((uint32_t)va_arg(*ap, int));
        return f + 1;
    }
    while (*f >= '0' && *f <= '9')
        f++;
    return f;
}

/* Walks the directives as the host will (docs/log-format.md, "Directives") and records the
 * argument each one consumes. */
static void record_arguments(const char *f, va_list *ap)
{
    while (*f) {
        if (*f++ != '%')
            continue;
        while (*f == '-' || *f == '+' || *f == ' ' || *f == '#' || *f == '0' || *f == '\'' ||
               *f == 'I')
            f++;
        f = width_or_precision(f, ap);
        if (*f == '.')
            f = width_or_precision(f + 1, ap);
        int wide = 0;
        if (*f == 'h') {
            f += f[1] == 'h' ? 2 : 1;
        } else if (*f == 'l') {
            f += f[1] == 'l' ? 2 : 1;
            wide = 1;
        } else if (*f == 'L' || *f == 'q' || *f == 'j') {
            f++;
            wide = 1;
        } else if (*f == 'z' || *f == 'Z' || *f == 't') {
            f++;
        }
        char c = *f;
        if (!c)
            return;
        f++;
        switch (c) {
        case 'd': case 'i': case 'u': case 'o': case 'x': case 'X': case 'b': case 'B':
            if (wide)
                put8(va_arg(*ap, uint64_t));
            else
                put4(va_arg(*ap, uint32_t));
            break;
        case 'f': case 'F': case 'e': case 'E': case 'g': case 'G': case 'a': case 'A':
            put8(va_arg(*ap, uint64_t));  /* a double's bits: same size and alignment */
            break;
        case 's':
            if (wide)
                put4(va_arg(*ap, uint32_t));
            else
                put_string(va_arg(*ap, const char *));
            break;
        case 'c': case 'C': case 'S': case 'p': case 'n':
            put4(va_arg(*ap, uint32_t));
            break;
        default:
            break;
        }
    }
}

static void commit(const char *format)
{
    record[0] = used;
    record[1] = (uint32_t)(uintptr_t)format;
    uint32_t total = (used + 7) & ~7u;
    if (__stdout_buffer_state + total > STDOUT_BUFFER_SIZE)
        overflow();
    mram_write(record, (__mram_ptr uint8_t *)__stdout_buffer + __stdout_buffer_state, total);
    __stdout_buffer_state += total;
}

int vprintf(const char *format, va_list ap)
{
    mutex_lock(MUTEX_GET(__stdout));
    used = 8;
    va_list copy;
    va_copy(copy, ap);
    record_arguments(format, &copy);
    va_end(copy);
    commit(format);
    mutex_unlock(MUTEX_GET(__stdout));
    return 0;
}

int printf(const char *format, ...)
{
    va_list ap;
    va_start(ap, format);
    vprintf(format, ap);
    va_end(ap);
    return 0;
}

static const char puts_format[] = "%s\n";
static const char putchar_format[] = "%c";

int puts(const char *s)
{
    mutex_lock(MUTEX_GET(__stdout));
    used = 8;
    put_string(s);
    commit(puts_format);
    mutex_unlock(MUTEX_GET(__stdout));
    return 0;
}

int putchar(int c)
{
    mutex_lock(MUTEX_GET(__stdout));
    used = 8;
    put4((uint32_t)c);
    commit(putchar_format);
    mutex_unlock(MUTEX_GET(__stdout));
    return c;
}
