/* Mailboxes of the seed's programming model (RT Studio lays them out from the configuration):
 * the system mailbox, written by the host before boot, and one mailbox per tasklet. */
#ifndef _DPU_MBOX_H
#define _DPU_MBOX_H
/* The system mailbox (words posted by the host). */
void *sys_mbox_recv(void);
/* The current tasklet's own mailbox (host -> tasklet messages). */
void *mbox_recv(void);
/* Copy size bytes into the current tasklet's mailbox for the host; returns 0, or -1 when they
 * do not fit the configured mailbox. */
int mbox_send(const void *data, unsigned int size);
#endif
