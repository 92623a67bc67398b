/* A key-value store spread over the tasklets of a DPU: each tasklet is the Store actor of
 * one shard (kvstore.didl), an open-addressing hash table of SLOTS keys in WRAM.  It boots
 * once and then serves the host's messages one after the other (actor.h). */
#include <actor.h>
#include <assert.h>
#include <defs.h>
#include <stdint.h>

#include "kvstore_interface.h"

#define SLOTS 256 /* keys a shard holds (36 KiB of WRAM for 16); a put into a full shard is
                   * an assertion fault */
#define SHARDS (STORE_LAST_TASKLET + 1)

static uint32_t keys[SHARDS][SLOTS];
static uint32_t values[SHARDS][SLOTS];
static uint8_t used[SHARDS][SLOTS];

/* The slot of key in a shard: where it is, or the free slot where it would go. */
static uint32_t slot_of(uint32_t shard, uint32_t key)
{
    uint32_t h = key ^ (key >> 15);
    h ^= h << 7;
    h ^= h >> 11;
    for (uint32_t probe = 0; probe < SLOTS; probe++) {
        uint32_t s = (h + probe) & (SLOTS - 1);
        if (!used[shard][s] || keys[shard][s] == key)
            return s;
    }
    return SLOTS;
}

int store(void)
{
    uint32_t shard = me(), count = 0;
    for (;;) {
        uint32_t *msg = actor_receive();
        switch (msg[0]) {
        case STORE_PUT: {
            uint32_t key = STORE_PUT_KEY_GET(msg), value = STORE_PUT_VALUE_GET(msg);
            uint32_t s = slot_of(shard, key);
            assert(s < SLOTS);
            uint32_t previous = used[shard][s] ? values[shard][s] : 0;
            if (!used[shard][s]) {
                used[shard][s] = 1;
                keys[shard][s] = key;
                count++;
            }
            values[shard][s] = value;
            STORE_PUT_PREVIOUS_PUT(msg, previous);
            break;
        }
        case STORE_GET: {
            uint32_t s = slot_of(shard, STORE_GET_KEY_GET(msg));
            int found = s < SLOTS && used[shard][s];
            STORE_GET_VALUE_PUT(msg, found ? values[shard][s] : 0);
            STORE_GET_FOUND_PUT(msg, found);
            break;
        }
        case STORE_SIZE:
            STORE_SIZE_COUNT_PUT(msg, count);
            break;
        }
    }
}
