/* guidance: the editions of the statutory guidance, as data.
 *
 * Owns reading an edition file (report-templates/guidance/<id>.yaml: its
 * name, when it came into force, the first reporting year it governs, the
 * report's required contents, what it asks beyond words, who must be sent
 * the published report and within how many days, and the words the tool
 * uses about it), listing the editions of a templates folder, choosing the
 * edition for a reporting year, and merging the edition's recipients with
 * the partnership's corrections. No edition's name, deadline, duty or
 * recipient is written anywhere in the program: all of it comes from here.
 * Everything lives in the arena passed in.
 */
#ifndef SR_GUIDANCE_H
#define SR_GUIDANCE_H

#include "core/arena.h"
#include "core/diag.h"
#include "data/partnership.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Something the yearly report must contain. */
typedef struct {
    const char *id, *text;
    bool confirmed; /* checked against a quotation of the guidance */
    sr_loc loc;     /* the entry in the edition file */
} sr_guidance_duty;

/* Who must be sent the published report; email may be NULL (not known:
 * partnership.yaml must supply it before publishing). */
typedef struct {
    const char *id, *name, *email;
    bool confirmed;
    sr_loc loc;
} sr_guidance_recipient;

typedef struct sr_guidance {
    const char *id;         /* "working-together-2023": the file's name */
    const char *name;       /* "Working Together to Safeguard Children 2023" */
    const char *short_name; /* "Working Together 2023" */
    const char *path;       /* the file it was read from */
    int32_t in_force;       /* yyyymmdd */
    int applies_from;       /* first calendar year of the first reporting year it governs */
    sr_loc applies_from_loc;
    sr_guidance_duty *duties;
    size_t nduties;
    bool needs_sign_off;      /* the lead partners sign off the report and the budget */
    bool needs_scrutiny;      /* an independent scrutineer's statement, section `scrutiny` */
    bool needs_contributions; /* each partner's contribution to the shared budget shown */
    sr_guidance_recipient *recipients;
    size_t nrecipients;
    int send_within_days;
    const char *words_contents;      /* status's heading over the duties */
    const char *words_deadline;      /* the manifest's comment after send_by */
    const char *words_covering_note; /* a sentence of each email */
    const char **keywords;           /* added to the PDF's keywords */
    size_t nkeywords;
    size_t nunconfirmed; /* facts marked `confirmed: no` */
} sr_guidance;

/* Reads and checks one edition file. Returns NULL (problems in d, with
 * file:line:col) when it cannot be used. */
const sr_guidance *sr_guidance_load(sr_arena *a, sr_diags *d, const char *path);

/* Every edition in templates_dir/guidance/, ordered by applies_from. An
 * edition that cannot be read is reported to d and left out. Returns false
 * when the folder has no usable edition, or two editions have the same
 * applies_from (so neither can be chosen by the year): reported to d. */
bool sr_guidance_list(sr_arena *a, sr_diags *d, const char *templates_dir, const sr_guidance ***out,
                      size_t *n);

/* The edition for reporting year `year` (its first calendar year): the one
 * partnership.yaml names for that year (p may be NULL), else the one with
 * the latest applies_from not after the year. NULL when there is none, or
 * the one named is not in the folder (reported to d at partnership.yaml's
 * line, with a did-you-mean). */
const sr_guidance *sr_guidance_for_year(sr_arena *a, sr_diags *d, const char *templates_dir,
                                        const sr_partnership *p, int year);

/* Checks the editions partnership.yaml names (`guidance:`) against the
 * files of templates_dir/guidance/, without reading them: an error at each
 * id there is no file for, with a did-you-mean. Nothing is checked when
 * templates_dir has no folder guidance/. Returns the number of problems. */
size_t sr_guidance_check_choices(sr_diags *d, const char *templates_dir, const sr_partnership *p);

/* The recipients a report published now is sent to: the edition's, with
 * partnership.yaml's corrections by id (a name or address given there
 * replaces the edition's) and additions after them. An entry of
 * partnership.yaml with no name, for an id the edition does not have, is
 * not an addition: it corrects another edition's recipient, and is left
 * out (sr_guidance_recipient_unused says which). A recipient may still lack
 * an address: the caller refuses to send to it. */
sr_recipient *sr_guidance_recipients(sr_arena *a, const sr_guidance *g, const sr_partnership *p,
                                     size_t *n);

/* Whether partnership.yaml's recipient r is left out of g's list by
 * sr_guidance_recipients: it gives no name, and g has no recipient r->id. */
bool sr_guidance_recipient_unused(const sr_guidance *g, const sr_recipient *r);

#endif
