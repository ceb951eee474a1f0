/* arena: a bump allocator that owns everything allocated from it.
 *
 * Trees built while loading a year (YAML nodes, figures, strings) come from
 * one arena and are freed together with sr_arena_free(). Allocation failure
 * is fatal for the process (exit code 3) rather than a NULL every caller
 * would have to check: there is no sensible partial result.
 */
#ifndef SR_ARENA_H
#define SR_ARENA_H

#include <stddef.h>

typedef struct sr_arena sr_arena;

sr_arena *sr_arena_new(void);
void sr_arena_free(sr_arena *a);

/* Zeroed memory aligned for any object; lives until sr_arena_free(). */
void *sr_arena_alloc(sr_arena *a, size_t size);
/* Copies of strings; the copy is NUL-terminated. */
char *sr_arena_strdup(sr_arena *a, const char *s);
char *sr_arena_strndup(sr_arena *a, const char *s, size_t n);
/* printf into the arena. */
char *sr_arena_printf(sr_arena *a, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* Out-of-memory handler shared by every allocator wrapper in the program. */
_Noreturn void sr_oom(void);
void *sr_xmalloc(size_t n);
void *sr_xcalloc(size_t n, size_t size);
void *sr_xrealloc(void *p, size_t n);
char *sr_xstrdup(const char *s);

#endif
