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

/* The temporary name for writing path: "DIR/.NAME.tmp-PID-" + suffix,
 * malloc'd. A temporary file left by a process that was killed is removed
 * by sr_remove_stale_temps(). */
char *sr_temp_name(const char *path, const char *suffix);

/* Removes, in dir, the temporary files of processes that are no longer
 * running (killed before they could rename or remove them). Returns how
 * many were removed. */
int sr_remove_stale_temps(const char *dir);

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
