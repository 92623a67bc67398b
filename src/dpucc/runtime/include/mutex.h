/* Mutexes are atomic bits: MUTEX_INIT(name) declares one, MUTEX_GET(name) names it.  A mutex
 * declared in the runtime configuration (`mutex add name`) is the atomic bit `name` itself:
 * `extern unsigned char name;` then mutex_lock(&name). */
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
