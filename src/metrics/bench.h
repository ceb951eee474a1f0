/* bench: how the area compares with England, its region and its
 * statistical neighbours, from the DfE's published files.
 *
 * The figures are the DfE's own, as published: a cell's digits as written
 * are the value (an exact fraction of those digits: "191.6" is 1916/10),
 * shown with the decimal places the table publishes, and a cell holding
 * one of the DfE's symbols keeps it, written in its GSS form (`c` -> [c],
 * `z` -> [z], `x` and `:` -> [x], `k` and `low` -> [low]; the mapping is
 * the table's, in benchmarks.yaml). Nothing here is rounded twice.
 *
 * For each catalogue metric that benchmarks.yaml maps, and each year loaded
 * that the files give: the area's figure, England's, the region's (the
 * partnership's `region:`, or the region_code of any of the area's rows),
 * each statistical neighbour's, the
 * neighbours' mean (over those with a figure: how many of how many) and the
 * area's rank among itself and the neighbours with a figure. Every figure
 * names the file, line and column it was read from, and the publication,
 * table and release of that file.
 *
 * A rate for a year before the February 2025 revision (rates for 2013 to
 * 2023 recalculated on census-2021 population estimates) read from a
 * release published before it, or a comparison whose figures come from
 * releases on both sides of it, carries a note in words (break_note).
 *
 * Years are the project's: the first calendar year of the reporting year
 * (2023 for 2023-24; the DfE's `202324`, and its reporting year `2024`).
 *
 * Everything lives in the arena passed to sr_bench_compute(); the sr_bench
 * is read-only after it.
 */
#ifndef SR_BENCH_H
#define SR_BENCH_H

#include "core/arena.h"
#include "core/diag.h"
#include "data/benchmarks.h"
#include "metrics/metrics.h"
#include "metrics/value.h"

#include <stdbool.h>
#include <stddef.h>

/* The DfE's symbol in a cell, if any. */
typedef enum {
    SR_BSYM_NONE = 0, /* a figure */
    SR_BSYM_C,        /* `c`: suppressed, shown [c] */
    SR_BSYM_Z,        /* `z`: not applicable, shown [z] */
    SR_BSYM_X,        /* `x` or `:`: not available, shown [x] */
    SR_BSYM_LOW,      /* `k` (a percentage under 0.5%) or `low`: shown [low] */
    SR_BSYM_MISSING,  /* no row for this geography and year in any file: shown [x] */
} sr_bsym;

/* Where a figure was read from. */
typedef struct {
    const char *file;        /* the CSV file's path, as found (data/benchmarks/c4-2023.csv) */
    unsigned line, col;      /* its row's line (1-based) and the cell's column (1-based) */
    const char *column;      /* the column's name in the header ("Section47_rate") */
    const char *entry;       /* the benchmarks.yaml entry's id ("c4-2023") */
    const char *publication; /* "Children in need" */
    const char *table;       /* "C4 Section 47s and Initial Child Protection Conferences ..." */
    const char *release;     /* "Reporting year 2023" */
    const char *url;         /* where to download it, or NULL */
} sr_bsource;

/* How a figure was had. */
typedef enum {
    SR_BHOW_READ = 0,  /* read from one cell, as the DfE publishes it */
    SR_BHOW_PER_10000, /* a count per 10,000 children (benchmarks.yaml's `worked_out`):
                        * parts[0] the count, parts[1] the population */
    SR_BHOW_COMBINED,  /* the partnership's local authorities together: parts one per
                        * authority; a count is their sum, a rate their mean weighted by
                        * population and a percentage by the count it is of (weights) */
} sr_bhow;

/* One geography's figure. */
typedef struct sr_bfigure {
    const char *code; /* new_la_code (E08000007), region_code or country_code */
    const char *name; /* la_name, region_name or "England"; the code when no row gave a name */
    sr_bsym sym;
    /* The value: avail SR_AVAILABLE with num/den when sym is SR_BSYM_NONE;
     * suppressed (and avail SR_AVAILABLE, num 0) with [c]; SR_NOT_APPLICABLE
     * with [z]; SR_NOT_AVAILABLE with [x], [low] and a missing row. Only a
     * figure (sym SR_BSYM_NONE) enters a mean or a rank. */
    sr_mval v;
    const char *shown; /* as shown: "191.6", "225,400", "67", "[c]", "[low]", "[x]" */
    sr_bsource src;    /* src.file NULL for a missing row; for a figure worked out, its
                        * first part's */
    sr_bhow how;
    const struct sr_bfigure *parts; /* what it is worked out from (see sr_bhow), or NULL */
    size_t nparts;
    const struct sr_bfigure *weights; /* SR_BHOW_COMBINED rates and percentages: what each
                                       * part is weighted by (nparts), or NULL */
    /* SR_BHOW_COMBINED rates and percentages: the weighted value before it
     * is rounded to the places published (exact_den 0 otherwise), against
     * which the submissions' figure is checked. */
    sr_i128 exact_num, exact_den;
    /* Why a figure worked out is not available [x] or suppressed [c]
     * ("the DfE's population of children for Marsh Vale (E06000991) in
     * 2019-20 is not available [x]"), or NULL. */
    const char *why;
} sr_bfigure;

/* The comparison for one metric and year. */
typedef struct {
    const char *metric_id; /* the catalogue's id ("s47-enquiries-rate") */
    int year;              /* the project's year (2022 for 2022-23) */
    sr_unit unit;          /* the catalogue metric's unit */
    int places;            /* decimal places as published (rates 1 for CIN, 0 for CLA) */
    /* The DfE publishes the count, not the rate: every rate here is worked
     * out per 10,000 children (SR_BHOW_PER_10000), to `places`. */
    bool per_10000;
    /* The table and release the metric is read from (file, entry,
     * publication, table, release; line 0): what a heading names, whatever
     * cell a figure's src points at. */
    sr_bsource table;
    sr_bfigure area; /* the partnership's local authority, or its local authorities
                      * together (how SR_BHOW_COMBINED) when partnership.yaml names
                      * more than one */
    sr_bfigure england;
    sr_bfigure region;      /* code NULL and sym SR_BSYM_MISSING when no row of the area names a
                             * region and partnership.yaml gives none */
    sr_bfigure *neighbours; /* in the order partnership.yaml lists them */
    size_t nneighbours;     /* how many are listed (nlisted) */
    /* The neighbours' mean, of those with a figure (sym SR_BSYM_NONE):
     * exact; shown with `places`. avail SR_NOT_AVAILABLE and shown "[x]"
     * when none has one. */
    sr_mval neighbours_mean;
    const char *neighbours_mean_shown;
    size_t nmean; /* neighbours the mean is of */
    /* The area's rank among itself and the neighbours with a figure, 1 the
     * highest value; equal values share a rank (1, 2, 2, 4). 0 when the
     * area has no figure. */
    int rank;
    size_t rank_of; /* how many are ranked (the area and nmean neighbours); 0 with rank 0 */
    /* The list's date and source, from partnership.yaml ("2025-05",
     * "DfE local authority interactive tool"); NULL when no list is given. */
    const char *neighbours_as_of, *neighbours_source;
    /* Why the figures should be read with care across the February 2025
     * revision of rates, in words; NULL when there is nothing to say. */
    const char *break_note;
    /* The same, apart, for outputs that show one year only (a chart, a
     * table of one year's figures) and those that show two DfE years side
     * by side: pre_revision is true when this year's rates are from a
     * release published before the February 2025 revision (break_note
     * then says so); year_before_note is the note for showing this year
     * beside the year before when that year's rates are from before the
     * revision and this one's are not, or NULL. A change worked out from
     * the submissions is not affected by either. */
    bool pre_revision;
    const char *year_before_note;
    /* The local figure the metrics compute from submissions differs from
     * the DfE's for the area (a warning was given, naming both). */
    bool local_differs;
    sr_mval local; /* the local figure compared, when local_differs */
} sr_bench_cmp;

/* A file read, for the notes that name each source. */
typedef struct {
    const char *file, *entry, *publication, *table, *release, *url;
} sr_bench_file;

typedef struct sr_bench sr_bench;

/* The comparison for metric_id in year, or NULL when benchmarks.yaml maps
 * no column to the metric or no file gives that year (sr_bench_maps tells
 * the two apart). */
const sr_bench_cmp *sr_bench_find(const sr_bench *b, const char *metric_id, int year);

/* Whether an entry of benchmarks.yaml maps a column to metric_id: the DfE
 * publishes the figure, so a year no file gives is "not available" [x],
 * not "not applicable" [z]. False when b is NULL. */
bool sr_bench_maps(const sr_bench *b, const char *metric_id);

/* metric_id's comparisons one after another, latest year first: the first
 * with after NULL, then the one after `after`; NULL when there are no more
 * (or b is NULL). */
const sr_bench_cmp *sr_bench_next(const sr_bench *b, const char *metric_id,
                                  const sr_bench_cmp *after);

/* The same over a plain array of n comparisons (as sr_bench_all gives
 * them) and over benchmarks.yaml as read: the first of v after `after`
 * (from the start when NULL) for metric_id; the first for metric_id in
 * year; whether an entry of s maps a column to metric_id. v or s may be
 * NULL (none). */
const sr_bench_cmp *sr_bench_cmps_next(const sr_bench_cmp *v, size_t n, const char *metric_id,
                                       const sr_bench_cmp *after);
const sr_bench_cmp *sr_bench_cmps_find(const sr_bench_cmp *v, size_t n, const char *metric_id,
                                       int year);
bool sr_bench_spec_maps(const sr_bench_spec *s, const char *metric_id);

/* Every comparison, by the catalogue's order of metrics, then year
 * (latest first); *n gets how many. b may be NULL (no benchmarks): NULL, 0. */
const sr_bench_cmp *sr_bench_all(const sr_bench *b, size_t *n);

/* The files the comparisons use, in the order read; *n gets how many. */
const sr_bench_file *sr_bench_files(const sr_bench *b, size_t *n);

/* A figure for running text: shown, or words for a symbol ("not shown, to
 * protect small numbers", "not applicable", "not available", "close to
 * zero, but not zero"), into buf. */
void sr_bfigure_words(const sr_bfigure *f, char *buf, size_t size);

/* Those words for a symbol: "not shown, to protect small numbers" for
 * SR_BSYM_C, "not applicable" for SR_BSYM_Z, "close to zero, but not
 * zero" for SR_BSYM_LOW, "not available" for SR_BSYM_X and
 * SR_BSYM_MISSING; NULL for SR_BSYM_NONE (a figure). */
const char *sr_bsym_words(sr_bsym s);

/* Computing it (for the commands that load a year: cli/report_data.c) */

struct sr_bench_data; /* data/benchmarks.h: the files read and checked */

/* The comparisons of every metric bd maps, for every year of m that the
 * files give, for the partnership's area and neighbours (bd knows them).
 * m gives the catalogue and the local figures: where the metric's local
 * value for a year differs from the DfE's figure for the area, a warning
 * in d names both values and where each came from. Returns NULL when bd is
 * NULL (no benchmarks). */
sr_bench *sr_bench_compute(sr_arena *a, const struct sr_bench_data *bd, const sr_metrics *m,
                           sr_diags *d);

#endif
