/* Character classes of the C locale, as macros over the plain ASCII ranges. */
#ifndef _DPU_CTYPE_H
#define _DPU_CTYPE_H
#define isdigit(c) ((unsigned)(c) - '0' < 10u)
#define islower(c) ((unsigned)(c) - 'a' < 26u)
#define isupper(c) ((unsigned)(c) - 'A' < 26u)
#define isalpha(c) (islower(c) || isupper(c))
#define isalnum(c) (isalpha(c) || isdigit(c))
#define isxdigit(c) (isdigit(c) || (unsigned)((c) | 0x20) - 'a' < 6u)
#define isspace(c) ((c) == ' ' || (unsigned)(c) - '\t' < 5u)
#define isprint(c) ((unsigned)(c) - 0x20 < 0x5fu)
#define ispunct(c) (isprint(c) && !isalnum(c) && (c) != ' ')
#define iscntrl(c) ((unsigned)(c) < 0x20u || (c) == 0x7f)
#define tolower(c) (isupper(c) ? (c) | 0x20 : (c))
#define toupper(c) (islower(c) ? (c) & ~0x20 : (c))
#endif
