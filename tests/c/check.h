/* Self-checking test programs: OUT(x) records a 32-bit value.  On the host (gcc, -DHOST) the
 * values are printed at exit; on the DPU the test reads the array __results by name.  The same
 * source gives both sides, so expected values always come from gcc. */
#ifndef CHECK_H
#define CHECK_H

#define MAX_RESULTS 1024
unsigned int __results[MAX_RESULTS];
int __nresults;

/* Past MAX_RESULTS values are counted but not kept; the test harness refuses such programs. */
#define OUT(x) (__nresults < MAX_RESULTS ? (void)(__results[__nresults] = (unsigned int)(x)) \
                                         : (void)0, __nresults++)
#define OUT64(x) (OUT((unsigned long long)(x)), OUT((unsigned long long)(x) >> 32))

#ifdef HOST
#include <stdio.h>
static void __print_results(void) __attribute__((destructor));
static void __print_results(void)
{
    for (int i = 0; i < __nresults && i < MAX_RESULTS; i++)
        printf("%u\n", __results[i]);
}
#endif
#endif
