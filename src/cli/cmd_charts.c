/* cmd_charts: `sscp-report charts YEAR`, every chart of the report template
 * as a PNG (at twice its size, for sharp screens) and an SVG with its text
 * alternative. */
#include "chart/spec.h"
#include "cli/args.h"
#include "cli/cli.h"
#include "cli/report_data.h"
#include "core/fmt.h"
#include "core/fsutil.h"
#include "doc/build.h"
#include "render/render.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

static const char usage[] =
    "Usage: sscp-report charts [OPTIONS] YEAR\n"
    "\n"
    "Draw every chart in the report template for a year, and write each as\n"
    "OUT/YEAR/charts/ID.png (twice its size, for sharp screens and slides) and\n"
    "OUT/YEAR/charts/ID.svg (with its text alternative for screen readers).\n"
    "\n"
    "Options:\n"
    "  --data DIR        the data folder (default: ./data)\n"
    "  --templates DIR   the report template folder (default: ./report-templates)\n"
    "  --fonts DIR       the fonts folder (default: ./fonts)\n"
    "  --out DIR         where to write (default: ./out)\n";

static void size_words(const char *path, char *buf, size_t n)
{
    struct stat st;
    if (stat(path, &st) != 0)
        snprintf(buf, n, "?");
    else if (st.st_size >= 1024)
        snprintf(buf, n, "%lld KB", (long long)((st.st_size + 512) / 1024));
    else
        snprintf(buf, n, "%lld bytes", (long long)st.st_size);
}

/* Leaves only the errors in d: the warnings are the build's to say. */
static void keep_errors(sr_diags *d)
{
    size_t n = 0;
    for (size_t i = 0; i < d->n; i++) {
        if (d->v[i].sev == SR_ERROR) {
            d->v[n++] = d->v[i];
            continue;
        }
        free(d->v[i].msg);
        free(d->v[i].hint);
        free(d->v[i].related_msg);
    }
    d->n = n;
    d->warnings = d->notes = 0;
}

static int run(int argc, char **argv)
{
    sr_report_data rd = {0};
    const char *year = NULL, *out = "out", *fonts_dir = "fonts";
    const sr_opt opts[] = {{"--data", NULL, &rd.data, NULL},
                           {"--templates", NULL, &rd.templates, NULL},
                           {"--fonts", NULL, &fonts_dir, NULL},
                           {"--out", NULL, &out, NULL},
                           {0}};
    int npos;
    if (!sr_parse_args("charts", argc, argv, opts, &year, 1, &npos))
        return SR_EXIT_USAGE;
    if (!year || !sr_year_from_name(year)) {
        sr_usage_error("charts", "name a reporting year, such as: charts 2019-20");
        return SR_EXIT_USAGE;
    }
    int code = sr_report_data_load(&rd, sr_year_from_name(year), stderr);
    if (code != SR_EXIT_OK) {
        sr_report_data_free(&rd);
        return code;
    }
    sr_chart_specs *specs =
        sr_chart_specs_load(rd.ds.a, &rd.ds.d, rd.templates, rd.data, rd.cat, &rd.ds);
    if (!specs) {
        sr_diags_sort(&rd.ds.d);
        sr_diags_print_text(&rd.ds.d, stderr, sr_use_color(stderr));
        code = rd.ds.d.io_errors ? SR_EXIT_IO : SR_EXIT_INVALID;
        sr_report_data_free(&rd);
        return code;
    }
    /* The document, built quietly: its problems are the build's to say;
     * only one that stops it from being made is printed. */
    sr_diags quiet;
    sr_diags_init(&quiet);
    sr_chart_bench bench = sr_report_chart_bench(&rd);
    sr_doc_options dopt = {.data_dir = rd.data, .templates_dir = rd.templates, .bench = &bench};
    sr_document *doc = sr_doc_build(rd.ds.a, &quiet, &dopt, &rd.ds, rd.cat, rd.m, specs);
    if (!doc) {
        keep_errors(&quiet);
        sr_diags_sort(&quiet);
        sr_diags_print_text(&quiet, stderr, sr_use_color(stderr));
        code = quiet.io_errors ? SR_EXIT_IO : SR_EXIT_INVALID;
        sr_diags_free(&quiet);
        sr_report_data_free(&rd);
        return code;
    }
    char err[1024];
    sr_fonts *fonts = sr_fonts_open(fonts_dir, err, sizeof err);
    if (!fonts) {
        sr_fail("%s", err);
        sr_diags_free(&quiet);
        sr_report_data_free(&rd);
        return SR_EXIT_IO;
    }
    if (!sr_fonts_set_family(fonts, doc->font)) {
        sr_fail("the template sets the report in %s, but there is no such font in %s", doc->font,
                fonts_dir);
        sr_fonts_close(fonts);
        sr_diags_free(&quiet);
        sr_report_data_free(&rd);
        return SR_EXIT_INVALID;
    }
    char yname[16];
    sr_fmt_year(rd.ds.year0, yname, sizeof yname);
    char *ydir = sr_path_join(out, yname);
    char *dir = sr_path_join(ydir, sr_output_charts.file);
    /* The chart files are the build's too (its record lists them): not
     * written while a build or a publish works in the year's folder. */
    int lock = -1;
    if (sr_make_dirs(ydir) != 0) {
        sr_fail("cannot create %s: %s", ydir, strerror(errno));
        code = SR_EXIT_IO;
    } else if ((lock = sr_lock_dir(ydir, "a build or a publish")) < 0) {
        sr_fail("cannot lock %s against other commands: %s", ydir, strerror(errno));
        code = SR_EXIT_IO;
    }
    free(ydir);
    const sr_dnode *files = sr_dnode_find(doc->root, SR_D_CHART_FILES);
    sr_render_options ro = {.fonts = fonts, .created = 0, .draft = false};
    sr_render_result res = {0};
    if (code == SR_EXIT_OK && sr_output_charts.write(doc, &ro, dir, &res, err, sizeof err) != 0) {
        sr_fail("%s", err);
        code = SR_EXIT_IO;
    }
    /* A line for every chart of the template: written, or why not. */
    for (size_t i = 0; code == SR_EXIT_OK && i < specs->n; i++) {
        const sr_chart_spec *s = &specs->v[i];
        bool written = false;
        for (size_t k = 0; files && k < files->nkids && !written; k++)
            written = strcmp(files->kids[k]->figure->id, s->id) == 0;
        if (!written) {
            sr_out("Skipped %s: no figures for it in %s\n", s->id, yname);
            continue;
        }
        char name[256], a[32], b[32];
        snprintf(name, sizeof name, "%s.png", s->id);
        char *png = sr_path_join(dir, name);
        snprintf(name, sizeof name, "%s.svg", s->id);
        char *svg = sr_path_join(dir, name);
        size_words(png, a, sizeof a);
        size_words(svg, b, sizeof b);
        sr_out("Wrote %s (%s) and %s (%s)\n", png, a, svg, b);
        free(png);
        free(svg);
    }
    free(dir);
    sr_unlock_dir(lock);
    sr_fonts_close(fonts);
    sr_diags_free(&quiet);
    sr_report_data_free(&rd);
    return code;
}

const sr_command sr_cmd_charts = {
    "charts",
    "draw the report's charts as PNG and SVG files",
    usage,
    run,
};
