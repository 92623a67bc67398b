/* assert(): a failed assertion is fault 3 (dpusim reports the tasklet, pc and source line). */
#ifndef _DPU_ASSERT_H
#define _DPU_ASSERT_H
void __assert_fail(void) __attribute__((noreturn));
#endif
#undef assert
#ifdef NDEBUG
#define assert(e) ((void)0)
#else
#define assert(e) ((e) ? (void)0 : __assert_fail())
#endif
