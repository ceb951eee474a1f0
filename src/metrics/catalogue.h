/* catalogue: the metrics catalogue (report-templates/metrics.yaml) as a
 * typed model.
 *
 * Each metric names its unit and one way of computing it from submitted
 * figures, referred to by path pattern (see data/figures.h): the value of
 * one figure, a sum, a difference, a ratio, a share of a total (a
 * percentage), or a rate per 10,000 children. A metric with `each` gives one
 * row per entry of a list (or key of a mapping) instead of one value, or,
 * with `group_by`, one row per value of a field (a partner's income lines
 * added up).
 * Tables group counts shown with their total, for disclosure control.
 * Everything lives in the arena passed to sr_catalogue_load().
 */
#ifndef SR_CATALOGUE_H
#define SR_CATALOGUE_H

#include "core/arena.h"
#include "core/diag.h"
#include "metrics/value.h"

#include <stdbool.h>
#include <stddef.h>

typedef enum {
    SR_C_VALUE,      /* the figure(s) at operands[0] */
    SR_C_SUM,        /* sum of every operand */
    SR_C_DIFFERENCE, /* operands[0] - operands[1] */
    SR_C_RATIO,      /* operands[0] / operands[1] */
    SR_C_SHARE,      /* operands[0] / operands[1] * 100 */
    SR_C_RATE,       /* sum of operands / children aged 0-17 * 10,000 */
    SR_C_ENTRY,      /* with `each` and no computation: the entry itself */
} sr_compute;

typedef struct {
    const char *id, *label;
    sr_unit unit;
    sr_compute compute;
    const char **operands; /* path patterns, relative to the entry with `each` */
    size_t noperands;
    const char *each;      /* path pattern of the entries, or NULL */
    const char *row_label; /* the entry's field that names a row, or NULL */
    const char **group_by; /* with each: rows are the entries grouped by the first of these
                              fields an entry has (a partner's lines are one row); or NULL */
    size_t ngroup_by;
    const char *brk;      /* path of the series' `break` block, or NULL */
    const char *baseline; /* path of a `baseline` block to compare with, or NULL */
    const char *period;   /* path of the {from, to} block it is measured over, or NULL */
    const char *total;    /* with sum or rate: the path of the total a partner may state
                             instead of (or as well as) the parts; when given it wins */
    sr_loc loc; /* where it is defined; for a local measure, where the measure was given */
    bool local; /* a local measure: a submitted measure no catalogue metric refers to */
} sr_metric_def;

typedef struct {
    const char *id;
    const char *total;  /* metric id */
    const char **parts; /* metric ids (a metric with `each` gives all its rows) */
    size_t nparts;
} sr_table_def;

typedef struct {
    sr_metric_def *metrics;
    size_t nmetrics;
    sr_table_def *tables;
    size_t ntables;
} sr_catalogue;

/* Reads and checks the catalogue at path. NULL if it cannot be used. */
sr_catalogue *sr_catalogue_load(sr_arena *a, sr_diags *d, const char *path);
/* Reads templates_dir/metrics.yaml with data_dir/templates/metrics.yaml (when
 * there is one; data_dir may be NULL) layered over it: a metric or table
 * with the id of a default one replaces it, a new one is added. */
sr_catalogue *sr_catalogue_load_layered(sr_arena *a, sr_diags *d, const char *templates_dir,
                                        const char *data_dir);
/* The same for a source already registered with d. */
sr_catalogue *sr_catalogue_load_source(sr_arena *a, sr_diags *d, const sr_source *src);

const sr_metric_def *sr_catalogue_find(const sr_catalogue *c, const char *id);

/* Whether a metric of c uses the figures of the measure whose entry is
 * performance.measures[slug] (its count or percent). A measure no metric
 * uses is a local measure: shown in the report's Local measures table. */
bool sr_catalogue_uses_measure(const sr_catalogue *c, const char *slug);

const char *sr_unit_name(sr_unit u);

#endif
