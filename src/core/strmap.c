/* strmap: open-addressing string map, see strmap.h. */
#include "core/strmap.h"

#include "core/arena.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

static size_t hash(const char *s)
{
    uint64_t h = 1469598103934665603ull;
    for (; *s; s++)
        h = (h ^ (unsigned char)*s) * 1099511628211ull;
    return (size_t)h;
}

static size_t slot(const sr_strmap *m, const char *key)
{
    size_t i = hash(key) & (m->cap - 1);
    while (m->keys[i] && strcmp(m->keys[i], key) != 0)
        i = (i + 1) & (m->cap - 1);
    return i;
}

size_t *sr_strmap_get(const sr_strmap *m, const char *key)
{
    if (!m->cap)
        return NULL;
    size_t i = slot(m, key);
    return m->keys[i] ? &m->vals[i] : NULL;
}

bool sr_strmap_put(sr_strmap *m, const char *key, size_t val)
{
    if ((m->n + 1) * 2 > m->cap) {
        sr_strmap old = *m;
        m->cap = old.cap ? old.cap * 2 : 16;
        m->keys = sr_xcalloc(m->cap, sizeof *m->keys);
        m->vals = sr_xcalloc(m->cap, sizeof *m->vals);
        for (size_t i = 0; i < old.cap; i++) {
            if (!old.keys[i])
                continue;
            size_t j = slot(m, old.keys[i]);
            m->keys[j] = old.keys[i];
            m->vals[j] = old.vals[i];
        }
        free(old.keys);
        free(old.vals);
    }
    size_t i = slot(m, key);
    if (m->keys[i]) {
        m->vals[i] = val;
        return false;
    }
    m->keys[i] = sr_xstrdup(key);
    m->vals[i] = val;
    m->n++;
    return true;
}

void sr_strmap_free(sr_strmap *m)
{
    for (size_t i = 0; i < m->cap; i++)
        free(m->keys[i]);
    free(m->keys);
    free(m->vals);
    memset(m, 0, sizeof *m);
}
