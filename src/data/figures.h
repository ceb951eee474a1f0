/* figures: the year's submitted figures, each with where it came from.
 *
 * Every value a schema accepts is recorded here under a canonical path built
 * from the keys and list-item identities that lead to it, for example
 *
 *   referrals.by_quarter.q1
 *   finance.income[partner-contributions].lines[cafcass].amount
 *   training.courses[basic-awareness].attendees
 *
 * The year's figures are the union of all its submissions, so a path given
 * by two files is a conflict (see checks.c). Later stages (metrics, explain)
 * read figures by path and can always say which file:line a number came
 * from. Strings point into the loader's arena.
 */
#ifndef SR_FIGURES_H
#define SR_FIGURES_H

#include "core/avail.h"
#include "core/diag.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef enum {
    SR_V_COUNT,   /* i: whole number */
    SR_V_MONEY,   /* i: pence */
    SR_V_PERCENT, /* i: hundredths of a percent (21.4% -> 2140) */
    SR_V_DATE,    /* i: yyyymmdd */
    SR_V_YEAR,    /* i: first calendar year (2019-20 -> 2019) */
    SR_V_TEXT,    /* text */
    SR_V_BOOL,    /* i: 0 or 1 */
    SR_V_ID,      /* text: a partner or other identifier */
    SR_V_INT,     /* i: a plain integer such as a format version */
} sr_vkind;

typedef struct {
    sr_vkind kind;
    sr_avail avail;
    int64_t i;
    const char *text; /* TEXT and ID: the value; otherwise the text as written */
} sr_value;

typedef struct sr_figure {
    const char *path;
    sr_value v;
    sr_loc loc;
    const char *submitter; /* partner id of the file it came from */
} sr_figure;

typedef struct {
    sr_figure *v;
    size_t n, cap;
    size_t *slots; /* open-addressing index: figure index + 1 */
    size_t nslots;
} sr_figures;

void sr_figures_init(sr_figures *f);
void sr_figures_free(sr_figures *f);

/* Adds a figure. If the path is already present, returns the earlier figure
 * (and adds nothing); otherwise returns NULL. */
const sr_figure *sr_figures_add(sr_figures *f, const sr_figure *fig);
const sr_figure *sr_figures_get(const sr_figures *f, const char *path);

/* Glob over paths: `*` matches any run of characters other than `.`, `[`
 * and `]`. */
bool sr_path_match(const char *pattern, const char *path);

/* Sum of the available numeric figures matching pattern, restricted to one
 * source when src is not NULL. *count receives how many matched, *missing
 * how many were not available. Returns false when the sum is past INT64_MAX
 * (figures of up to a trillion each, in their thousands): *sum is then
 * INT64_MAX, never a wrapped value. */
bool sr_figures_sum(const sr_figures *f, const char *pattern, const sr_source *src, int64_t *sum,
                    size_t *count, size_t *missing);

/* A value as a person reads it: "3,653", "£180,491", "21.4%", "not available". */
void sr_value_format(const sr_value *v, char *buf, size_t size);

/* The identity of a list item for a path: lowercase, runs of anything but
 * letters and digits become one `-`, so capitals, spaces and punctuation
 * are ignored; typographic apostrophes, quotation marks and spaces (’ “
 * no-break space) count as punctuation, as ' " and a space do, so
 * "Children’s Board" and "Children's  board" are one name. Letters beyond
 * ASCII are kept as they are. Written into buf. */
void sr_slug(const char *text, char *buf, size_t size);

#endif
