/* partnership: data/partnership.yaml as a typed model.
 *
 * Owns the partnership's identity, its partners (stable ids, names that may
 * change by year, statutory or not, the sections each sends), the child
 * population by year, reporting options, the guidance edition it names (if
 * any) and its additions to the edition's recipients. Everything lives in the arena
 * passed to sr_partnership_load().
 */
#ifndef SR_PARTNERSHIP_H
#define SR_PARTNERSHIP_H

#include "core/arena.h"
#include "core/diag.h"

#include <stdbool.h>
#include <stdint.h>

typedef struct {
    int from_year; /* first reporting year the name applies to; 0 = always */
    const char *name;
} sr_partner_name;

typedef struct {
    const char *id;
    const char *short_name; /* may be NULL */
    bool statutory;
    sr_partner_name *names; /* in order of from_year */
    size_t nnames;
    const char **submits; /* section names; NULL when not given (all sections) */
    size_t nsubmits;
    sr_loc loc;
} sr_partner;

/* Who is sent the published report. The guidance edition names them
 * (data/guidance.h); partnership.yaml may add one or correct a name or an
 * address, by id: then name or email may be NULL (not given here). */
typedef struct {
    const char *id, *name, *email;
    sr_loc loc;
} sr_recipient;

/* An edition named in partnership.yaml: for every year (from_year 0, when
 * `guidance:` is one id) or from a reporting year on (`YEAR: id` lines). */
typedef struct {
    int from_year;
    const char *id;
    sr_loc loc;
} sr_guidance_choice;

typedef struct {
    const char *path;
    const char *name, *short_name, *area, *email;
    sr_partner *partners;
    size_t npartners;
    const char **ids; /* partner ids, for the schema engine */
    int *population_years;
    int64_t *population; /* children aged 0-17 */
    size_t npopulation;
    sr_recipient *recipients; /* partnership.yaml's own `recipients:`, maybe none */
    size_t nrecipients;
    sr_guidance_choice *guidance; /* in order of from_year; none: by reporting year */
    size_t nguidance;
    bool disclosure_control;
    int64_t suppression_threshold;
} sr_partnership;

/* Reads and checks path. Returns NULL when it cannot be used (problems are
 * in d); warnings still give a model. */
sr_partnership *sr_partnership_load(sr_arena *a, sr_diags *d, const char *path);

/* The same for a source already registered with d. */
sr_partnership *sr_partnership_load_source(sr_arena *a, sr_diags *d, const sr_source *src);

const sr_partner *sr_partnership_find(const sr_partnership *p, const char *id);
/* The partner's name in reporting year `year` (its first calendar year). */
const char *sr_partner_name_in(const sr_partner *pt, int year);
/* Children aged 0-17 in `year`, or -1 when not given. */
int64_t sr_partnership_population(const sr_partnership *p, int year);

#endif
