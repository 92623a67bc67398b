/* memcpy, memmove and memset: what the compiler calls for aggregate copies and clears.
 * The loops go through volatile pointers so that the optimiser does not recognise them as
 * memcpy/memset idioms and turn them into calls to themselves. */

void *memcpy(void *dest, const void *src, unsigned int n)
{
    volatile unsigned char *d = dest;
    const volatile unsigned char *s = src;
    while (n--)
        *d++ = *s++;
    return dest;
}

void *memmove(void *dest, const void *src, unsigned int n)
{
    volatile unsigned char *d = dest;
    const volatile unsigned char *s = src;
    if (d < s) {
        while (n--)
            *d++ = *s++;
    } else {
        d += n;
        s += n;
        while (n--)
            *--d = *--s;
    }
    return dest;
}

void *memset(void *dest, int c, unsigned int n)
{
    volatile unsigned char *d = dest;
    while (n--)
        *d++ = (unsigned char)c;
    return dest;
}
