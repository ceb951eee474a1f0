/* publication: data/<year>/publication.yaml, the record of a year's
 * publication and of each copy sent. Append-only: a new event is added at
 * the end and nothing already there is ever rewritten, so a revised report
 * published later adds an entry beside the first.
 *
 * A publication records the terms it was made under: the guidance edition,
 * the send-by date and the recipients (id, name, address) in force that
 * day. status and publish --sent read those, never today's partnership.yaml
 * or edition files, so a later change cannot rewrite a year's history. */
#ifndef SR_PUBLICATION_H
#define SR_PUBLICATION_H

#include "core/arena.h"
#include "core/diag.h"
#include "data/partnership.h"

#include <stdbool.h>
#include <stdint.h>

typedef struct {
    bool published;        /* else: a copy sent */
    int32_t date;          /* yyyymmdd */
    const char *url;       /* published */
    const char *report;    /* published: the PDF's SHA-256 */
    const char *recipient; /* sent: the recipient's id */
    /* published: the terms in force that day; guidance is NULL in a record
     * written before sscp-report kept them. */
    const char *guidance, *guidance_name; /* the edition's id and name */
    int32_t send_by;                      /* yyyymmdd */
    int send_within_days;
    sr_recipient *recipients;
    size_t nrecipients;
} sr_pub_event;

typedef struct {
    sr_pub_event *v;
    size_t n;
} sr_publication;

/* Reads the record in year_dir; an empty record if there is none. Problems
 * go to d; returns NULL if the file exists but cannot be used. */
sr_publication *sr_publication_read(sr_arena *a, sr_diags *d, const char *year_dir);

/* Appends one event; 0 or -1 with errno. The caller holds the year's
 * lock, sr_lock_dir(year_dir) (core/fsutil.h), from reading the record to
 * appending to it, as publish does: the append reads the file and renames
 * a new one over it, so two at once would lose one's event. */
int sr_publication_append(const char *year_dir, const sr_pub_event *e);

/* The latest publication, or NULL. */
const sr_pub_event *sr_publication_latest(const sr_publication *p);
/* The date a recipient was sent the latest publication, or 0. */
int32_t sr_publication_sent(const sr_publication *p, const char *recipient);

/* What a publication is held to. */
typedef struct {
    const char *guidance, *guidance_name; /* the edition's id and name */
    int32_t send_by;
    int send_within_days;
    const sr_recipient *recipients;
    size_t nrecipients;
    bool from_record; /* false: an older record, so these are today's terms */
} sr_pub_terms;

/* The terms of publication e: those it recorded; for a record written
 * before they were kept, today's edition for the year (from templates_dir
 * and p) and recipients, with from_record false so the caller can say so.
 * Returns false (problems in d) when an older record's terms cannot be
 * worked out. */
bool sr_publication_terms(sr_arena *a, sr_diags *d, const sr_pub_event *e,
                          const char *templates_dir, const sr_partnership *p, int year,
                          sr_pub_terms *out);

#endif
