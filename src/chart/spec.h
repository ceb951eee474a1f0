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
#include "data/dataset.h"
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
    const char *body; /* matrix: the meeting body */
    double width, height;
    sr_loc loc;
} sr_chart_spec;

typedef struct {
    sr_chart_spec *v;
    size_t n;
} sr_chart_specs;

/* Reads and checks charts.yaml; metric ids are checked against m's catalogue
 * (cat). NULL if it cannot be used. */
sr_chart_specs *sr_chart_specs_load(sr_arena *a, sr_diags *d, const char *path,
                                    const sr_catalogue *cat);

/* Builds the chart for spec from the metrics and the dataset. The chart
 * lives in a. */
sr_chart *sr_chart_build(sr_arena *a, const sr_chart_spec *spec, const sr_metrics *m,
                         const sr_dataset *ds);

#endif
