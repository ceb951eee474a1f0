/* fsutil: reading inputs safely and writing outputs atomically.
 *
 * Inputs are read whole, with a size limit, and never modified. Outputs are
 * written to a temporary file in the destination directory, flushed, and
 * renamed into place, so an interrupted run never leaves a half-written file
 * where a good one was.
 */
#ifndef SR_FSUTIL_H
#define SR_FSUTIL_H

#include <stdbool.h>
#include <stddef.h>

/* A SHA-256 in hex: 64 digits and a NUL. */
#define SR_HEX_SHA256 65

typedef enum {
    SR_READ_OK,
    SR_READ_NOT_FOUND,
    SR_READ_IS_DIR,
    SR_READ_TOO_LARGE,
    SR_READ_NOT_REGULAR, /* a device, a pipe or a socket: never read */
    SR_READ_OUTSIDE,     /* a link to a file outside the folder it must stay in */
    SR_READ_ERROR,       /* errno says why */
} sr_read_status;

/* Reads path into a malloc'd NUL-terminated buffer (caller frees). At most
 * limit bytes; *size receives the file's size even when it is too large. */
sr_read_status sr_read_file(const char *path, size_t limit, char **data, size_t *size);

/* sr_read_file(), with the SHA-256 of the bytes read in hex (64 hex
 * digits and a NUL) when it returns SR_READ_OK: hashed once, for the caller
 * and for the read log. */
sr_read_status sr_read_file_hashed(const char *path, size_t limit, char **data, size_t *size,
                                   char hex[SR_HEX_SHA256]);

/* sr_read_file(), never noted in the read log: for the program's own
 * files (a cache), which are not inputs. */
sr_read_status sr_read_file_unlogged(const char *path, size_t limit, char **data, size_t *size);

/* The same, but only when path, with every symbolic link resolved, is a
 * file inside the folder root (resolved too): a link that leads out of the
 * data folder gives SR_READ_OUTSIDE and *outside (when not NULL) receives
 * where it leads, malloc'd. root NULL: no check. */
sr_read_status sr_read_file_within(const char *path, const char *root, size_t limit, char **data,
                                   size_t *size, char **outside);

/* Writes data to path atomically. Returns 0, or -1 with errno set. The
 * data goes first to a temporary file beside path, named by
 * sr_temp_name(), which is flushed to disk and renamed into place. */
int sr_write_file_atomic(const char *path, const char *data, size_t len);

/* A file written in pieces, atomically, as sr_write_file_atomic() writes
 * one from memory: for a writer that streams its output (cairo's PDF
 * surface, a PDF's incremental update appended after it), which need not
 * hold it whole. The bytes are hashed as they are written and noted, with
 * their SHA-256, in the write log (when one is active) once the file has
 * its name; they are never read back. Writes are buffered (64 KiB). */
typedef struct sr_out_file sr_out_file;
/* Starts writing path: its temporary file is made now. NULL, with errno
 * set, if it cannot be. */
sr_out_file *sr_out_open(const char *path);
/* Appends len bytes. 0, or -1 with errno set (and every later write and
 * the commit fail the same way: the caller may check only the commit). */
int sr_out_write(sr_out_file *f, const void *data, size_t len);
/* The bytes written so far. */
long long sr_out_bytes(const sr_out_file *f);
/* Flushes the file to disk and renames it into place; frees f. 0, or -1
 * with errno set (the temporary file is then removed). */
int sr_out_commit(sr_out_file *f);
/* Removes the temporary file; frees f. NULL: nothing. */
void sr_out_abort(sr_out_file *f);

/* The temporary name for writing path: "DIR/.NAME.tmp-PID-" + suffix,
 * malloc'd. A temporary file left by a process that was killed is removed
 * by sr_remove_stale_temps(). */
char *sr_temp_name(const char *path, const char *suffix);

/* Removes, in dir, the temporary files of processes that are no longer
 * running (killed before they could rename or remove them; a process that
 * has ended but not yet been waited for counts as not running), and their
 * temporary folders (sr_temp_folder) with the files in them. Returns how
 * many were removed. */
int sr_remove_stale_temps(const char *dir);

/* A temporary folder beside path, for a library's own temporary files
 * (libxlsxwriter's): sr_temp_name(path, suffix) and six random characters,
 * made for this user alone (mkdtemp).
 * malloc'd, or NULL with errno. Removed with sr_remove_flat_dir(), or,
 * if the process is killed first, by sr_remove_stale_temps(). */
char *sr_temp_folder(const char *path, const char *suffix);

/* Flushes a written file to disk (before renaming it into place). 0, or -1
 * with errno. */
int sr_fsync_path(const char *path);

typedef enum { SR_PATH_NONE, SR_PATH_FILE, SR_PATH_DIR, SR_PATH_OTHER } sr_path_kind;
sr_path_kind sr_path_kind_of(const char *path);

/* Names in dir ending with suffix (not starting with '.'), sorted by byte
 * value; a malloc'd array of malloc'd strings, NULL-terminated, which the
 * caller frees with sr_free_names(). Returns NULL if dir cannot be read. */
char **sr_list_dir(const char *dir, const char *suffix);
void sr_free_names(char **names);

/* Removes the files in dir (not its subfolders) and then dir: for a
 * temporary folder of our own. 0, or -1 with errno. */
int sr_remove_flat_dir(const char *dir);

/* Creates path and any missing parents (like mkdir -p). 0, or -1 with
 * errno. An existing folder is not an error. */
int sr_make_dirs(const char *path);

/* Copies the file from to the path to, atomically. 0, or -1 with errno. */
int sr_copy_file(const char *from, const char *to);

/* ---- what a run read and wrote -------------------------------------------------------
 *
 * A build records the SHA-256 of the bytes it read, as it read them, and of
 * the bytes it wrote, as it wrote them: hashing the files again afterwards
 * would take in a file saved (or written by another command) meanwhile.
 * While a log is active, sr_read_file() and sr_read_file_within() note each
 * file read (or found missing), sr_list_dir() each folder listed, and
 * sr_write_file_atomic() and sr_rename_into_place() each file written. A
 * file read twice with different bytes is noted as changed while read.
 * Each file's bytes are hashed once, where they are read or written (a
 * reader that needs the hash too takes it from sr_read_file_hashed()), and
 * never read again for the log. There is one log of reads and one of
 * writes per process; noting into them is safe from several threads. */

typedef struct {
    char *path;   /* as the reader or writer named it, "./" and "//" removed */
    bool missing; /* a read: the file was not there */
    bool changed; /* read more than once, with different bytes */
    long long bytes;
    char sha256[SR_HEX_SHA256];
} sr_logged_file;

typedef struct {
    char *dir;    /* as named, normalised as the paths are */
    char **names; /* every name in it but those starting with '.', sorted */
    bool changed; /* listed more than once, with different names */
} sr_logged_dir;

typedef struct {
    sr_logged_file *files;
    size_t nfiles, capfiles;
    sr_logged_dir *dirs;
    size_t ndirs, capdirs;
} sr_file_log;

/* Starts noting reads and listings into log, or stops when log is NULL. */
void sr_log_reads(sr_file_log *log);
/* Starts noting writes into log, or stops when log is NULL. */
void sr_log_writes(sr_file_log *log);
/* Notes path, read elsewhere, as read with bytes bytes of SHA-256 sha256
 * (64 hex digits): for a file whose hash is known without reading it (a
 * font, from the cache of fonts' hashes). Nothing when no log is active. */
void sr_log_note_read(const char *path, long long bytes, const char *sha256);
/* The entry for path (normalised as the log's are), or NULL. */
const sr_logged_file *sr_file_log_find(const sr_file_log *log, const char *path);
const sr_logged_dir *sr_file_log_find_dir(const sr_file_log *log, const char *dir);
void sr_file_log_free(sr_file_log *log);
/* path as the log keeps it: "./" components and repeated slashes removed;
 * malloc'd. */
char *sr_path_normalised(const char *path);

/* The SHA-256 of len bytes, as 64 hex digits. */
void sr_sha256_hex(const void *data, size_t len, char hex[SR_HEX_SHA256]);

/* Renames tmp, a complete file this process wrote, to path after flushing
 * it to disk, noting its bytes in the write log when one is active. 0, or
 * -1 with errno (tmp is then removed). */
int sr_rename_into_place(const char *tmp, const char *path);

/* ---- locks ---------------------------------------------------------------------------
 *
 * An exclusive lock on a folder (flock(2) on the folder itself, so nothing
 * is added to it), released by sr_unlock_dir() or when the process ends,
 * however it ends. When another process holds it, waiting is printed to
 * stderr as "sscp-report: waiting for another sscp-report command to finish
 * with DIR (WHY)..." and the call waits. Returns a descriptor, or -1 with
 * errno. */
int sr_lock_dir(const char *dir, const char *why);
/* The same, shared: for reading what the folder holds (status), while no
 * command holding the exclusive lock is changing it. */
int sr_lock_dir_shared(const char *dir, const char *why);
/* The exclusive lock, or -1 at once (errno EWOULDBLOCK when another
 * process holds it): for a cache, whose writer skips a write rather than
 * wait. */
int sr_try_lock_dir(const char *dir);
void sr_unlock_dir(int fd);

/* Why a file could not be read or written, in words for the person who
 * runs the command: strerror(err), except where the system's words do not
 * say what to do (EFBIG: the file size limit, ulimit -f). Static text. */
const char *sr_io_error(int err);

/* dir + "/" + name, malloc'd. */
char *sr_path_join(const char *dir, const char *name);
/* The directory part of path ("." when there is none), malloc'd. */
char *sr_dirname(const char *path);
/* The last component of path, pointing into path. */
const char *sr_basename(const char *path);

#endif
