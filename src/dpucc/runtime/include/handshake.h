/* Handshakes: a rendezvous between two given tasklets.  The notifier calls handshake_notify(),
 * the other handshake_wait_for(notifier); whichever arrives first sleeps (`stop`) until the other
 * arrives and wakes it (`resume`), so when both calls return, each tasklet has reached its call.
 * Data written before either call is visible to the other tasklet after it.
 *
 * A notifier has at most one waiter at a time: handshake_wait_for() returns -1 at once, without
 * waiting, when another tasklet already waits for that notifier, when the notifier is the caller
 * itself or is not a tasklet id (0..23); it returns 0 after the rendezvous.
 */
#ifndef _DPU_HANDSHAKE_H
#define _DPU_HANDSHAKE_H
#include <defs.h>

void handshake_notify(void);
int handshake_wait_for(sysname_t notifier);
#endif
