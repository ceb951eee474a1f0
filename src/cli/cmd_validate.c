/* cmd_validate: `sscp-report validate FILE|YEAR|DIR ...`.
 *
 * Works out what each argument names (one submission, a year's folder, a
 * whole data folder, or a year such as 2019-20 in the data folder), finds the
 * partnership.yaml that goes with it, loads everything, runs the checks
 * across each year's files, and prints every problem found in one run. */
#include "cli/args.h"
#include "cli/cli.h"
#include "cli/report_data.h"
#include "cli/workspace.h"
#include "core/arena.h"
#include "core/fsutil.h"
#include "core/strmap.h"
#include "core/suggest.h"
#include "data/benchmarks.h"
#include "data/guidance.h"
#include "data/loader.h"
#include "data/partnership.h"
#include "doc/build.h"
#include "metrics/catalogue.h"

#include <stdlib.h>
#include <string.h>

static const char usage[] =
    "Usage: sscp-report validate [OPTIONS] FILE|YEAR|DIR ...\n"
    "\n"
    "Check partner submissions and say exactly what is wrong and where.\n"
    "\n"
    "  FILE     one submission, such as data/2024-25/police.yaml, or partnership.yaml\n"
    "  YEAR     a reporting year, such as 2019-20: every file in DATA/2019-20\n"
    "  DIR      a year's folder, or a data folder (every year in it)\n"
    "\n"
    "Options:\n"
    "  --data DIR        the data folder (default: ./data)\n"
    "  --templates DIR   the report template folder (default: ./report-templates, if\n"
    "                    there): its metrics.yaml says which measures are local, and\n"
    "                    its guidance/ holds the editions partnership.yaml may name\n"
    "  --format FORMAT   text (default) or json\n"
    "\n"
    "Each problem is printed as file:line:column, whether it is an error or a\n"
    "warning, what is wrong, the line with a caret under the place, and a hint.\n"
    "Figures given by two files, totals that do not add up and income that does\n"
    "not match expenditure are found across all of a year's files. A note says\n"
    "where a measure the metrics catalogue does not know will appear; notes are\n"
    "not problems.\n"
    "\n"
    "Exit status: 0 no errors (warnings allowed), 1 errors found, 2 wrong\n"
    "command line, 3 a file could not be read.\n";

typedef struct {
    char *path;
    sr_partnership *p; /* NULL if missing or invalid */
} pcache;

typedef struct {
    sr_arena *a;
    sr_diags d;
    const char *data;
    bool data_given;
    pcache *cache;
    size_t ncache;
    bool warned_no_partnership;
    const sr_catalogue *cat; /* to tell local measures; NULL when there is none */
    sr_strmap bench_done;    /* data folders (real paths) whose benchmarks are checked */
    const char *templates;   /* --templates, or the default: its guidance/ editions */
} vstate;

/* A note for each measure of y that no metric of the catalogue uses: where
 * it will appear instead. */
static void note_local_measures(vstate *s, const sr_year *y)
{
    if (!s->cat)
        return;
    for (size_t i = 0; i < y->figs.n; i++) {
        const sr_figure *f = &y->figs.v[i];
        if (!sr_path_match("performance.measures[*].id", f->path) || f->v.avail != SR_AVAILABLE)
            continue;
        size_t skip = strlen("performance.measures["), len = strlen(f->path) - skip - 4;
        char *slug = sr_arena_strndup(s->a, f->path + skip, len);
        if (sr_catalogue_uses_measure(s->cat, slug) || sr_catalogue_find(s->cat, f->v.text))
            continue;
        sr_diag_add(&s->d, SR_NOTE, f->loc,
                    "`%s` is not in the metrics catalogue: it will appear in the report's Local "
                    "measures table and the workbook's Local_measures sheet",
                    f->v.text);
    }
}

static sr_partnership *partnership_at(vstate *s, const char *path)
{
    for (size_t i = 0; i < s->ncache; i++)
        if (strcmp(s->cache[i].path, path) == 0)
            return s->cache[i].p;
    s->cache = sr_xrealloc(s->cache, (s->ncache + 1) * sizeof *s->cache);
    pcache *c = &s->cache[s->ncache++];
    c->path = sr_xstrdup(path);
    c->p = sr_partnership_load(s->a, &s->d, path);
    /* The editions it names are those of the templates' guidance/. */
    if (c->p)
        sr_guidance_check_choices(&s->d, s->templates, c->p);
    if (!c->p) {
        sr_diag *g = sr_diag_add(&s->d, SR_WARNING, (sr_loc){0},
                                 "partner ids are not checked, because %s cannot be used", path);
        sr_diag_hint(g, "fix the errors in %s first", path);
    }
    return c->p;
}

/* The partnership.yaml for something in folder dir: --data's if given, else
 * dir's own, else its parent's. NULL (with one warning) when there is none. */
static sr_partnership *partnership_for(vstate *s, const char *dir)
{
    char *cands[3] = {0};
    size_t n = 0;
    if (s->data_given)
        cands[n++] = sr_path_join(s->data, "partnership.yaml");
    cands[n++] = sr_path_join(dir, "partnership.yaml");
    char *parent = sr_dirname(dir);
    if (strcmp(sr_basename(dir), ".") != 0)
        cands[n++] = sr_path_join(parent, "partnership.yaml");
    free(parent);
    sr_partnership *p = NULL;
    bool found = false;
    for (size_t i = 0; i < n && !found; i++) {
        if (sr_path_kind_of(cands[i]) == SR_PATH_FILE) {
            p = partnership_at(s, cands[i]);
            found = true;
        }
    }
    if (!found && !s->warned_no_partnership) {
        s->warned_no_partnership = true;
        sr_diag *g;
        if (strcmp(dir, ".") == 0)
            g = sr_diag_add(&s->d, SR_WARNING, (sr_loc){0},
                            "no partnership.yaml in this folder or the one above it, so partner "
                            "ids are not checked");
        else
            g = sr_diag_add(&s->d, SR_WARNING, (sr_loc){0},
                            "no partnership.yaml in %s or the folder above it, so partner ids "
                            "are not checked",
                            dir);
        sr_diag_hint(g, "pass --data DIR to name the folder that holds partnership.yaml");
    }
    for (size_t i = 0; i < n; i++)
        free(cands[i]);
    return p;
}

static void validate_year_dir(vstate *s, const char *dir, sr_partnership *p)
{
    sr_loader l = {s->a, &s->d, p, NULL};
    sr_year y;
    sr_year_init(&y, 0);
    int n = sr_load_year_dir(&l, &y, dir);
    if (n > 0) {
        sr_year_check(&l, &y);
        note_local_measures(s, &y);
    } else if (n == 0) {
        sr_source *src = sr_diags_add_source(&s->d, dir, NULL, 0);
        sr_diag *g = sr_diag_add(&s->d, SR_WARNING, (sr_loc){src, 0, 0, 0},
                                 "there are no submissions (.yaml files) in this folder");
        sr_diag_hint(g, "partners' files go here; `sscp-report template PARTNER YEAR` writes "
                        "a blank one");
    }
    sr_year_free(&y);
}

/* The benchmarks' table definitions, for the data folder data_dir; not
 * counted as files checked. NULL when they cannot be used. */
static const sr_bench_spec *bench_spec(vstate *s, const char *data_dir)
{
    size_t before = s->d.nsources;
    char *bt = sr_bench_templates_dir(s->templates);
    const sr_bench_spec *spec = sr_bench_spec_load(s->a, &s->d, bt, data_dir);
    free(bt);
    for (size_t i = before; i < s->d.nsources; i++)
        s->d.sources[i]->checked = false;
    return spec;
}

static void check_years(vstate *s, const sr_bench_data *bd, const char *data_dir);

/* Whether data_dir's benchmarks were checked already, for a command line
 * naming two of its year folders (or the folder and a year): marked as
 * checked when not, so that each file is read, and each message given,
 * once. */
static bool bench_checked(vstate *s, const char *data_dir)
{
    char *real = realpath(data_dir, NULL);
    const char *key = real ? real : data_dir;
    bool seen = sr_strmap_get(&s->bench_done, key) != NULL;
    if (!seen)
        sr_strmap_put(&s->bench_done, key, 1);
    free(real);
    return seen;
}

/* The DfE's files in data_dir/benchmarks/, when the data folder uses them. */
static void validate_benchmarks(vstate *s, const char *data_dir, const sr_partnership *p)
{
    if (!sr_bench_wanted(p, data_dir) || bench_checked(s, data_dir))
        return;
    const sr_bench_spec *spec = bench_spec(s, data_dir);
    if (!spec)
        return;
    /* A metric id the catalogue does not know would compare nothing. */
    for (size_t i = 0; s->cat && i < spec->n; i++) {
        for (size_t k = 0; k < spec->v[i].nmaps; k++) {
            const sr_bmap *bm = &spec->v[i].maps[k];
            if (sr_catalogue_find(s->cat, bm->metric))
                continue;
            sr_diag *g = sr_diag_add(&s->d, SR_WARNING, bm->loc,
                                     "`%s` is not a metric of metrics.yaml, so the DfE's `%s` is "
                                     "not compared with anything",
                                     bm->metric, bm->column);
            const char **ids = sr_xcalloc(s->cat->nmetrics + 1, sizeof *ids);
            for (size_t j = 0; j < s->cat->nmetrics; j++)
                ids[j] = s->cat->metrics[j].id;
            const char *best = sr_suggest(bm->metric, ids, s->cat->nmetrics);
            if (best)
                sr_diag_hint(g, "did you mean `%s`?", best);
            else
                sr_diag_hint(g, "use the id of a metric in metrics.yaml, as `sscp-report metrics "
                                "--format csv YEAR` lists them");
            free(ids);
        }
    }
    check_years(s, sr_bench_load(s->a, &s->d, spec, data_dir, p), data_dir);
}

/* The years data_dir has folders for: a file without the area's row for
 * one of them would show [x] without a word. */
static void check_years(vstate *s, const sr_bench_data *bd, const char *data_dir)
{
    char **names = sr_list_dir(data_dir, "");
    size_t cap = 0;
    for (char **n = names; n && *n; n++)
        cap++;
    int *years = sr_xcalloc(cap ? cap : 1, sizeof *years);
    size_t ny = 0;
    for (char **n = names; n && *n; n++) {
        int y = sr_year_from_name(*n);
        char *sub = y ? sr_path_join(data_dir, *n) : NULL;
        if (sub && sr_path_kind_of(sub) == SR_PATH_DIR)
            years[ny++] = y;
        free(sub);
    }
    sr_bench_check_years(&s->d, bd, years, ny);
    free(years);
    sr_free_names(names);
}

/* One of the DfE's files, or a benchmarks/ folder: checked against the
 * tables of the data folder it is in (or --data's). */
static void validate_bench_path(vstate *s, const char *path, bool folder)
{
    char *dir = folder ? sr_xstrdup(path) : sr_dirname(path);
    char *data = s->data_given ? sr_xstrdup(s->data) : sr_dirname(dir);
    if (folder && bench_checked(s, data)) {
        /* read already, with its data folder */
    } else if (folder) {
        char *pp = sr_path_join(data, "partnership.yaml");
        const sr_partnership *p =
            sr_path_kind_of(pp) == SR_PATH_FILE ? partnership_at(s, pp) : NULL;
        free(pp);
        const sr_bench_spec *spec = bench_spec(s, data);
        if (spec)
            check_years(s, sr_bench_load(s->a, &s->d, spec, data, p), data);
    } else {
        const sr_bench_spec *spec = bench_spec(s, data);
        if (spec)
            sr_bench_load_file(s->a, &s->d, spec, path, NULL);
    }
    free(dir);
    free(data);
}

static void validate_data_root(vstate *s, const char *dir)
{
    char *pp = sr_path_join(dir, "partnership.yaml");
    sr_partnership *p = partnership_at(s, pp);
    free(pp);
    validate_benchmarks(s, dir, p);
    /* What no command reads would be left out in silence: say so. */
    sr_report_unread_data(&s->d, dir, SR_WARNING, true);
    char **names = sr_list_dir(dir, "");
    for (char **n = names; n && *n; n++) {
        if (!sr_year_from_name(*n))
            continue;
        char *sub = sr_path_join(dir, *n);
        if (sr_path_kind_of(sub) == SR_PATH_DIR) {
            validate_year_dir(s, sub, p);
            /* The narrative files no section of the template takes. */
            sr_doc_unread_narrative(s->a, &s->d, s->templates, dir, sr_year_from_name(*n),
                                    SR_WARNING);
        }
        free(sub);
    }
    sr_free_names(names);
}

static void validate_files(vstate *s, char **files, size_t n)
{
    /* Files in the same folder are one year's files: check them together. */
    bool *done = sr_xcalloc(n ? n : 1, sizeof *done);
    for (size_t i = 0; i < n; i++) {
        if (done[i])
            continue;
        char *dir = sr_dirname(files[i]);
        sr_partnership *p = partnership_for(s, dir);
        sr_loader l = {s->a, &s->d, p, NULL};
        sr_year y;
        int folder_year = sr_year_from_name(sr_basename(dir));
        sr_year_init(&y, folder_year);
        for (size_t j = i; j < n; j++) {
            char *dj = sr_dirname(files[j]);
            if (!done[j] && strcmp(dj, dir) == 0) {
                done[j] = true;
                sr_load_submission(&l, &y, files[j], folder_year);
            }
            free(dj);
        }
        sr_year_check(&l, &y);
        note_local_measures(s, &y);
        sr_year_free(&y);
        free(dir);
    }
    free(done);
}

static void summary(const vstate *s, FILE *out)
{
    /* What was read: submissions, and the partnership file they were checked
     * against. A file that could not be opened was not checked. */
    size_t subs = 0, parts = 0, csvs = 0;
    for (size_t i = 0; i < s->d.nsources; i++) {
        const sr_source *src = s->d.sources[i];
        if (!src->checked)
            continue;
        if (strcmp(sr_basename(src->name), "partnership.yaml") == 0)
            parts++;
        else if (sr_bench_is_csv(src->name))
            csvs++;
        else
            subs++;
    }
    char what[160];
    int n = 0;
    if (subs || (!parts && !csvs))
        n = snprintf(what, sizeof what, "%zu submission%s", subs, subs == 1 ? "" : "s");
    if (csvs)
        n += snprintf(what + n, sizeof what - (size_t)n, "%s%zu benchmark file%s",
                      n ? (parts ? ", " : " and ") : "", csvs, csvs == 1 ? "" : "s");
    if (parts == 1)
        snprintf(what + n, sizeof what - (size_t)n, "%spartnership.yaml", n ? " and " : "");
    else if (parts > 1)
        snprintf(what + n, sizeof what - (size_t)n, "%s%zu partnership files", n ? " and " : "",
                 parts);
    char notes[48] = "";
    if (s->d.notes)
        snprintf(notes, sizeof notes, " (%zu note%s)", s->d.notes, s->d.notes == 1 ? "" : "s");
    if (s->d.errors == 0 && s->d.warnings == 0) {
        fprintf(out, "Checked %s: no problems found%s.\n", what, notes);
        return;
    }
    fprintf(out, "Checked %s: %zu error%s, %zu warning%s%s.\n", what, s->d.errors,
            s->d.errors == 1 ? "" : "s", s->d.warnings, s->d.warnings == 1 ? "" : "s", notes);
}

static int run(int argc, char **argv)
{
    vstate s = {.data = NULL, .bench_done = SR_STRMAP_INIT};
    const char *format = "text";
    const char **targets = sr_xcalloc((size_t)argc, sizeof *targets);
    const char *templates = NULL;
    const sr_opt opts[] = {{"--data", NULL, &s.data, NULL},
                           {"--templates", NULL, &templates, NULL},
                           {"--format", NULL, &format, NULL},
                           {0}};
    int nt;
    if (!sr_parse_args("validate", argc, argv, opts, targets, argc, &nt)) {
        free(targets);
        return SR_EXIT_USAGE;
    }
    bool json = strcmp(format, "json") == 0;
    if (!json && strcmp(format, "text") != 0) {
        sr_usage_error("validate", "unknown format '%s'; use text or json", format);
        free(targets);
        return SR_EXIT_USAGE;
    }
    s.data_given = s.data != NULL;
    s.templates = templates ? templates : "report-templates";
    if (!s.data)
        s.data = SR_DEFAULT_DATA;
    if (nt == 0) {
        sr_usage_error("validate", "name a file, a year (such as 2019-20) or a folder to check");
        free(targets);
        return SR_EXIT_USAGE;
    }

    /* Work out what each argument is before loading anything. */
    for (int i = 0; i < nt; i++) {
        const char *t = targets[i];
        sr_path_kind k = sr_path_kind_of(t);
        if (k == SR_PATH_NONE && !sr_year_from_name(t) && strchr(t, '/') == NULL &&
            strstr(t, ".yaml") == NULL && strstr(t, ".yml") == NULL) {
            sr_usage_error("validate",
                           "'%s' is not a file, a folder or a reporting year such as 2019-20", t);
            free(targets);
            return SR_EXIT_USAGE;
        }
    }

    s.a = sr_arena_new();
    /* Outside a partnership's folder (a data lead checking a file), the
     * template that comes with the program says which narrative files a
     * report takes. */
    char *bundled = NULL;
    if (!templates && sr_path_kind_of(s.templates) != SR_PATH_DIR &&
        (bundled = sr_bundled_dir("report-templates"))) {
        s.templates = sr_arena_strdup(s.a, bundled);
        free(bundled);
    }
    sr_diags_init(&s.d);
    /* The catalogue, with the data folder's own templates/metrics.yaml layered
     * over it, to say where measures it does not know will appear. Without
     * --templates it is used only if ./report-templates has one. It is not a
     * submission, so it is not counted as one checked. */
    char *cpath = sr_path_join(templates ? templates : "report-templates", "metrics.yaml");
    if (templates || sr_path_kind_of(cpath) == SR_PATH_FILE) {
        size_t before = s.d.nsources;
        s.cat = sr_catalogue_load_layered(s.a, &s.d, templates ? templates : "report-templates",
                                          s.data);
        for (size_t i = before; i < s.d.nsources; i++)
            s.d.sources[i]->checked = false;
    }
    free(cpath);
    char **files = sr_xcalloc(nt, sizeof *files);
    size_t nf = 0;
    for (int i = 0; i < nt; i++) {
        const char *t = targets[i];
        sr_path_kind k = sr_path_kind_of(t);
        if (k == SR_PATH_DIR) {
            char *pp = sr_path_join(t, "partnership.yaml");
            /* A folder named like a year is a year's folder, even with a
             * partnership.yaml saved into it by mistake (which it lists as
             * not read). */
            char *name = sr_xstrdup(t);
            for (size_t len = strlen(name); len > 1 && name[len - 1] == '/';)
                name[--len] = '\0';
            int year = sr_year_from_name(sr_basename(name));
            bool root = sr_path_kind_of(pp) == SR_PATH_FILE && !year;
            free(pp);
            if (root) {
                validate_data_root(&s, t);
            } else if (strcmp(sr_basename(name), SR_BENCH_DIR) == 0) {
                validate_bench_path(&s, name, true);
            } else {
                sr_partnership *yp = partnership_for(&s, t);
                /* A year's folder: the data folder it is in. */
                char *up = sr_xstrdup(name);
                char *slash = strrchr(up, '/');
                const char *parent = slash ? (slash[1] = '\0', up) : ".";
                char *ppy = sr_path_join(parent, "partnership.yaml");
                /* The DfE's files the year's build reads, beside it. */
                if (year && sr_path_kind_of(ppy) == SR_PATH_FILE)
                    validate_benchmarks(&s, parent, yp);
                free(ppy);
                validate_year_dir(&s, t, yp);
                /* Its narrative, against the sections that take it. */
                if (year)
                    sr_doc_unread_narrative(s.a, &s.d, s.templates, parent, year, SR_WARNING);
                free(up);
            }
            free(name);
        } else if (k == SR_PATH_NONE && sr_year_from_name(t)) {
            char *dir = sr_path_join(s.data, t);
            if (sr_path_kind_of(dir) != SR_PATH_DIR) {
                sr_source *src = sr_diags_add_source(&s.d, dir, NULL, 0);
                sr_diag *g = sr_diag_add(&s.d, SR_ERROR, (sr_loc){src, 0, 0, 0},
                                         "there is no folder for %s", t);
                sr_diag_hint(g,
                             "a year's submissions go in %s; use --data DIR if the data "
                             "folder is elsewhere",
                             dir);
                s.d.io_errors++;
            } else {
                char *pp = sr_path_join(s.data, "partnership.yaml");
                sr_partnership *p = NULL;
                bool at_root = sr_path_kind_of(pp) == SR_PATH_FILE;
                if (at_root)
                    p = partnership_at(&s, pp);
                else
                    p = partnership_for(&s, dir);
                free(pp);
                /* The year's build reads the DfE's files too: check them
                 * now, not at the build. */
                if (at_root)
                    validate_benchmarks(&s, s.data, p);
                validate_year_dir(&s, dir, p);
                sr_doc_unread_narrative(s.a, &s.d, s.templates, s.data, sr_year_from_name(t),
                                        SR_WARNING);
            }
            free(dir);
        } else if (strcmp(sr_basename(t), "partnership.yaml") == 0) {
            partnership_at(&s, t);
        } else if (sr_bench_is_csv(t)) {
            validate_bench_path(&s, t, false);
        } else {
            files[nf++] = (char *)t;
        }
    }
    if (nf)
        validate_files(&s, files, nf);
    free(files);
    free(targets);

    sr_diags_sort(&s.d);
    if (json) {
        sr_diags_print_json(&s.d, stdout);
    } else {
        sr_diags_print_text(&s.d, stdout, sr_use_color(stdout));
        summary(&s, stdout);
    }
    int code = s.d.io_errors ? SR_EXIT_IO : s.d.errors ? SR_EXIT_INVALID : SR_EXIT_OK;
    for (size_t i = 0; i < s.ncache; i++)
        free(s.cache[i].path);
    free(s.cache);
    sr_strmap_free(&s.bench_done);
    sr_diags_free(&s.d);
    sr_arena_free(s.a);
    return code;
}

const sr_command sr_cmd_validate = {
    "validate",
    "check partner submissions and say exactly what is wrong",
    usage,
    run,
};
