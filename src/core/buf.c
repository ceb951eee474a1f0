/* buf: growable byte buffer, see buf.h. */
#include "core/buf.h"

#include "core/arena.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void grow(sr_buf *b, size_t extra)
{
    if (b->len + extra + 1 <= b->cap)
        return;
    size_t cap = b->cap ? b->cap : 64;
    while (cap < b->len + extra + 1)
        cap *= 2;
    b->data = sr_xrealloc(b->data, cap);
    b->cap = cap;
}

void sr_buf_put(sr_buf *b, const char *s, size_t n)
{
    grow(b, n);
    memcpy(b->data + b->len, s, n);
    b->len += n;
    b->data[b->len] = '\0';
}

void sr_buf_puts(sr_buf *b, const char *s)
{
    sr_buf_put(b, s, strlen(s));
}

void sr_buf_putc(sr_buf *b, char c)
{
    sr_buf_put(b, &c, 1);
}

void sr_buf_printf(sr_buf *b, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    if (n < 0)
        return;
    grow(b, (size_t)n);
    va_start(ap, fmt);
    vsnprintf(b->data + b->len, (size_t)n + 1, fmt, ap);
    va_end(ap);
    b->len += (size_t)n;
}

void sr_buf_clear(sr_buf *b)
{
    b->len = 0;
    if (b->data)
        b->data[0] = '\0';
}

void sr_buf_free(sr_buf *b)
{
    free(b->data);
    b->data = NULL;
    b->len = b->cap = 0;
}

char *sr_buf_take(sr_buf *b)
{
    char *p = b->data ? b->data : sr_xstrdup("");
    b->data = NULL;
    b->len = b->cap = 0;
    return p;
}

const char *sr_buf_str(const sr_buf *b)
{
    return b->data ? b->data : "";
}
