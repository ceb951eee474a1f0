/* report_data: what the commands that read a whole year share: finding the
 * data and template folders, loading the year and the years before it,
 * checking them, and computing the catalogue's metrics with disclosure
 * control applied. */
#ifndef SR_REPORT_DATA_H
#define SR_REPORT_DATA_H

#include "chart/spec.h"
#include "data/dataset.h"
#include "data/benchmarks.h"
#include "metrics/bench.h"
#include "metrics/catalogue.h"
#include "metrics/metrics.h"

#include <stdbool.h>
#include <stdio.h>

#define SR_DEFAULT_TEMPLATES "report-templates"

typedef struct {
    const char *data;      /* --data */
    const char *templates; /* --templates */
    bool final;            /* --final: a file or folder not read is an error */
    sr_dataset ds;
    sr_catalogue *cat;
    sr_metrics *m;
    /* The DfE's figures the area is compared with, and the comparisons:
     * NULL when the data folder has no benchmarks (no `benchmarks:` in
     * partnership.yaml and no benchmarks/ folder). */
    sr_bench_data *bench_data;
    sr_bench *bench;
} sr_report_data;

/* The template folder whose benchmarks.yaml to read: templates, or the
 * bundled one when templates has none (a folder made by `init` before
 * benchmarks.yaml existed). Malloc'd. */
char *sr_bench_templates_dir(const char *templates);

/* Loads everything for year (such as 2019-20), with the benchmarks when
 * the data folder has them (an error in them stops it, as any other). On failure prints the
 * diagnostics to err and returns the exit code; on success returns 0. */
int sr_report_data_load(sr_report_data *rd, int year, FILE *err);
void sr_report_data_free(sr_report_data *rd);

/* The comparisons as the charts and the document read them (chart/spec.h):
 * every one of rd->bench, its files and benchmarks.yaml as read; all
 * empty when the data folder has no benchmarks. */
sr_chart_bench sr_report_chart_bench(const sr_report_data *rd);

#endif
