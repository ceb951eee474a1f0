/* filehash: the SHA-256 of large files that seldom change, cached.
 *
 * The fonts are 1.3 MB that every build and status would otherwise read
 * and hash again. A cache file holds, for each file hashed, its device,
 * inode, size, modification and change times (to the nanosecond) and its
 * SHA-256; a file whose stat(2) gives all of those again is taken to hold
 * the bytes hashed then, and is not read. Any other file is read (through
 * the read log, core/fsutil.h, which hashes it once) and its entry
 * replaced.
 *
 * The cache is the program's own, never an input: it is read without the
 * read log, and defensively. A cache that is missing, not a regular file,
 * larger than SR_HASH_CACHE_MAX_BYTES, foreign (another first line), cut
 * short or changed (no last line counting its entries, with the SHA-256
 * of every byte before it) or wrong in any line is taken as empty and
 * rewritten, whole; an entry is used only for the very
 * device, inode, size and times it was made for. A file changed within the
 * last SR_HASH_CACHE_SETTLE seconds, or while it was read, is hashed but
 * not cached, as its times may not yet tell its next change from this one.
 *
 * It is written, when something in it changed, atomically (a temporary
 * file renamed into place) under an exclusive lock of its folder (flock(2)
 * on the folder, as for the other folders the program writes), merged with
 * what another process wrote meanwhile; when another process holds the
 * lock, the write is left to a later run. It keeps at most
 * SR_HASH_CACHE_MAX_ENTRIES entries, those used by this run first; a file
 * left out is hashed again when next needed.
 */
#ifndef SR_FILEHASH_H
#define SR_FILEHASH_H

#include "core/fsutil.h"

#include <stdbool.h>

#define SR_HASH_CACHE_MAX_ENTRIES 512
#define SR_HASH_CACHE_MAX_BYTES   (256 * 1024)
#define SR_HASH_CACHE_SETTLE      2

typedef struct sr_hash_cache sr_hash_cache;

/* The cache in the file path (NULL: no cache, every file is read). Never
 * fails; free it with sr_hash_cache_close(). */
sr_hash_cache *sr_hash_cache_open(const char *path);

/* The size and SHA-256 of the file path (following links), from the cache
 * or by reading it; noted in the read log as read either way. false when
 * it cannot be read (noted as missing when it is not there). */
bool sr_hash_cache_file(sr_hash_cache *c, const char *path, char hex[SR_HEX_SHA256],
                        long long *bytes);

/* How many files sr_hash_cache_file() took from the cache, and read. */
void sr_hash_cache_counts(const sr_hash_cache *c, size_t *hits, size_t *reads);

/* Writes the cache back when it changed (see above), and frees c. */
void sr_hash_cache_close(sr_hash_cache *c);

#endif
