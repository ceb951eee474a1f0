/* spec: the report template's charts (report-templates/charts.yaml), and
 * turning each into a chart from the year's metrics and figures.
 *
 * A chart names its kind, title, size and what it shows: one metric (its
 * rows as categories, or with `transpose` the years), a list of metrics, or
 * for the attendance matrix a meeting body. Values and their labels come
 * from the metrics layer, after disclosure control, so a chart shows what
 * the tables show.
 */
#ifndef SR_SPEC_H
#define SR_SPEC_H

#include "chart/chart.h"
#include "data/benchmarks.h"
#include "data/dataset.h"
#include "metrics/bench.h"
#include "metrics/metrics.h"

typedef struct {
    const char *id, *title;
    sr_chart_kind kind;
    const char *metric;   /* one metric */
    const char **metrics; /* or several */
    size_t nmetrics;
    size_t years; /* how many years to show, newest last */
    bool transpose, sort;
    const char *overall; /* the metric whose change the text alternative gives */
    const char *total;   /* donut: the metric shown in the hole */
    const char *x_title, *y_title, *what;
    const char *body;          /* matrix: the meeting body */
    const char *group;         /* the id a `chart ID` block names: the spec's own id, or
                                  for a matrix made for each body, the id in charts.yaml */
    const char *period_metric; /* the metric whose period the caption carries */
    double width, height;
    sr_loc loc;
    sr_loc body_loc; /* where `body:` is written, or the chart's place */
} sr_chart_spec;

typedef struct {
    sr_chart_spec *v;
    size_t n;
} sr_chart_specs;

/* Reads and checks templates_dir/charts.yaml, with data_dir/templates/charts.yaml
 * layered over it when there is one (data_dir may be NULL); metric ids are
 * checked against the catalogue (cat). With a dataset (ds not NULL), each
 * attendance matrix without `body:` becomes one chart for each body that has
 * meetings recorded in the year (id `ID-BODY`, BODY of ASCII letters,
 * digits and hyphens only and distinct; `{{body}}` in the title replaced
 * by the body's name, group `ID`; names differing only in capitals,
 * punctuation, apostrophes, quotation marks or spaces are one body, as
 * first spelt), and a matrix whose `body:` has
 * no meetings while others do is an error naming them. NULL if it cannot
 * be used. */
sr_chart_specs *sr_chart_specs_load(sr_arena *a, sr_diags *d, const char *templates_dir,
                                    const char *data_dir, const sr_catalogue *cat,
                                    const sr_dataset *ds);

/* The chart's caption for the year shown: its title, with the period the
 * figures cover when the data gives one and the title does not already end
 * with it ("Contacts to the front door by outcome, 1 July 2019 to 31 March
 * 2020"). In a. */
const char *sr_chart_caption(sr_arena *a, const sr_chart_spec *spec, const sr_metrics *m);

/* The comparisons with England, the region and the statistical
 * neighbours (metrics/bench.h) as the report reads them: every one
 * (sr_bench_all) and the files they come from (sr_bench_files). n is 0
 * when the partnership has no benchmarks. */
typedef struct {
    const sr_bench_cmp *v;
    size_t n;
    const sr_bench_file *files;
    size_t nfiles;
    /* benchmarks.yaml as read (data/benchmarks.h), or NULL: which metrics
     * some table maps (a figure no file gives is then [x], not [z]) and
     * which releases are from before the February 2025 revision. */
    const sr_bench_spec *spec;
} sr_chart_bench;

/* Whether some entry of benchmarks.yaml maps a column to metric_id. */
bool sr_chart_bench_mapped(const sr_chart_bench *b, const char *metric_id);

/* The note on the series break that concerns c's own figures (a rate
 * from a release before the February 2025 revision), or NULL: a note
 * that only concerns c beside the year before ("the rates for 2018-19
 * beside these ...") is for where two of the DfE's years are shown side
 * by side, and is not returned. */
const char *sr_chart_bench_own_break(const sr_bench_cmp *c);

/* "Children in need, reporting year 2025": a publication and its
 * release, for a sentence. In a. */
const char *sr_chart_bench_publication(sr_arena *a, const char *publication, const char *release);

/* "May 2025" for the neighbours' list's date "2025-05"; anything else as
 * written. In a. */
const char *sr_chart_bench_month(sr_arena *a, const char *ym);

/* A note of the comparisons (break_note) as a sentence of its own: a
 * capital, a full stop. In a. */
const char *sr_chart_bench_sentence(sr_arena *a, const char *note);
/* The same as a clause: no capital (unless its first word is a name, such
 * as "February"), and a full stop only with stop. In a. */
const char *sr_chart_bench_clause(sr_arena *a, const char *note, bool stop);

/* The comparison of metric_id in year, or NULL. b may be NULL. */
const sr_bench_cmp *sr_chart_bench_find(const sr_chart_bench *b, const char *metric_id, int year);

/* Builds the chart for spec from the metrics and the dataset; a dot plot
 * (`kind: compare`) from the comparisons of the report's year (bench may
 * be NULL: then it has no figures): a category for each of its metrics
 * that has one, a series each for the area, England, the region and the
 * neighbours' average, `{{area}}` in its title the area's name, and under
 * it a note naming each row whose DfE rates for the year are from before
 * the February 2025 revision, the rows listed that it cannot draw (no
 * table maps them, or no file gives the year) and the publications and
 * releases the figures are from. The chart lives in a. */
sr_chart *sr_chart_build(sr_arena *a, const sr_chart_spec *spec, const sr_metrics *m,
                         const sr_dataset *ds, const sr_chart_bench *bench);

#endif
