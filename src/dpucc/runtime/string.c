/* memcpy, memmove and memset: what the compiler calls for aggregate copies and clears.
 * Aligned blocks move 8 bytes at a time (ld/sd), then 4, then bytes.  The runtime is compiled
 * with no-builtins (dpucc.driver), so the optimiser does not turn these loops into calls to
 * themselves. */

typedef unsigned int u32;
typedef unsigned long long u64;

void *memcpy(void *dest, const void *src, unsigned int n)
{
    unsigned char *d = dest;
    const unsigned char *s = src;
    u32 both = (u32)d | (u32)s;
    if ((both & 7) == 0)
        for (; n >= 8; n -= 8, d += 8, s += 8)
            *(u64 *)d = *(const u64 *)s;
    else if ((both & 3) == 0)
        for (; n >= 4; n -= 4, d += 4, s += 4)
            *(u32 *)d = *(const u32 *)s;
    while (n--)
        *d++ = *s++;
    return dest;
}

void *memmove(void *dest, const void *src, unsigned int n)
{
    unsigned char *d = dest;
    const unsigned char *s = src;
    if (d <= s || d >= s + n)
        return memcpy(dest, src, n); /* no overlap, or copying forward is safe */
    /* d overlaps s from above: copy backward */
    d += n;
    s += n;
    if ((((u32)d | (u32)s) & 3) == 0)
        for (; n >= 4; n -= 4) {
            d -= 4;
            s -= 4;
            *(u32 *)d = *(const u32 *)s;
        }
    while (n--)
        *--d = *--s;
    return dest;
}

void *memset(void *dest, int c, unsigned int n)
{
    unsigned char *d = dest;
    u32 word = (unsigned char)c;
    word |= word << 8;
    word |= word << 16;
    for (; n && ((u32)d & 7); n--)
        *d++ = (unsigned char)c;
    u64 pair = ((u64)word << 32) | word;
    for (; n >= 8; n -= 8, d += 8)
        *(u64 *)d = pair;
    while (n--)
        *d++ = (unsigned char)c;
    return dest;
}
