#ifndef _DPU_PERFCOUNTER_H
#define _DPU_PERFCOUNTER_H
#define COUNT_CYCLES 1
#define COUNT_INSTRUCTIONS 2
#define CLOCKS_PER_SEC 350000000u
typedef unsigned int perfcounter_t;
void perfcounter_config(unsigned int mode, int reset);
perfcounter_t perfcounter_get(void);
#endif
