/* filehash: the cache of large files' SHA-256, see filehash.h. */
#include "core/filehash.h"

#include "core/arena.h"
#include "core/buf.h"
#include "core/fsutil.h"

#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#define MAGIC "sscp-report file hashes 1"

/* What stat(2) says of a file: an entry is used only when all of it is
 * the same. */
typedef struct {
    unsigned long long dev, ino, size, mtime_s, mtime_ns, ctime_s, ctime_ns;
} file_id;

typedef struct {
    file_id id;
    char sha256[SR_HEX_SHA256];
    bool used; /* looked up, or added, by this run */
} entry;

struct sr_hash_cache {
    char *path; /* NULL: no cache */
    entry *v;
    size_t n, cap;
    bool dirty;
    size_t hits, reads;
};

static bool same_id(const file_id *a, const file_id *b)
{
    return a->dev == b->dev && a->ino == b->ino && a->size == b->size && a->mtime_s == b->mtime_s &&
           a->mtime_ns == b->mtime_ns && a->ctime_s == b->ctime_s && a->ctime_ns == b->ctime_ns;
}

/* path's identity; false when it cannot be had, or is not a regular file
 * (times before 1970 included). */
static bool id_of(const char *path, file_id *id)
{
    struct stat st;
    if (stat(path, &st) != 0 || !S_ISREG(st.st_mode) || st.st_size < 0 || st.st_mtim.tv_sec < 0 ||
        st.st_ctim.tv_sec < 0)
        return false;
    *id = (file_id){(unsigned long long)st.st_dev,          (unsigned long long)st.st_ino,
                    (unsigned long long)st.st_size,         (unsigned long long)st.st_mtim.tv_sec,
                    (unsigned long long)st.st_mtim.tv_nsec, (unsigned long long)st.st_ctim.tv_sec,
                    (unsigned long long)st.st_ctim.tv_nsec};
    return true;
}

/* The entry for the same device and inode, or NULL. */
static entry *find(entry *v, size_t n, const file_id *id)
{
    for (size_t i = 0; i < n; i++)
        if (v[i].id.dev == id->dev && v[i].id.ino == id->ino)
            return &v[i];
    return NULL;
}

static void push(entry **v, size_t *n, size_t *cap, const entry *e)
{
    if (*n == *cap) {
        *cap = *cap ? 2 * *cap : 16;
        *v = sr_xrealloc(*v, *cap * sizeof **v);
    }
    (*v)[(*n)++] = *e;
}

/* One decimal field of at most 20 digits ending at a space or at end
 * (the end of the line); advances *p past it and the space. */
static bool number(const char **p, const char *end, unsigned long long *out)
{
    const char *s = *p;
    unsigned long long v = 0;
    size_t k = 0;
    for (; s < end && *s >= '0' && *s <= '9'; s++, k++) {
        unsigned d = (unsigned)(*s - '0');
        if (k >= 20 || v > (UINT64_MAX - d) / 10)
            return false;
        v = v * 10 + d;
    }
    if (k == 0 || (s < end && *s != ' ') || (k > 1 && **p == '0'))
        return false;
    *out = v;
    *p = s < end ? s + 1 : s;
    return true;
}

/* One line "DEV INO SIZE MTIME_S MTIME_NS CTIME_S CTIME_NS SHA256". */
static bool parse_entry(const char *s, const char *end, entry *e)
{
    unsigned long long *f[] = {&e->id.dev,      &e->id.ino,     &e->id.size,    &e->id.mtime_s,
                               &e->id.mtime_ns, &e->id.ctime_s, &e->id.ctime_ns};
    for (size_t i = 0; i < sizeof f / sizeof *f; i++)
        if (!number(&s, end, f[i]) || s == end)
            return false;
    if (e->id.mtime_ns > 999999999 || e->id.ctime_ns > 999999999 || end - s != 64)
        return false;
    for (size_t i = 0; i < 64; i++) {
        char c = s[i];
        if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f')))
            return false;
        e->sha256[i] = c;
    }
    e->sha256[64] = '\0';
    e->used = false;
    return true;
}

/* The entries of the cache file at path into *v (none when it is missing
 * or not wholly a cache of this program's: then false). */
static bool load(const char *path, entry **v, size_t *n, size_t *cap)
{
    char *data;
    size_t len;
    if (sr_read_file_unlogged(path, SR_HASH_CACHE_MAX_BYTES, &data, &len) != SR_READ_OK)
        return false;
    const char *p = data, *end = data + len;
    size_t had = *n, lineno = 0;
    bool ok = false;
    while (p < end) {
        const char *nl = memchr(p, '\n', (size_t)(end - p));
        if (!nl)
            break; /* cut short: no line ends without a newline */
        lineno++;
        if (lineno == 1) {
            if ((size_t)(nl - p) != strlen(MAGIC) || memcmp(p, MAGIC, strlen(MAGIC)) != 0)
                break;
        } else if (nl - p > 4 && memcmp(p, "end ", 4) == 0) {
            /* "end COUNT SHA256", the SHA-256 of every byte before it: a
             * byte changed anywhere (a digit of a hash) is found. */
            const char *q = p + 4;
            unsigned long long count;
            char sum[SR_HEX_SHA256];
            sr_sha256_hex(data, (size_t)(p - data), sum);
            ok = number(&q, nl, &count) && q < nl && count == *n - had && nl + 1 == end &&
                 nl - q == 64 && memcmp(q, sum, 64) == 0;
            break;
        } else {
            entry e;
            if (*n - had >= SR_HASH_CACHE_MAX_ENTRIES || !parse_entry(p, nl, &e) ||
                find(*v + had, *n - had, &e.id))
                break;
            push(v, n, cap, &e);
        }
        p = nl + 1;
    }
    free(data);
    if (!ok)
        *n = had;
    return ok;
}

sr_hash_cache *sr_hash_cache_open(const char *path)
{
    sr_hash_cache *c = sr_xcalloc(1, sizeof *c);
    if (!path)
        return c;
    c->path = sr_xstrdup(path);
    /* Anything but a whole cache is rewritten. */
    c->dirty = !load(path, &c->v, &c->n, &c->cap);
    return c;
}

bool sr_hash_cache_file(sr_hash_cache *c, const char *path, char hex[SR_HEX_SHA256],
                        long long *bytes)
{
    file_id before = {0}, after = {0}; /* set by id_of; zeroed for -O3, which cannot see that */
    bool known = id_of(path, &before);
    entry *e = known && c->path ? find(c->v, c->n, &before) : NULL;
    if (e && same_id(&e->id, &before)) {
        e->used = true;
        c->hits++;
        snprintf(hex, SR_HEX_SHA256, "%s", e->sha256);
        *bytes = (long long)before.size;
        sr_log_note_read(path, *bytes, hex);
        return true;
    }
    char *data;
    size_t len;
    if (sr_read_file_hashed(path, (size_t)1 << 30, &data, &len, hex) != SR_READ_OK)
        return false;
    free(data);
    c->reads++;
    *bytes = (long long)len;
    /* Cached only when the file did not change while read, and has not
     * changed so lately that a change to come could leave its times as
     * they are. */
    time_t now = time(NULL);
    if (!c->path || !known || !id_of(path, &after) || !same_id(&before, &after) ||
        after.size != (unsigned long long)len || now == (time_t)-1 ||
        (long long)after.ctime_s > (long long)now - SR_HASH_CACHE_SETTLE ||
        (long long)after.mtime_s > (long long)now - SR_HASH_CACHE_SETTLE)
        return true;
    entry ne = {.id = after, .used = true};
    snprintf(ne.sha256, sizeof ne.sha256, "%s", hex);
    if (e)
        *e = ne;
    else
        push(&c->v, &c->n, &c->cap, &ne);
    c->dirty = true;
    return true;
}

void sr_hash_cache_counts(const sr_hash_cache *c, size_t *hits, size_t *reads)
{
    *hits = c->hits;
    *reads = c->reads;
}

static void save(sr_hash_cache *c)
{
    char *dir = sr_dirname(c->path);
    int lock = sr_try_lock_dir(dir);
    if (lock < 0) {
        free(dir); /* another process is writing it: left to a later run */
        return;
    }
    /* Killed runs' temporary files, then what others wrote since it was
     * read: theirs are kept after this run's own. */
    sr_remove_stale_temps(dir);
    free(dir);
    entry *disk = NULL;
    size_t ndisk = 0, capdisk = 0;
    load(c->path, &disk, &ndisk, &capdisk);
    entry *all = NULL;
    size_t n = 0, cap = 0;
    for (int pass = 0; pass < 3; pass++) {
        /* The entries this run used, then the file's as it is now, then
         * the others this run had read. */
        const entry *v = pass == 1 ? disk : c->v;
        size_t nv = pass == 1 ? ndisk : c->n;
        for (size_t i = 0; i < nv && n < SR_HASH_CACHE_MAX_ENTRIES; i++)
            if ((pass == 1 || v[i].used == (pass == 0)) && !find(all, n, &v[i].id))
                push(&all, &n, &cap, &v[i]);
    }
    sr_buf b = SR_BUF_INIT;
    sr_buf_puts(&b, MAGIC "\n");
    for (size_t i = 0; i < n; i++) {
        const file_id *d = &all[i].id;
        sr_buf_printf(&b, "%llu %llu %llu %llu %llu %llu %llu %s\n", d->dev, d->ino, d->size,
                      d->mtime_s, d->mtime_ns, d->ctime_s, d->ctime_ns, all[i].sha256);
    }
    char sum[SR_HEX_SHA256];
    sr_sha256_hex(b.data, b.len, sum);
    sr_buf_printf(&b, "end %zu %s\n", n, sum);
    /* A cache that cannot be written (a folder in its place, a full disk)
     * costs only the time to hash again: the run goes on without it. */
    (void)sr_write_file_atomic(c->path, b.data, b.len);
    sr_buf_free(&b);
    free(all);
    free(disk);
    sr_unlock_dir(lock);
}

void sr_hash_cache_close(sr_hash_cache *c)
{
    if (!c)
        return;
    if (c->path && c->dirty)
        save(c);
    free(c->path);
    free(c->v);
    free(c);
}
