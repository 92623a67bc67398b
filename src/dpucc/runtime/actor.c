/* Tasklets as actors (actor.h): wait in `stop` until the host hands over a message. */
#include <actor.h>
#include <defs.h>
#include <mbox.h>

__attribute__((section(".dpu_host.__sys_actor_state"), aligned(8)))
volatile uint32_t __sys_actor_state[24];

uint32_t *actor_receive(void)
{
    __sys_actor_state[me()] = ACTOR_WAITING;
    __asm__ volatile("stop" ::: "memory");
    return (uint32_t *)mbox_recv();
}
