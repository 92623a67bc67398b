/* The buddy allocator (buddy_alloc.h).
 *
 * The arena is a complete binary tree of blocks numbered as in a heap: node 1 is the whole
 * arena, node i has children 2i and 2i+1, and level k (nodes 2^k .. 2^(k+1)-1) holds blocks of
 * arena_size >> k bytes.  A node is, at any time, split (its children are in use), a free block,
 * an allocated block, or inside a larger block.  The bookkeeping is two bitmaps of one bit per
 * internal node, 1/32 of the arena in all, instead of a header in every block, which would make
 * the 8-byte blocks 16:
 *
 *   split[i]  node i is split: buddy_free walks these down from the root to learn the size of
 *             the block a pointer starts, since callers do not pass it;
 *   pair[i]   "child 2i is a free block" XOR "child 2i+1 is a free block": a block being freed
 *             flips its pair bit, and a 0 afterwards means its buddy is free too, so they merge.
 *
 * Free blocks of each level form a doubly linked list threaded through the blocks themselves
 * (8 bytes, the minimum block), so a buddy can be unlinked from the middle of its list in
 * constant time when it merges. */
#include <buddy_alloc.h>
#include <alloc.h>
#include <errno.h>
#include <mutex.h>
#include <string.h>

#define MIN_SHIFT 3       /* 8-byte blocks, the DMA alignment */
#define MAX_LEVELS 14     /* 8 bytes .. 64 KiB, all of WRAM */

struct free_block {
    struct free_block *next, *prev;
};

static unsigned char *arena;  /* NULL until buddy_init */
static unsigned int arena_shift;  /* the arena is 1 << arena_shift bytes */
static unsigned int levels;  /* block sizes: 1 << arena_shift down to 1 << MIN_SHIFT */
static unsigned int bitmap_bytes;
static unsigned char *split;
static unsigned char *pair;
static struct free_block *free_list[MAX_LEVELS];
MUTEX_INIT(__buddy);

static int bit(const unsigned char *map, unsigned int i) { return map[i >> 3] >> (i & 7) & 1; }
static void set_bit(unsigned char *map, unsigned int i) { map[i >> 3] |= 1u << (i & 7); }
static void clear_bit(unsigned char *map, unsigned int i) { map[i >> 3] &= ~(1u << (i & 7)); }
static void flip_bit(unsigned char *map, unsigned int i) { map[i >> 3] ^= 1u << (i & 7); }

static unsigned int block_shift(unsigned int level) { return arena_shift - level; }

static struct free_block *block_at(unsigned int node, unsigned int level)
{
    return (struct free_block *)(arena + ((node - (1u << level)) << block_shift(level)));
}

static void push(unsigned int node, unsigned int level)
{
    struct free_block *b = block_at(node, level);
    b->next = free_list[level];
    b->prev = 0;
    if (b->next)
        b->next->prev = b;
    free_list[level] = b;
}

static void unlink_block(struct free_block *b, unsigned int level)
{
    if (b->prev)
        b->prev->next = b->next;
    else
        free_list[level] = b->next;
    if (b->next)
        b->next->prev = b->prev;
}

static void reset_locked(void)
{
    memset(split, 0, bitmap_bytes);
    memset(pair, 0, bitmap_bytes);
    for (unsigned int k = 0; k < MAX_LEVELS; k++)
        free_list[k] = 0;
    push(1, 0);
}

void buddy_init(size_t size)
{
    mutex_lock(MUTEX_GET(__buddy));
    if (!arena) {
        unsigned int shift = MIN_SHIFT;
        while (shift < MIN_SHIFT + MAX_LEVELS - 1 && (1u << shift) < size)
            shift++;
        unsigned int internal_nodes = 1u << (shift - MIN_SHIFT);  /* plus one: node 0 unused */
        arena = mem_alloc(1u << shift);
        arena_shift = shift;
        levels = shift - MIN_SHIFT + 1;
        bitmap_bytes = (internal_nodes + 7) / 8;
        split = mem_alloc(2 * bitmap_bytes);
        pair = split + bitmap_bytes;
        reset_locked();
    }
    mutex_unlock(MUTEX_GET(__buddy));
}

void buddy_reset(void)
{
    mutex_lock(MUTEX_GET(__buddy));
    if (arena)
        reset_locked();
    mutex_unlock(MUTEX_GET(__buddy));
}

/* The deepest level whose blocks hold size bytes, or -1 when even the arena is too small. */
static int level_for(size_t size)
{
    if (size == 0 || size > (1u << arena_shift))
        return -1;
    int k = (int)levels - 1;
    while ((1u << block_shift((unsigned int)k)) < size)
        k--;
    return k;
}

static void *alloc_locked(size_t size)
{
    int want = arena ? level_for(size) : -1;
    int k = want;
    while (k >= 0 && !free_list[k])
        k--;
    if (k < 0) {
        errno = ENOMEM;
        return 0;
    }
    struct free_block *b = free_list[k];
    unlink_block(b, (unsigned int)k);
    unsigned int offset = (unsigned char *)b - arena;
    unsigned int node = (1u << k) | (offset >> block_shift((unsigned int)k));
    if (node > 1)
        flip_bit(pair, node >> 1);
    /* Split down to the wanted size: the left halves go on being split, each right half is a
     * new free block whose buddy (the left half) is in use, hence pair bit 1. */
    for (; k < want; k++) {
        set_bit(split, node);
        push(2 * node + 1, (unsigned int)k + 1);
        flip_bit(pair, node);
        node *= 2;
    }
    return b;
}

/* The node of the block ptr starts, with its level in *level; 0 if ptr starts no block. */
static unsigned int find_block(const void *ptr, unsigned int *level)
{
    const unsigned char *p = ptr;
    if (!arena || p < arena || p >= arena + (1u << arena_shift))
        return 0;
    unsigned int offset = p - arena;
    unsigned int node = 1, k = 0;
    while (k + 1 < levels && bit(split, node)) {
        k++;
        node = 2 * node + (offset >> block_shift(k) & 1);
    }
    if (offset & ((1u << block_shift(k)) - 1))
        return 0;
    *level = k;
    return node;
}

static void free_locked(void *ptr)
{
    unsigned int k;
    unsigned int node = find_block(ptr, &k);
    if (!node)
        return;
    for (; node > 1; node >>= 1, k--) {
        unsigned int parent = node >> 1;
        flip_bit(pair, parent);
        if (bit(pair, parent))
            break;  /* the buddy is in use (or split): this block stays as it is */
        unlink_block(block_at(node ^ 1, k), k);
        clear_bit(split, parent);
    }
    push(node, k);
}

void *buddy_alloc(size_t size)
{
    mutex_lock(MUTEX_GET(__buddy));
    void *p = alloc_locked(size);
    mutex_unlock(MUTEX_GET(__buddy));
    return p;
}

void buddy_free(void *ptr)
{
    mutex_lock(MUTEX_GET(__buddy));
    free_locked(ptr);
    mutex_unlock(MUTEX_GET(__buddy));
}

void *buddy_realloc(void *ptr, size_t size)
{
    void *result = 0;
    mutex_lock(MUTEX_GET(__buddy));
    unsigned int k;
    unsigned int node;
    if (!ptr) {
        result = alloc_locked(size);
    } else if (size == 0) {
        free_locked(ptr);
    } else if ((node = find_block(ptr, &k)) != 0) {
        unsigned int bytes = 1u << block_shift(k);
        if (size <= bytes) {
            /* Shrink in place: keep the left half while it is large enough and free the right
             * half, whose buddy (the kept half) is in use. */
            while (k + 1 < levels && bytes / 2 >= size) {
                set_bit(split, node);
                push(2 * node + 1, k + 1);
                flip_bit(pair, node);
                node *= 2;
                k++;
                bytes /= 2;
            }
            result = ptr;
        } else if ((result = alloc_locked(size)) != 0) {
            memcpy(result, ptr, bytes);
            free_locked(ptr);
        }
    }
    mutex_unlock(MUTEX_GET(__buddy));
    return result;
}
