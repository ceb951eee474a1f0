/* buf: a growable, always NUL-terminated byte buffer (heap-owned).
 * The owner calls sr_buf_free(); sr_buf_take() hands the bytes over. */
#ifndef SR_BUF_H
#define SR_BUF_H

#include <stddef.h>

typedef struct sr_buf {
    char *data;
    size_t len, cap;
} sr_buf;

#define SR_BUF_INIT                                                                                \
    {                                                                                              \
        0                                                                                          \
    }

void sr_buf_put(sr_buf *b, const char *s, size_t n);
void sr_buf_puts(sr_buf *b, const char *s);
void sr_buf_putc(sr_buf *b, char c);
void sr_buf_printf(sr_buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void sr_buf_clear(sr_buf *b);
void sr_buf_free(sr_buf *b);
/* Returns the bytes (caller frees) and leaves b empty. */
char *sr_buf_take(sr_buf *b);
/* Contents as a string; never NULL. */
const char *sr_buf_str(const sr_buf *b);

#endif
