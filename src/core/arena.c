/* arena: bump allocator, see arena.h. */
#include "core/arena.h"

#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define SR_ARENA_BLOCK (64 * 1024)

struct block {
    struct block *next;
    size_t used, cap;
    max_align_t data[];
};

struct sr_arena {
    struct block *head;
};

_Noreturn void sr_oom(void)
{
    fputs("sscp-report: out of memory\n", stderr);
    exit(3);
}

void *sr_xmalloc(size_t n)
{
    void *p = malloc(n ? n : 1);
    if (!p)
        sr_oom();
    return p;
}

void *sr_xcalloc(size_t n, size_t size)
{
    void *p = calloc(n ? n : 1, size ? size : 1);
    if (!p)
        sr_oom();
    return p;
}

void *sr_xrealloc(void *p, size_t n)
{
    void *q = realloc(p, n ? n : 1);
    if (!q)
        sr_oom();
    return q;
}

char *sr_xstrdup(const char *s)
{
    size_t n = strlen(s) + 1;
    return memcpy(sr_xmalloc(n), s, n);
}

sr_arena *sr_arena_new(void)
{
    return sr_xcalloc(1, sizeof(sr_arena));
}

void sr_arena_free(sr_arena *a)
{
    if (!a)
        return;
    struct block *b = a->head;
    while (b) {
        struct block *next = b->next;
        free(b);
        b = next;
    }
    free(a);
}

void *sr_arena_alloc(sr_arena *a, size_t size)
{
    const size_t align = sizeof(max_align_t);
    size = (size + align - 1) / align * align;
    if (size == 0)
        size = align;
    struct block *b = a->head;
    if (!b || b->cap - b->used < size) {
        size_t cap = size > SR_ARENA_BLOCK ? size : SR_ARENA_BLOCK;
        if (cap > SIZE_MAX - sizeof(struct block))
            sr_oom();
        b = sr_xmalloc(sizeof(struct block) + cap);
        b->used = 0;
        b->cap = cap;
        /* Large one-off blocks go behind the current one so the rest of
         * the current block stays usable. */
        if (a->head && size > SR_ARENA_BLOCK) {
            b->next = a->head->next;
            a->head->next = b;
        } else {
            b->next = a->head;
            a->head = b;
        }
    }
    void *p = (char *)b->data + b->used;
    b->used += size;
    memset(p, 0, size);
    return p;
}

char *sr_arena_strndup(sr_arena *a, const char *s, size_t n)
{
    char *p = sr_arena_alloc(a, n + 1);
    memcpy(p, s, n);
    p[n] = '\0';
    return p;
}

char *sr_arena_strdup(sr_arena *a, const char *s)
{
    return sr_arena_strndup(a, s, strlen(s));
}

char *sr_arena_printf(sr_arena *a, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    if (n < 0)
        sr_oom();
    char *p = sr_arena_alloc(a, (size_t)n + 1);
    va_start(ap, fmt);
    vsnprintf(p, (size_t)n + 1, fmt, ap);
    va_end(ap);
    return p;
}
