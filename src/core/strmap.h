/* strmap: a small hash map from strings to a size_t, for the checks that
 * would otherwise compare every entry with every other (a hostile file with
 * 100,000 list items must not take minutes). Keys are copied. */
#ifndef SR_STRMAP_H
#define SR_STRMAP_H

#include <stdbool.h>
#include <stddef.h>

typedef struct {
    char **keys;
    size_t *vals;
    size_t n, cap;
} sr_strmap;

#define SR_STRMAP_INIT                                                                             \
    {                                                                                              \
        0                                                                                          \
    }

/* The value for key, or NULL. The pointer is valid until the next put. */
size_t *sr_strmap_get(const sr_strmap *m, const char *key);
/* Sets key to val; returns true if key was new. */
bool sr_strmap_put(sr_strmap *m, const char *key, size_t val);
void sr_strmap_free(sr_strmap *m);

#endif
