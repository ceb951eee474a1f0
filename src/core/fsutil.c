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

void sr_log_reads(sr_file_log *log)
{
    read_log = log;
}

void sr_log_writes(sr_file_log *log)
{
    write_log = log;
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

/* Notes path's bytes (data NULL: missing) in log. A later read with other
 * bytes marks the entry changed; a later write replaces it. */
static void note_file(sr_file_log *log, const char *path, const char *data, size_t len,
                      bool is_write)
{
    char hex[SR_HEX_SHA256] = "";
    if (data)
        sr_sha256_hex(data, len, hex);
    sr_logged_file *f = (sr_logged_file *)sr_file_log_find(log, path);
    if (f) {
        if (is_write) {
            f->missing = false;
            f->bytes = (long long)len;
            memcpy(f->sha256, hex, sizeof hex);
        } else if (f->missing != !data || (data && strcmp(f->sha256, hex) != 0)) {
            f->changed = true;
        }
        return;
    }
    if (log->nfiles == log->capfiles) {
        log->capfiles = log->capfiles ? 2 * log->capfiles : 64;
        log->files = sr_xrealloc(log->files, log->capfiles * sizeof *log->files);
    }
    f = &log->files[log->nfiles++];
    *f = (sr_logged_file){
        .path = sr_path_normalised(path), .missing = !data, .bytes = (long long)len};
    memcpy(f->sha256, hex, sizeof hex);
}

static bool same_names(char **a, char **b)
{
    for (; *a && *b; a++, b++)
        if (strcmp(*a, *b) != 0)
            return false;
    return !*a && !*b;
}

/* Notes dir's listing (taken over: names is the log's now). */
static void note_dir(sr_file_log *log, const char *dir, char **names)
{
    sr_logged_dir *d = (sr_logged_dir *)sr_file_log_find_dir(log, dir);
    if (d) {
        if (!same_names(d->names, names))
            d->changed = true;
        sr_free_names(names);
        return;
    }
    if (log->ndirs == log->capdirs) {
        log->capdirs = log->capdirs ? 2 * log->capdirs : 16;
        log->dirs = sr_xrealloc(log->dirs, log->capdirs * sizeof *log->dirs);
    }
    log->dirs[log->ndirs++] = (sr_logged_dir){sr_path_normalised(dir), names, false};
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

sr_read_status sr_read_file(const char *path, size_t limit, char **data, size_t *size)
{
    sr_read_status st = read_file(path, limit, data, size);
    if (read_log && st == SR_READ_OK)
        note_file(read_log, path, *data, *size, false);
    else if (read_log && st == SR_READ_NOT_FOUND)
        note_file(read_log, path, NULL, 0, false);
    return st;
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
    if (rename(tmp, path) != 0)
        goto fail;
    if (write_log)
        note_file(write_log, path, data, len, true);
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

sr_path_kind sr_path_kind_of(const char *path)
{
    struct stat st;
    if (stat(path, &st) != 0)
        return SR_PATH_NONE;
    if (S_ISDIR(st.st_mode))
        return SR_PATH_DIR;
    if (S_ISREG(st.st_mode))
        return SR_PATH_FILE;
    return SR_PATH_OTHER;
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
    char **all = read_log ? sr_xmalloc(capall * sizeof *all) : NULL;
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
        note_dir(read_log, dir, all);
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
        if (sr_path_kind_of(path) == SR_PATH_FILE && unlink(path) == 0)
            n++;
        free(path);
    }
    closedir(dh);
    return n;
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

int sr_rename_into_place(const char *tmp, const char *path)
{
    char hex[SR_HEX_SHA256];
    char *data = NULL;
    size_t len = 0;
    /* The bytes noted are those read back from our own temporary file,
     * which no other process writes, before it takes the final name. */
    if (write_log) {
        sr_read_status st = read_file(tmp, (size_t)1 << 31, &data, &len);
        if (st != SR_READ_OK) {
            int e = st == SR_READ_ERROR ? errno : st == SR_READ_TOO_LARGE ? EFBIG : EIO;
            unlink(tmp);
            errno = e;
            return -1;
        }
        sr_sha256_hex(data, len, hex);
    }
    if (sr_fsync_path(tmp) != 0 || rename(tmp, path) != 0) {
        int e = errno;
        free(data);
        unlink(tmp);
        errno = e;
        return -1;
    }
    if (write_log)
        note_file(write_log, path, data, len, true);
    free(data);
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

void sr_unlock_dir(int fd)
{
    if (fd >= 0)
        close(fd); /* closing the only descriptor releases the lock */
}
