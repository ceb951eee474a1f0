/* report_data: loading a year for metrics, explain and (later) build. */
#include "cli/report_data.h"

#include "cli/cli.h"
#include "cli/workspace.h"
#include "core/fsutil.h"
#include "doc/build.h"
#include "metrics/suppress.h"

#include <stdlib.h>
#include <string.h>

char *sr_bench_templates_dir(const char *templates)
{
    char *path = sr_path_join(templates, "benchmarks.yaml");
    bool there = sr_path_kind_of(path) != SR_PATH_NONE;
    free(path);
    char *bundled = there ? NULL : sr_bundled_dir("report-templates");
    return bundled ? bundled : sr_xstrdup(templates);
}

int sr_report_data_load(sr_report_data *rd, int year, FILE *err)
{
    if (!rd->data)
        rd->data = SR_DEFAULT_DATA;
    if (!rd->templates)
        rd->templates = SR_DEFAULT_TEMPLATES;
    sr_ds_status st = sr_dataset_load_unread(&rd->ds, rd->data, year, SR_MAX_YEARS,
                                             rd->final ? SR_UNREAD_ERROR : SR_UNREAD_WARN);
    /* The narrative files no section takes, as the template says. */
    sr_doc_unread_narrative(rd->ds.a, &rd->ds.d, rd->templates, rd->data, year,
                            rd->final ? SR_ERROR : SR_WARNING);
    rd->cat = sr_catalogue_load_layered(rd->ds.a, &rd->ds.d, rd->templates, rd->data);
    bool bench_ok = true;
    if (st == SR_DS_OK && rd->ds.p && sr_bench_wanted(rd->ds.p, rd->data)) {
        size_t before = rd->ds.d.errors;
        char *bt = sr_bench_templates_dir(rd->templates);
        const sr_bench_spec *spec = sr_bench_spec_load(rd->ds.a, &rd->ds.d, bt, rd->data);
        free(bt);
        if (spec)
            rd->bench_data = sr_bench_load(rd->ds.a, &rd->ds.d, spec, rd->data, rd->ds.p);
        bench_ok = spec && rd->ds.d.errors == before;
    }
    if (st != SR_DS_OK || !rd->cat || !bench_ok) {
        sr_diags_sort(&rd->ds.d);
        sr_diags_print_text(&rd->ds.d, err, sr_use_color(err));
        fprintf(err, "sscp-report: %s\n",
                st == SR_DS_IO || rd->ds.d.io_errors ? "some files could not be read"
                                                     : "fix the errors above first");
        return st == SR_DS_IO || rd->ds.d.io_errors ? SR_EXIT_IO : SR_EXIT_INVALID;
    }
    sr_metrics_check_entry_ids(rd->ds.a, rd->cat, rd->ds.have, rd->ds.nyears, &rd->ds.d);
    rd->m = sr_metrics_compute(rd->ds.a, rd->cat, rd->ds.p, year, rd->ds.have, rd->ds.nyears);
    if (rd->ds.p->disclosure_control)
        sr_suppress(rd->m, rd->cat, rd->ds.p->suppression_threshold);
    /* After disclosure control: a figure it hides is not compared. */
    rd->bench = sr_bench_compute(rd->ds.a, rd->bench_data, rd->m, &rd->ds.d);
    return SR_EXIT_OK;
}

void sr_report_data_free(sr_report_data *rd)
{
    sr_dataset_free(&rd->ds);
}

sr_chart_bench sr_report_chart_bench(const sr_report_data *rd)
{
    sr_chart_bench bench = {0};
    if (rd->bench) {
        bench.v = sr_bench_all(rd->bench, &bench.n);
        bench.files = sr_bench_files(rd->bench, &bench.nfiles);
        bench.spec = rd->bench_data ? rd->bench_data->spec : NULL;
    }
    return bench;
}
