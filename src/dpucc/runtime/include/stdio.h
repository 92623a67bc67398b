/* printf & co write records to the MRAM log buffer; the host formats them (dpusim prints the
 * log on its standard output).  They return 0 (printf) as the DPU cannot know the length. */
#ifndef _DPU_STDIO_H
#define _DPU_STDIO_H
#include <stdarg.h>
#ifndef STDOUT_BUFFER_SIZE
#define STDOUT_BUFFER_SIZE (1 << 20)
#endif
int printf(const char *format, ...);
int vprintf(const char *format, va_list ap);
int puts(const char *s);
int putchar(int c);
#endif
