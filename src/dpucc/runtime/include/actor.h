/* Tasklets as actors: a tasklet serves the messages the host sends it, one at a time, without
 * the DPU being rebooted between them.
 *
 *     for (;;) {
 *         uint32_t *msg = actor_receive();   // msg[0]: the message's selector
 *         switch (msg[0]) {                  // msg[1..]: its inputs, one per 32-bit word
 *         case PUT: ...; msg[1] = old; break;    // the reply goes back in the same words
 *         }
 *     }
 *
 * actor_receive() publishes that the tasklet waits (its word of __sys_actor_state is 1) and
 * stops; the host writes a message into the tasklet's mailbox (the runtime configuration
 * gives it one), clears the state word and resumes the tasklet, which finds the message in
 * its mailbox.  Whatever the tasklet leaves in its mailbox before the next actor_receive()
 * is the reply the host reads.  Messages, selectors and their layout come from the DIDL
 * actor declaration (dpugeni's C header names them). */
#ifndef _DPU_ACTOR_H
#define _DPU_ACTOR_H
#include <stdint.h>

#define ACTOR_WAITING 1
/* One word per tasklet id: ACTOR_WAITING while the tasklet waits for a message. */
extern volatile uint32_t __sys_actor_state[24];

/* Wait for the next message: the address of the current tasklet's mailbox, holding it. */
uint32_t *actor_receive(void);

#endif
