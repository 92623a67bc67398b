/* Mutexes are atomic bits: MUTEX_INIT(name) declares one, MUTEX_GET(name) names it. */
#ifndef _DPU_MUTEX_H
#define _DPU_MUTEX_H
#include <attributes.h>
typedef unsigned char *mutex_id_t;
#define MUTEX_INIT(name) __atomic_bit unsigned char __mutex_##name
#define MUTEX_GET(name) (&__mutex_##name)
void mutex_lock(mutex_id_t mutex);
int mutex_trylock(mutex_id_t mutex);
void mutex_unlock(mutex_id_t mutex);
#endif
