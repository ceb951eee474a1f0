/* suggest: "did you mean ...?" for misspelt keys, ids and values. */
#ifndef SR_SUGGEST_H
#define SR_SUGGEST_H

#include <stddef.h>

/* Optimal-string-alignment distance, case-insensitive, capped at 255. */
unsigned sr_edit_distance(const char *a, const char *b);

/* The candidate closest to word, or NULL when none is close enough to be a
 * plausible typo (distance at most a third of the word's length, at least 1,
 * at most 3). Ties go to the earlier candidate. */
const char *sr_suggest(const char *word, const char *const *candidates, size_t n);

#endif
