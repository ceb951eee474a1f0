/* partnership: data/partnership.yaml as a typed model.
 *
 * Owns the partnership's identity, its partners (stable ids, names and short
 * names that may change by year, statutory or not, the sections each
 * sends), the lead safeguarding partners of Working Together 2023, the
 * child population by year, reporting options, the guidance edition it
 * names (if any) and its additions to the edition's recipients. Everything lives in the arena
 * passed to sr_partnership_load().
 */
#ifndef SR_PARTNERSHIP_H
#define SR_PARTNERSHIP_H

#include "core/arena.h"
#include "core/diag.h"
#include "data/ynode.h"

#include <stdbool.h>
#include <stdint.h>

typedef struct {
    int from_year; /* first reporting year the name applies to; 0 = always */
    const char *name;
} sr_partner_name;

typedef struct {
    const char *id;
    const char *short_name; /* may be NULL; see also short_names */
    bool statutory;
    sr_partner_name *names; /* in order of from_year */
    size_t nnames;
    sr_partner_name *short_names; /* by year, in order of from_year; NULL when not given */
    size_t nshort_names;
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

/* A lead safeguarding partner (Working Together 2023): the partner, its
 * lead's role, and the delegated safeguarding partner who acts for it. The
 * names are NULL when not given. */
typedef struct {
    const char *partner; /* a partner id that `partners` defines */
    const char *lead, *lead_name;
    const char *delegate, *delegate_name;
    sr_loc loc;
} sr_lead_partner;
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
    const char *file_name; /* `file_name:`, checked; may be NULL */
    sr_partner *partners;
    size_t npartners;
    sr_loc partners_loc; /* the `partners` key: lead_partners, when missing, goes after it */
    const char **ids;    /* partner ids, for the schema engine */
    int *population_years;
    int64_t *population; /* children aged 0-17 */
    size_t npopulation;
    const char *population_source; /* `population: source:`, where the figures come from, or NULL */
    sr_lead_partner *lead_partners; /* in the order given; may be none */
    size_t nlead_partners;
    sr_loc lead_partners_loc; /* the `lead_partners` key, or no place when not given */
    sr_recipient *recipients; /* partnership.yaml's own `recipients:`, maybe none */
    size_t nrecipients;
    sr_guidance_choice *guidance; /* in order of from_year; none: by reporting year */
    size_t nguidance;
    bool disclosure_control;
    int64_t suppression_threshold;
    /* `benchmarks:`, for comparisons with the DfE's figures; has_benchmarks
     * false (and no codes) when not given. */
    bool has_benchmarks;
    sr_loc benchmarks_loc;  /* the `benchmarks` key */
    const char **bench_las; /* the area's local authority codes (new_la_code) */
    sr_loc *bench_la_locs;  /* where each is written */
    size_t nbench_las;
    const char *bench_region; /* `region:`, the area's region_code, or NULL */
    sr_loc bench_region_loc;
    const char **neighbours; /* the statistical neighbours' codes, in the order given */
    sr_loc *neighbour_locs;
    size_t nneighbours;
    const char *neighbours_as_of;  /* YYYY-MM, or NULL */
    const char *neighbours_source; /* or NULL */
} sr_partnership;

/* The start of the report's file names (<stem>-annual-report-2019-20.pdf):
 * `file_name` when given, otherwise the short name (or the name) in
 * lower-case letters, digits and hyphens ("SSCP" -> "sscp", "Stoke SCP" ->
 * "stoke-scp"), or "partnership" when neither has such a character. In a. */
const char *sr_partnership_file_stem(sr_arena *a, const sr_partnership *p);

/* Whether addr is an email address that can go into a message's header
 * as it is: local@domain, ASCII, no spaces, brackets, quotes or line
 * breaks, the domain's labels letters, digits and hyphens with at least one
 * dot. When it is not, why gets what is wrong, in plain words. */
bool sr_email_ok(const char *addr, char *why, size_t n);
/* Checks the address at node v (its key named in what: "the partnership's
 * `email`"): an error in d, with a hint, when it is not one; false then. */
bool sr_email_check(sr_diags *d, const sr_ynode *v, const char *what);

/* Whether code is written as a GSS geography code: a capital letter and
 * eight digits (E08000007). */
bool sr_gss_code_ok(const char *code);

/* Reads and checks path. Returns NULL when it cannot be used (problems are
 * in d); warnings still give a model. */
sr_partnership *sr_partnership_load(sr_arena *a, sr_diags *d, const char *path);

/* The same for a source already registered with d. */
sr_partnership *sr_partnership_load_source(sr_arena *a, sr_diags *d, const sr_source *src);

const sr_partner *sr_partnership_find(const sr_partnership *p, const char *id);
/* The partner's name in reporting year `year` (its first calendar year). */
const char *sr_partner_name_in(const sr_partner *pt, int year);
/* The partner's short name in reporting year `year`: its `short_name`, or
 * the entry of `short_names` in force that year, or, when neither gives
 * one, its name in that year (so a body is never labelled with the
 * abbreviation of what it later became). */
const char *sr_partner_short_in(const sr_partner *pt, int year);
/* The lead safeguarding partner entry for partner id, or NULL. */
const sr_lead_partner *sr_partnership_lead(const sr_partnership *p, const char *id);
/* Children aged 0-17 in `year`, or -1 when not given. */
int64_t sr_partnership_population(const sr_partnership *p, int year);

#endif
