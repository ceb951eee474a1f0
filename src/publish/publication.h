/* publication: data/<year>/publication.yaml, the record of a year's
 * publication and of each copy sent. Append-only: a new event is added at
 * the end and nothing already there is ever rewritten, so a revised report
 * published later adds an entry beside the first. */
#ifndef SR_PUBLICATION_H
#define SR_PUBLICATION_H

#include "core/arena.h"
#include "core/diag.h"

#include <stdbool.h>
#include <stdint.h>

typedef struct {
    bool published;        /* else: a copy sent */
    int32_t date;          /* yyyymmdd */
    const char *url;       /* published */
    const char *report;    /* published: the PDF's SHA-256 */
    const char *recipient; /* sent: the recipient's id */
} sr_pub_event;

typedef struct {
    sr_pub_event *v;
    size_t n;
} sr_publication;

/* Reads the record in year_dir; an empty record if there is none. Problems
 * go to d; returns NULL if the file exists but cannot be used. */
sr_publication *sr_publication_read(sr_arena *a, sr_diags *d, const char *year_dir);

/* Appends one event; 0 or -1 with errno. */
int sr_publication_append(const char *year_dir, const sr_pub_event *e);

/* The latest publication, or NULL. */
const sr_pub_event *sr_publication_latest(const sr_publication *p);
/* The date a recipient was sent the latest publication, or 0. */
int32_t sr_publication_sent(const sr_publication *p, const char *recipient);

#endif
