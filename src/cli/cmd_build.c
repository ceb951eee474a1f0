/* cmd_build: `sscp-report build YEAR`, the annual report. Validates the
 * year first (errors stop it and leave any earlier report as it was), then
 * builds the document and writes every output (render/render.h). */
#include "chart/spec.h"
#include "cli/args.h"
#include "cli/cli.h"
#include "cli/report_data.h"
#include "data/signoff.h"
#include "core/clock.h"
#include "core/fmt.h"
#include "core/fsutil.h"
#include "doc/build.h"
#include "publish/dates.h"
#include "publish/record.h"
#include "render/render.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static const char usage[] =
    "Usage: sscp-report build [OPTIONS] YEAR\n"
    "\n"
    "Build the annual report for a reporting year: check the year's data, then\n"
    "write OUT/YEAR/NAME-annual-report-YEAR.pdf, .html and -data.xlsx, and the\n"
    "charts in OUT/YEAR/charts/. NAME is `file_name` in partnership.yaml, or\n"
    "else its short name in lower case (ESCP: escp-annual-report-2024-25.pdf).\n"
    "Errors in the data stop the build and leave any earlier report untouched;\n"
    "warnings are printed and, in a draft, listed in an appendix.\n"
    "\n"
    "Options:\n"
    "  --final           a missing narrative or unknown placeholder is an error\n"
    "                    (a draft shows a marked placeholder instead)\n"
    "  --data DIR        the data folder (default: ./data)\n"
    "  --templates DIR   the report template folder (default: ./report-templates)\n"
    "  --fonts DIR       the fonts folder (default: ./fonts)\n"
    "  --out DIR         where to write (default: ./out)\n"
    "  --date YYYY-MM-DD the day the report is published, printed on the cover\n"
    "                    (\"Published 30 October 2020\"), within 3 years of the\n"
    "                    year's end; a draft's says \"Draft\" and gives the day\n"
    "                    as the one planned\n"
    "  --timings         print the time each stage took\n"
    "\n"
    "The date written into the PDF is SOURCE_DATE_EPOCH when it is set (seconds\n"
    "since 1970-01-01 UTC, digits only, a time from 1980 to 2099), otherwise the\n"
    "day given with --date, otherwise the day after the reporting year ends, so\n"
    "the same inputs give the same bytes.\n";

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static void size_words(size_t bytes, char *buf, size_t n)
{
    if (bytes >= 1024 * 1024)
        snprintf(buf, n, "%.1f MB", (double)bytes / (1024.0 * 1024.0));
    else
        snprintf(buf, n, "%zu KB", (bytes + 512) / 1024);
}

static int run(int argc, char **argv)
{
    sr_report_data rd = {0};
    const char *year = NULL, *out = "out", *fonts_dir = "fonts", *date = NULL;
    bool final = false, timings = false;
    const sr_opt opts[] = {
        {"--data", NULL, &rd.data, NULL},    {"--templates", NULL, &rd.templates, NULL},
        {"--fonts", NULL, &fonts_dir, NULL}, {"--out", NULL, &out, NULL},
        {"--date", NULL, &date, NULL},       {"--final", NULL, NULL, &final},
        {"--timings", NULL, NULL, &timings}, {0}};
    int npos;
    if (!sr_parse_args("build", argc, argv, opts, &year, 1, &npos))
        return SR_EXIT_USAGE;
    if (!year || !sr_year_from_name(year)) {
        sr_usage_error("build", "name a reporting year, such as: build 2019-20");
        return SR_EXIT_USAGE;
    }
    int y0 = sr_year_from_name(year);
    /* The publication date for the cover: a real day, and not before the
     * reporting year it reports on has ended. */
    int32_t published = 0;
    if (date) {
        char why[160];
        if (!sr_parse_ymd_why(date, &published, why, sizeof why)) {
            sr_usage_error("build", "%s; give the day with --date YYYY-MM-DD, such as 2020-10-30",
                           why);
            return SR_EXIT_USAGE;
        }
        int32_t year_end = (y0 + 1) * 10000 + 3 * 100 + 31;
        if (published <= year_end) {
            char wd[40], ed[40];
            sr_fmt_date(published, wd, sizeof wd);
            sr_fmt_date(year_end, ed, sizeof ed);
            sr_usage_error("build",
                           "%s is not after the reporting year %s ends (%s); give the day the "
                           "report is published with --date",
                           wd, year, ed);
            return SR_EXIT_USAGE;
        }
        char far[320];
        if (sr_publication_date_far(y0, published, far, sizeof far)) {
            sr_usage_error("build", "%s", far);
            return SR_EXIT_USAGE;
        }
    }
    double t0 = now();
    /* Every input is hashed as it is read, so that a file saved while the
     * build runs makes the report stale rather than current. */
    sr_file_log seen = {0}, written = {0};
    sr_log_reads(&seen);
    rd.final = final; /* a final report leaves out no file in silence */
    int code = sr_report_data_load(&rd, y0, stderr);
    double t_load = now();
    if (code != SR_EXIT_OK) {
        fprintf(stderr, "sscp-report: the report was not built\n");
        sr_log_reads(NULL);
        sr_file_log_free(&seen);
        sr_report_data_free(&rd);
        return code;
    }
    size_t warnings_before = rd.ds.d.n;
    sr_chart_specs *specs =
        sr_chart_specs_load(rd.ds.a, &rd.ds.d, rd.templates, rd.data, rd.cat, &rd.ds);
    sr_doc_options dopt = {
        .data_dir = rd.data, .templates_dir = rd.templates, .final = final, .published = published};
    sr_document *doc =
        specs ? sr_doc_build(rd.ds.a, &rd.ds.d, &dopt, &rd.ds, rd.cat, rd.m, specs) : NULL;
    /* What the guidance edition in force asks for beyond words: the lead
     * safeguarding partners' sign-off, and each partner's contribution to
     * the shared budget shown. */
    if (doc && doc->guidance) {
        sr_sign_off_check(&rd.ds.d, rd.ds.p, rd.ds.have[0], doc->guidance, final);
        sr_doc_contributions_check(&rd.ds.d, doc, doc->guidance->needs_contributions, final);
    }
    double t_doc = now();
    sr_diags_sort(&rd.ds.d);
    sr_diags_print_text(&rd.ds.d, stderr, sr_use_color(stderr));
    if (!doc || rd.ds.d.errors) {
        fprintf(stderr, "sscp-report: the report was not built%s\n",
                final && doc ? " (--final: fix the errors above)" : "");
        code = rd.ds.d.io_errors ? SR_EXIT_IO : SR_EXIT_INVALID;
        sr_log_reads(NULL);
        sr_file_log_free(&seen);
        sr_report_data_free(&rd);
        return code;
    }
    (void)warnings_before;
    char err[1024];
    sr_inputs_read_fonts(fonts_dir);
    sr_fonts *fonts = sr_fonts_open(fonts_dir, err, sizeof err);
    if (!fonts) {
        sr_fail("%s", err);
        sr_log_reads(NULL);
        sr_file_log_free(&seen);
        sr_report_data_free(&rd);
        return SR_EXIT_IO;
    }
    if (!sr_fonts_set_family(fonts, doc->font)) {
        sr_fail("the template sets the report in %s, but there is no such font in %s", doc->font,
                fonts_dir);
        sr_fonts_close(fonts);
        sr_log_reads(NULL);
        sr_file_log_free(&seen);
        sr_report_data_free(&rd);
        return SR_EXIT_INVALID;
    }
    char yname[16];
    sr_fmt_year(y0, yname, sizeof yname);
    char *ydir = sr_path_join(out, yname);
    /* The year's folder and the folders outputs write into, made before
     * any file is written; and the temporary files of an earlier build
     * that was killed part-way removed. */
    for (size_t i = 0; code == SR_EXIT_OK && sr_outputs[i]; i++) {
        if (!sr_outputs[i]->folder)
            continue;
        char *dir = sr_path_join(ydir, sr_outputs[i]->file);
        if (sr_make_dirs(dir) != 0) {
            sr_fail("cannot create %s: %s", dir, sr_io_error(errno));
            code = SR_EXIT_IO;
        }
        free(dir);
    }
    if (code == SR_EXIT_OK && sr_make_dirs(ydir) != 0) {
        sr_fail("cannot create %s: %s", ydir, sr_io_error(errno));
        code = SR_EXIT_IO;
    }
    /* One command at a time in the year's output folder: two builds, or a
     * build and a publish, would otherwise mix their files and records. */
    int lock = -1;
    if (code == SR_EXIT_OK && (lock = sr_lock_dir(ydir, "a build or a publish")) < 0) {
        sr_fail("cannot lock %s against other commands: %s", ydir, strerror(errno));
        code = SR_EXIT_IO;
    }
    if (code == SR_EXIT_OK)
        sr_remove_stale_temps(ydir);
    /* The date in the files: SOURCE_DATE_EPOCH; or the day given with
     * --date, so that no file is dated before the report is published; or
     * the day after the year. */
    struct tm tm = {.tm_year = y0 + 1 - 1900, .tm_mon = 3, .tm_mday = 1};
    if (published)
        tm = (struct tm){.tm_year = published / 10000 - 1900,
                         .tm_mon = published / 100 % 100 - 1,
                         .tm_mday = published % 100};
    int64_t created = sr_source_date((int64_t)timegm(&tm));

    /* Warnings for a draft's appendix. */
    const char **lines = sr_xcalloc(rd.ds.d.n + 1, sizeof *lines);
    size_t nl = 0;
    for (size_t i = 0; i < rd.ds.d.n; i++) {
        if (rd.ds.d.v[i].sev != SR_WARNING)
            continue;
        char where[512];
        sr_loc_format(rd.ds.d.v[i].loc, where, sizeof where);
        lines[nl++] = sr_arena_printf(rd.ds.a, "%s: %s", where, rd.ds.d.v[i].msg);
    }
    sr_render_options ro = {fonts, created, !final, lines, nl};
    const char *stem = sr_partnership_file_stem(rd.ds.a, rd.ds.p);
    /* Each output names the others it is published beside. */
    doc->pdf_file = sr_arena_printf(rd.ds.a, sr_output_pdf.file, stem, yname);
    doc->html_file = sr_arena_printf(rd.ds.a, sr_output_html.file, stem, yname);
    doc->xlsx_file = sr_arena_printf(rd.ds.a, sr_output_xlsx.file, stem, yname);
    /* Every output, in order: its path, what it wrote, how long it took. */
    size_t nouts = 0;
    while (sr_outputs[nouts])
        nouts++;
    char **paths = sr_xcalloc(nouts + 1, sizeof *paths);
    sr_render_result *res = sr_xcalloc(nouts + 1, sizeof *res);
    double *took = sr_xcalloc(nouts + 1, sizeof *took);
    /* The bytes each output writes are noted as they are written: the
     * record lists those, not what is in the folder afterwards. */
    sr_log_writes(&written);
    for (size_t i = 0; i < nouts; i++) {
        const sr_output *o = sr_outputs[i];
        paths[i] = sr_path_join(ydir, o->folder ? o->file
                                                : sr_arena_printf(rd.ds.a, o->file, stem, yname));
        if (code != SR_EXIT_OK)
            continue;
        double t = now();
        if (o->write(doc, &ro, paths[i], &res[i], err, sizeof err) != 0) {
            sr_fail("%s", err);
            code = SR_EXIT_IO;
        }
        took[i] = now() - t;
    }
    sr_log_writes(NULL);
    double t_outputs = now();
    /* What this report was made from and what it made, for status and
     * publish. */
    if (code == SR_EXIT_OK) {
        /* The day it was built (not the files' reproducible date). */
        sr_build_record rec = {.year = y0, .final = final, .built = sr_today()};
        sr_inputs_hash_seen(&rd.ds, rd.data, rd.templates, fonts_dir, &seen, rec.inputs);
        size_t cap = written.nfiles + nouts + 1;
        sr_record_file *files = sr_xcalloc(cap, sizeof *files);
        for (size_t i = 0; i < nouts && code == SR_EXIT_OK; i++) {
            if (!sr_outputs[i]->recorded)
                continue;
            size_t had = rec.noutputs;
            char *key = sr_path_normalised(paths[i]);
            size_t klen = strlen(key);
            for (size_t k = 0; k < written.nfiles; k++) {
                const sr_logged_file *w = &written.files[k];
                bool mine = sr_outputs[i]->folder
                                ? strncmp(w->path, key, klen) == 0 && w->path[klen] == '/'
                                : strcmp(w->path, key) == 0;
                if (!mine)
                    continue;
                sr_record_file *f = &files[rec.noutputs++];
                /* A folder's files by their path in the year's folder:
                 * charts/ID.png. */
                f->name = sr_arena_strdup(rd.ds.a, sr_outputs[i]->folder
                                                       ? w->path + klen - strlen(sr_basename(key))
                                                       : sr_basename(w->path));
                f->bytes = w->bytes;
                memcpy(f->sha256, w->sha256, sizeof f->sha256);
            }
            free(key);
            if (rec.noutputs == had && !sr_outputs[i]->folder) {
                sr_fail("the %s output did not write %s; this is a fault in sscp-report: "
                        "please report it",
                        sr_outputs[i]->name, paths[i]);
                code = SR_EXIT_IO;
            }
        }
        rec.outputs = files;
        if (code == SR_EXIT_OK && sr_build_record_write(ydir, &rec) != 0) {
            sr_fail("cannot write the build record in %s: %s", ydir, sr_io_error(errno));
            code = SR_EXIT_IO;
        }
        free(files);
    }
    double t_record = now();
    if (code == SR_EXIT_OK) {
        for (size_t i = 0; i < nouts; i++) {
            char size[32];
            size_words(res[i].bytes, size, sizeof size);
            sr_out("Wrote %s%s (%s%s%s)%s\n", paths[i], sr_outputs[i]->folder ? "/" : "",
                   res[i].what, res[i].what[0] ? ", " : "", size, res[i].after);
        }
        if (doc->missing_narratives)
            sr_out("%zu section%s still %s no words: see the warnings above\n",
                   doc->missing_narratives, doc->missing_narratives == 1 ? "" : "s",
                   doc->missing_narratives == 1 ? "has" : "have");
        sr_out("Built in %.2f s (%zu warning%s)\n", t_record - t0, rd.ds.d.warnings,
               rd.ds.d.warnings == 1 ? "" : "s");
        if (timings) {
            sr_out("  load and check %.3f s, document %.3f s", t_load - t0, t_doc - t_load);
            for (size_t i = 0; i < nouts; i++)
                sr_out(", %s %.3f s", sr_outputs[i]->name, took[i]);
            sr_out(", build record %.3f s\n", t_record - t_outputs);
        }
    }
    for (size_t i = 0; i < nouts; i++)
        free(paths[i]);
    free(paths);
    free(res);
    free(took);
    free(lines);
    free(ydir);
    sr_unlock_dir(lock);
    sr_log_reads(NULL);
    sr_file_log_free(&seen);
    sr_file_log_free(&written);
    sr_fonts_close(fonts);
    sr_report_data_free(&rd);
    return code;
}

const sr_command sr_cmd_build = {
    "build",
    "build the annual report: PDF, accessible HTML and the data workbook",
    usage,
    run,
};
