/* fsutil: file reading and atomic writing, see fsutil.h. */
#include "core/fsutil.h"

#include "core/arena.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <glib.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <signal.h>
#include <unistd.h>

/* ---- the log of what was read and written ---------------------------------------------- */

static sr_file_log *read_log, *write_log;
/* Taken to note into a log, or to start or stop one: outputs written from
 * several threads note their files into the one write log. Statically
 * zeroed, as GLib allows. */
static GMutex log_lock;

void sr_log_reads(sr_file_log *log)
{
    g_mutex_lock(&log_lock);
    read_log = log;
    g_mutex_unlock(&log_lock);
}

void sr_log_writes(sr_file_log *log)
{
    g_mutex_lock(&log_lock);
    write_log = log;
    g_mutex_unlock(&log_lock);
}

void sr_sha256_hex(const void *data, size_t len, char hex[SR_HEX_SHA256])
{
    GChecksum *c = g_checksum_new(G_CHECKSUM_SHA256);
    g_checksum_update(c, (const guchar *)data, (gssize)len);
    snprintf(hex, SR_HEX_SHA256, "%s", g_checksum_get_string(c));
    g_checksum_free(c);
}

/* path with "./" components and repeated slashes removed, malloc'd: the
 * same file named two ways by two readers is one entry. */
char *sr_path_normalised(const char *path)
{
    char *out = sr_xmalloc(strlen(path) + 1), *o = out;
    const char *p = path;
    while (p[0] == '.' && p[1] == '/')
        p += 2;
    for (; *p; p++) {
        if (*p == '/' && o > out && o[-1] == '/')
            continue;
        if (*p == '/' && p[1] == '.' && (p[2] == '/' || p[2] == '\0')) {
            p++;
            if (o == out || o[-1] != '/')
                *o++ = '/';
            continue;
        }
        *o++ = *p;
    }
    while (o > out + 1 && o[-1] == '/')
        o--;
    *o = '\0';
    return out;
}

const sr_logged_file *sr_file_log_find(const sr_file_log *log, const char *path)
{
    if (!log)
        return NULL;
    char *key = sr_path_normalised(path);
    const sr_logged_file *f = NULL;
    for (size_t i = 0; i < log->nfiles && !f; i++)
        if (strcmp(log->files[i].path, key) == 0)
            f = &log->files[i];
    free(key);
    return f;
}

const sr_logged_dir *sr_file_log_find_dir(const sr_file_log *log, const char *dir)
{
    if (!log)
        return NULL;
    char *key = sr_path_normalised(dir);
    const sr_logged_dir *d = NULL;
    for (size_t i = 0; i < log->ndirs && !d; i++)
        if (strcmp(log->dirs[i].dir, key) == 0)
            d = &log->dirs[i];
    free(key);
    return d;
}

/* Notes path's bytes, len of them with SHA-256 hex (hex NULL: missing), in
 * the read log (is_write false) or the write log, when that log is active.
 * A later read with other bytes marks the entry changed; a later write
 * replaces it. The caller has hashed the bytes: nothing is hashed here. */
static void note_file(const char *path, size_t len, const char *hex, bool is_write)
{
    g_mutex_lock(&log_lock);
    sr_file_log *log = is_write ? write_log : read_log;
    if (!log) {
        g_mutex_unlock(&log_lock);
        return;
    }
    sr_logged_file *f = (sr_logged_file *)sr_file_log_find(log, path);
    if (f) {
        if (is_write) {
            f->missing = false;
            f->bytes = (long long)len;
            snprintf(f->sha256, sizeof f->sha256, "%s", hex);
        } else if (f->missing != !hex || (hex && strcmp(f->sha256, hex) != 0)) {
            f->changed = true;
        }
        g_mutex_unlock(&log_lock);
        return;
    }
    if (log->nfiles == log->capfiles) {
        log->capfiles = log->capfiles ? 2 * log->capfiles : 64;
        log->files = sr_xrealloc(log->files, log->capfiles * sizeof *log->files);
    }
    f = &log->files[log->nfiles++];
    *f = (sr_logged_file){
        .path = sr_path_normalised(path), .missing = !hex, .bytes = (long long)len};
    snprintf(f->sha256, sizeof f->sha256, "%s", hex ? hex : "");
    g_mutex_unlock(&log_lock);
}

/* Whether a log of that kind is active (so the bytes are worth hashing). */
static bool logging(bool is_write)
{
    g_mutex_lock(&log_lock);
    bool on = (is_write ? write_log : read_log) != NULL;
    g_mutex_unlock(&log_lock);
    return on;
}

void sr_log_note_read(const char *path, long long bytes, const char *sha256)
{
    note_file(path, (size_t)bytes, sha256, false);
}

static bool same_names(char **a, char **b)
{
    for (; *a && *b; a++, b++)
        if (strcmp(*a, *b) != 0)
            return false;
    return !*a && !*b;
}

/* Notes dir's listing in the read log (taken over: names is the log's
 * now, or freed when no log is active). */
static void note_dir(const char *dir, char **names)
{
    g_mutex_lock(&log_lock);
    sr_file_log *log = read_log;
    if (!log) {
        g_mutex_unlock(&log_lock);
        sr_free_names(names);
        return;
    }
    sr_logged_dir *d = (sr_logged_dir *)sr_file_log_find_dir(log, dir);
    if (d) {
        if (!same_names(d->names, names))
            d->changed = true;
        g_mutex_unlock(&log_lock);
        sr_free_names(names);
        return;
    }
    if (log->ndirs == log->capdirs) {
        log->capdirs = log->capdirs ? 2 * log->capdirs : 16;
        log->dirs = sr_xrealloc(log->dirs, log->capdirs * sizeof *log->dirs);
    }
    log->dirs[log->ndirs++] = (sr_logged_dir){sr_path_normalised(dir), names, false};
    g_mutex_unlock(&log_lock);
}

void sr_file_log_free(sr_file_log *log)
{
    for (size_t i = 0; i < log->nfiles; i++)
        free(log->files[i].path);
    for (size_t i = 0; i < log->ndirs; i++) {
        free(log->dirs[i].dir);
        sr_free_names(log->dirs[i].names);
    }
    free(log->files);
    free(log->dirs);
    memset(log, 0, sizeof *log);
}

static sr_read_status read_file(const char *path, size_t limit, char **data, size_t *size);

/* Reads path; with want (or an active read log) hashes the bytes once,
 * into hex, and notes them in the log. */
static sr_read_status read_noted(const char *path, size_t limit, char **data, size_t *size,
                                 char hex[SR_HEX_SHA256], bool want)
{
    sr_read_status st = read_file(path, limit, data, size);
    bool log = logging(false);
    if (st == SR_READ_OK && (want || log))
        sr_sha256_hex(*data, *size, hex);
    if (log && st == SR_READ_OK)
        note_file(path, *size, hex, false);
    else if (log && st == SR_READ_NOT_FOUND)
        note_file(path, 0, NULL, false);
    return st;
}

sr_read_status sr_read_file(const char *path, size_t limit, char **data, size_t *size)
{
    char hex[SR_HEX_SHA256];
    return read_noted(path, limit, data, size, hex, false);
}

sr_read_status sr_read_file_hashed(const char *path, size_t limit, char **data, size_t *size,
                                   char hex[SR_HEX_SHA256])
{
    return read_noted(path, limit, data, size, hex, true);
}

sr_read_status sr_read_file_unlogged(const char *path, size_t limit, char **data, size_t *size)
{
    return read_file(path, limit, data, size);
}

static sr_read_status read_file(const char *path, size_t limit, char **data, size_t *size)
{
    *data = NULL;
    *size = 0;
    /* O_NONBLOCK: opening a named pipe must not wait for a writer. */
    int fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK);
    if (fd < 0)
        return errno == ENOENT ? SR_READ_NOT_FOUND : SR_READ_ERROR;
    struct stat st;
    if (fstat(fd, &st) != 0) {
        int e = errno;
        close(fd);
        errno = e;
        return SR_READ_ERROR;
    }
    if (S_ISDIR(st.st_mode)) {
        close(fd);
        return SR_READ_IS_DIR;
    }
    if (!S_ISREG(st.st_mode)) {
        close(fd);
        return SR_READ_NOT_REGULAR;
    }
    if ((size_t)st.st_size > limit) {
        *size = (size_t)st.st_size;
        close(fd);
        return SR_READ_TOO_LARGE;
    }
    size_t cap = (size_t)st.st_size + 1, len = 0;
    char *buf = sr_xmalloc(cap);
    for (;;) {
        if (len + 1 >= cap) {
            if (cap > limit + 1) {
                free(buf);
                close(fd);
                *size = len;
                return SR_READ_TOO_LARGE;
            }
            cap *= 2;
            buf = sr_xrealloc(buf, cap);
        }
        ssize_t r = read(fd, buf + len, cap - len - 1);
        if (r < 0) {
            if (errno == EINTR)
                continue;
            int e = errno;
            free(buf);
            close(fd);
            errno = e;
            return SR_READ_ERROR;
        }
        if (r == 0)
            break;
        len += (size_t)r;
        if (len > limit) {
            free(buf);
            close(fd);
            *size = len;
            return SR_READ_TOO_LARGE;
        }
    }
    close(fd);
    buf[len] = '\0';
    *data = buf;
    *size = len;
    return SR_READ_OK;
}

sr_read_status sr_read_file_within(const char *path, const char *root, size_t limit, char **data,
                                   size_t *size, char **outside)
{
    if (outside)
        *outside = NULL;
    if (root) {
        char *real = realpath(path, NULL), *rroot = realpath(root, NULL);
        if (real && rroot) {
            size_t n = strlen(rroot);
            bool inside = strncmp(real, rroot, n) == 0 && (real[n] == '/' || n == 1);
            if (!inside) {
                *data = NULL;
                *size = 0;
                if (outside)
                    *outside = real;
                else
                    free(real);
                free(rroot);
                return SR_READ_OUTSIDE;
            }
        }
        free(real);
        free(rroot);
        /* A path that cannot be resolved is reported by the read below. */
    }
    return sr_read_file(path, limit, data, size);
}

int sr_write_file_atomic(const char *path, const char *data, size_t len)
{
    char *tmp = sr_temp_name(path, "XXXXXX");
    int fd = mkstemp(tmp);
    if (fd < 0) {
        int e = errno;
        free(tmp);
        errno = e;
        return -1;
    }
    size_t off = 0;
    while (off < len) {
        ssize_t w = write(fd, data + off, len - off);
        if (w < 0) {
            if (errno == EINTR)
                continue;
            goto fail;
        }
        off += (size_t)w;
    }
    if (fchmod(fd, 0644) != 0 || fsync(fd) != 0)
        goto fail;
    if (close(fd) != 0) {
        fd = -1;
        goto fail;
    }
    fd = -1;
    /* Hashed from the bytes in hand, as written: the file is not read. */
    char hex[SR_HEX_SHA256];
    bool log = logging(true);
    if (log)
        sr_sha256_hex(data, len, hex);
    if (rename(tmp, path) != 0)
        goto fail;
    if (log)
        note_file(path, len, hex, true);
    free(tmp);
    return 0;
fail:;
    int e = errno;
    if (fd >= 0)
        close(fd);
    unlink(tmp);
    free(tmp);
    errno = e;
    return -1;
}

struct sr_out_file {
    char *path, *tmp;
    int fd;
    int err; /* the first error's errno, 0 while there is none */
    GChecksum *sha;
    long long bytes;
    size_t n;
    unsigned char buf[65536];
};

/* Writes len bytes to fd, whatever the system takes at once. 0, or -1
 * with errno. */
static int write_all(int fd, const unsigned char *p, size_t len)
{
    while (len > 0) {
        ssize_t w = write(fd, p, len);
        if (w < 0 && errno == EINTR)
            continue;
        if (w < 0)
            return -1;
        p += w;
        len -= (size_t)w;
    }
    return 0;
}

sr_out_file *sr_out_open(const char *path)
{
    sr_out_file *f = sr_xmalloc(sizeof *f);
    f->tmp = sr_temp_name(path, "XXXXXX");
    f->fd = mkstemp(f->tmp);
    if (f->fd < 0) {
        int e = errno;
        free(f->tmp);
        free(f);
        errno = e;
        return NULL;
    }
    f->path = sr_xstrdup(path);
    f->err = 0;
    f->sha = g_checksum_new(G_CHECKSUM_SHA256);
    f->bytes = 0;
    f->n = 0;
    return f;
}

int sr_out_write(sr_out_file *f, const void *data, size_t len)
{
    if (f->err) {
        errno = f->err;
        return -1;
    }
    g_checksum_update(f->sha, (const guchar *)data, (gssize)len);
    f->bytes += (long long)len;
    const unsigned char *p = data;
    if (f->n + len > sizeof f->buf) {
        if (write_all(f->fd, f->buf, f->n) != 0 ||
            (len >= sizeof f->buf && write_all(f->fd, p, len) != 0)) {
            f->err = errno;
            return -1;
        }
        f->n = 0;
        if (len >= sizeof f->buf)
            return 0;
    }
    memcpy(f->buf + f->n, p, len);
    f->n += len;
    return 0;
}

long long sr_out_bytes(const sr_out_file *f)
{
    return f->bytes;
}

static void out_free(sr_out_file *f)
{
    if (f->sha)
        g_checksum_free(f->sha);
    free(f->path);
    free(f->tmp);
    free(f);
}

void sr_out_abort(sr_out_file *f)
{
    if (!f)
        return;
    int e = errno;
    close(f->fd);
    unlink(f->tmp);
    out_free(f);
    errno = e;
}

int sr_out_commit(sr_out_file *f)
{
    if (!f->err &&
        (write_all(f->fd, f->buf, f->n) != 0 || fchmod(f->fd, 0644) != 0 || fsync(f->fd) != 0))
        f->err = errno;
    if (close(f->fd) != 0 && !f->err)
        f->err = errno;
    if (!f->err && rename(f->tmp, f->path) != 0)
        f->err = errno;
    if (f->err) {
        int e = f->err;
        unlink(f->tmp);
        out_free(f);
        errno = e;
        return -1;
    }
    char hex[SR_HEX_SHA256];
    snprintf(hex, sizeof hex, "%s", g_checksum_get_string(f->sha));
    note_file(f->path, (size_t)f->bytes, hex, true);
    out_free(f);
    return 0;
}

/* What stat or lstat (follow) found at path. */
static sr_path_kind kind_of(const char *path, bool follow)
{
    struct stat st;
    if ((follow ? stat(path, &st) : lstat(path, &st)) != 0)
        return SR_PATH_NONE;
    if (S_ISDIR(st.st_mode))
        return SR_PATH_DIR;
    if (S_ISREG(st.st_mode))
        return SR_PATH_FILE;
    return SR_PATH_OTHER;
}

sr_path_kind sr_path_kind_of(const char *path)
{
    return kind_of(path, true);
}

static int cmp_names(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

char **sr_list_dir(const char *dir, const char *suffix)
{
    DIR *d = opendir(dir);
    if (!d)
        return NULL;
    size_t n = 0, cap = 16, slen = strlen(suffix), nall = 0, capall = 16;
    char **v = sr_xmalloc(cap * sizeof *v);
    /* Every name, for the log of what was read. */
    char **all = logging(false) ? sr_xmalloc(capall * sizeof *all) : NULL;
    struct dirent *e;
    while ((e = readdir(d))) {
        size_t len = strlen(e->d_name);
        if (e->d_name[0] == '.')
            continue;
        if (all) {
            if (nall + 2 > capall) {
                capall *= 2;
                all = sr_xrealloc(all, capall * sizeof *all);
            }
            all[nall++] = sr_xstrdup(e->d_name);
        }
        if (len < slen || strcmp(e->d_name + len - slen, suffix) != 0)
            continue;
        if (n + 2 > cap) {
            cap *= 2;
            v = sr_xrealloc(v, cap * sizeof *v);
        }
        v[n++] = sr_xstrdup(e->d_name);
    }
    closedir(d);
    qsort(v, n, sizeof *v, cmp_names);
    v[n] = NULL;
    if (all) {
        qsort(all, nall, sizeof *all, cmp_names);
        all[nall] = NULL;
        note_dir(dir, all);
    }
    return v;
}

void sr_free_names(char **names)
{
    if (!names)
        return;
    for (char **p = names; *p; p++)
        free(*p);
    free(names);
}

int sr_remove_flat_dir(const char *dir)
{
    DIR *d = opendir(dir);
    if (!d)
        return -1;
    struct dirent *e;
    while ((e = readdir(d))) {
        if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
            continue;
        char *p = sr_path_join(dir, e->d_name);
        unlink(p);
        free(p);
    }
    closedir(d);
    return rmdir(dir);
}

char *sr_path_join(const char *dir, const char *name)
{
    size_t n = strlen(dir) + strlen(name) + 2;
    char *p = sr_xmalloc(n);
    if (strcmp(dir, ".") == 0)
        snprintf(p, n, "%s", name);
    else
        snprintf(p, n, "%s%s%s", dir, dir[0] && dir[strlen(dir) - 1] == '/' ? "" : "/", name);
    return p;
}

char *sr_dirname(const char *path)
{
    const char *slash = strrchr(path, '/');
    if (!slash)
        return sr_xstrdup(".");
    if (slash == path)
        return sr_xstrdup("/");
    size_t n = (size_t)(slash - path);
    char *p = sr_xmalloc(n + 1);
    memcpy(p, path, n);
    p[n] = '\0';
    return p;
}

const char *sr_basename(const char *path)
{
    const char *slash = strrchr(path, '/');
    return slash ? slash + 1 : path;
}

int sr_make_dirs(const char *path)
{
    char *p = sr_xstrdup(path);
    for (char *s = p + 1; *s; s++) {
        if (*s != '/')
            continue;
        *s = '\0';
        if (mkdir(p, 0755) != 0 && errno != EEXIST) {
            free(p);
            return -1;
        }
        *s = '/';
    }
    int r = mkdir(p, 0755) != 0 && errno != EEXIST ? -1 : 0;
    if (r == 0 && sr_path_kind_of(p) != SR_PATH_DIR) {
        errno = ENOTDIR;
        r = -1;
    }
    free(p);
    return r;
}

int sr_copy_file(const char *from, const char *to)
{
    char *data;
    size_t len;
    switch (sr_read_file(from, (size_t)1 << 30, &data, &len)) {
    case SR_READ_OK:
        break;
    case SR_READ_NOT_FOUND:
        errno = ENOENT;
        return -1;
    case SR_READ_IS_DIR:
        errno = EISDIR;
        return -1;
    case SR_READ_TOO_LARGE:
        errno = EFBIG;
        return -1;
    case SR_READ_NOT_REGULAR:
    case SR_READ_OUTSIDE:
        errno = EINVAL;
        return -1;
    case SR_READ_ERROR:
        return -1;
    }
    int r = sr_write_file_atomic(to, data, len);
    int e = errno;
    free(data);
    errno = e;
    return r;
}

const char *sr_io_error(int err)
{
    if (err == EFBIG)
        return "file too large for the file size limit (ulimit -f); raise the limit "
               "(ulimit -f unlimited) or ask whoever set it, then run the command again";
    return strerror(err);
}

char *sr_temp_name(const char *path, const char *suffix)
{
    char *dir = sr_dirname(path);
    size_t n = strlen(dir) + strlen(sr_basename(path)) + strlen(suffix) + 48;
    char *tmp = sr_xmalloc(n);
    snprintf(tmp, n, "%s/.%s.tmp-%ld-%s", dir, sr_basename(path), (long)getpid(), suffix);
    free(dir);
    return tmp;
}

/* The process id in a name made by sr_temp_name(), or 0 if it is not one. */
static long temp_owner(const char *name)
{
    if (name[0] != '.')
        return 0;
    const char *t = strstr(name, ".tmp-");
    if (!t)
        return 0;
    char *end;
    long pid = strtol(t + 5, &end, 10);
    return pid > 0 && *end == '-' ? pid : 0;
}

/* Whether pid is a process that has ended but not yet been waited for (a
 * zombie, "Z" in /proc/PID/stat): it writes nothing more. A build's second
 * process, killed with the build, is one until whoever inherits it waits. */
static bool ended(long pid)
{
    char path[64], buf[512];
    snprintf(path, sizeof path, "/proc/%ld/stat", pid);
    FILE *f = fopen(path, "r");
    if (!f)
        return false;
    size_t n = fread(buf, 1, sizeof buf - 1, f);
    fclose(f);
    buf[n] = '\0';
    /* "PID (NAME) STATE ...": NAME may hold spaces and brackets. */
    const char *p = strrchr(buf, ')');
    return p && p[1] == ' ' && p[2] == 'Z';
}

/* What path itself is, a link not followed: a temporary file or folder is
 * removed only when it is one, never what a link leads to. */
static sr_path_kind own_kind(const char *path)
{
    return kind_of(path, false);
}

int sr_remove_stale_temps(const char *dir)
{
    DIR *dh = opendir(dir);
    if (!dh)
        return 0;
    int n = 0;
    for (struct dirent *e; (e = readdir(dh));) {
        long pid = temp_owner(e->d_name);
        if (!pid || pid == (long)getpid())
            continue;
        if ((kill((pid_t)pid, 0) == 0 || errno != ESRCH) && !ended(pid))
            continue; /* still running (or not ours to judge) */
        char *path = sr_path_join(dir, e->d_name);
        sr_path_kind k = own_kind(path);
        if ((k == SR_PATH_FILE && unlink(path) == 0) ||
            (k == SR_PATH_DIR && sr_remove_flat_dir(path) == 0))
            n++;
        free(path);
    }
    closedir(dh);
    return n;
}

char *sr_temp_folder(const char *path, const char *suffix)
{
    /* A name of its own each time (mkdtemp's XXXXXX), so a folder left by
     * a killed process of the same id (a container's builds all run as
     * the same process id) is never in the way. */
    size_t n = strlen(suffix) + 7;
    char *unique = sr_xmalloc(n);
    snprintf(unique, n, "%sXXXXXX", suffix);
    char *dir = sr_temp_name(path, unique);
    free(unique);
    if (!mkdtemp(dir)) {
        int e = errno;
        free(dir);
        errno = e;
        return NULL;
    }
    return dir;
}

int sr_fsync_path(const char *path)
{
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return -1;
    int r = fsync(fd);
    int e = errno;
    close(fd);
    errno = e;
    return r;
}

/* Hashes the bytes of fd, from its start, into hex; *len receives how
 * many. 0, or -1 with errno. */
static int hash_fd(int fd, char hex[SR_HEX_SHA256], long long *len)
{
    GChecksum *c = g_checksum_new(G_CHECKSUM_SHA256);
    char buf[65536];
    long long n = 0;
    for (;;) {
        ssize_t r = read(fd, buf, sizeof buf);
        if (r < 0 && errno == EINTR)
            continue;
        if (r < 0) {
            int e = errno;
            g_checksum_free(c);
            errno = e;
            return -1;
        }
        if (r == 0)
            break;
        g_checksum_update(c, (const guchar *)buf, r);
        n += r;
    }
    snprintf(hex, SR_HEX_SHA256, "%s", g_checksum_get_string(c));
    g_checksum_free(c);
    *len = n;
    return 0;
}

int sr_rename_into_place(const char *tmp, const char *path)
{
    /* A library wrote tmp itself (the workbook), so its bytes are not in
     * hand: they are hashed from our own temporary file, which no other
     * process writes, on the descriptor that flushes it, before it takes
     * the final name. */
    char hex[SR_HEX_SHA256];
    long long len = 0;
    bool log = logging(true);
    int fd = open(tmp, O_RDONLY | O_CLOEXEC | O_NOFOLLOW);
    if (fd < 0 || (log && hash_fd(fd, hex, &len) != 0) || fsync(fd) != 0) {
        int e = errno;
        if (fd >= 0)
            close(fd);
        unlink(tmp);
        errno = e;
        return -1;
    }
    if (close(fd) != 0 || rename(tmp, path) != 0) {
        int e = errno;
        unlink(tmp);
        errno = e;
        return -1;
    }
    if (log)
        note_file(path, (size_t)len, hex, true);
    return 0;
}

static int lock_dir(const char *dir, const char *why, int how)
{
    int fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd < 0)
        return -1;
    int r = flock(fd, how | LOCK_NB);
    if (r != 0 && errno == EWOULDBLOCK) {
        fprintf(stderr,
                "sscp-report: waiting for another sscp-report command to finish with %s (%s)...\n",
                dir, why);
        while ((r = flock(fd, how)) != 0 && errno == EINTR)
            ;
    }
    if (r != 0) {
        int e = errno;
        close(fd);
        errno = e;
        return -1;
    }
    return fd;
}

int sr_lock_dir(const char *dir, const char *why)
{
    return lock_dir(dir, why, LOCK_EX);
}

int sr_lock_dir_shared(const char *dir, const char *why)
{
    return lock_dir(dir, why, LOCK_SH);
}

int sr_try_lock_dir(const char *dir)
{
    int fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd < 0)
        return -1;
    int r;
    while ((r = flock(fd, LOCK_EX | LOCK_NB)) != 0 && errno == EINTR)
        ;
    if (r != 0) {
        int e = errno;
        close(fd);
        errno = e;
        return -1;
    }
    return fd;
}

void sr_unlock_dir(int fd)
{
    if (fd >= 0)
        close(fd); /* closing the only descriptor releases the lock */
}
