/* Mailboxes through the tasklet table RT Studio writes: 32 bytes per tasklet id holding
 * { entry, stack base, stack size, mailbox address, mailbox words, next, 0, 0 }. */
#include <mbox.h>
#include <defs.h>

struct tasklet_entry {
    unsigned int entry, stack, stack_size, mailbox, mailbox_words, next, pad[2];
};
extern const struct tasklet_entry __sys_tasklets[];
extern unsigned int __sys_mbox[] __attribute__((weak));

void *sys_mbox_recv(void) { return __sys_mbox; }

void *mbox_recv(void) { return (void *)__sys_tasklets[me()].mailbox; }

int mbox_send(const void *data, unsigned int size)
{
    const struct tasklet_entry *t = &__sys_tasklets[me()];
    if (size > 4 * t->mailbox_words)
        return -1;
    unsigned char *dst = (unsigned char *)t->mailbox;
    const unsigned char *src = data;
    for (unsigned int i = 0; i < size; i++)
        dst[i] = src[i];
    return 0;
}
