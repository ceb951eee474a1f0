/* Fuzz target: a whole data folder built from one input. The input is cut
 * at each line "---8<---": the first piece is partnership.yaml (the fixed
 * one is used when it cannot be), the rest are submissions; a piece that
 * says `year: 2018-19` goes in the year before. Both years are loaded and
 * checked as `validate` does, then every metric of the bundled catalogue
 * is computed and formatted as `metrics` and `build` do. With submissions,
 * the report is built as `build` does, from the bundled template and the
 * sample's narrative (its placeholders filled with the fuzzed figures), and
 * when it has no errors, written as PDF and HTML. */
#define _GNU_SOURCE /* memmem */
#include "fuzz.h"
#include "fuzz_doc.h"

#include "data/loader.h"
#include "metrics/catalogue.h"
#include "metrics/metrics.h"
#include "metrics/suppress.h"

#include <unistd.h>

#ifndef SSCP_SOURCE_DIR
#define SSCP_SOURCE_DIR "."
#endif

#define CUT        "\n---8<---\n"
#define MAX_PIECES 8

static void format_all(const sr_metrics *m)
{
    char buf[256];
    for (size_t i = 0; i < m->nmetrics; i++) {
        const sr_metric *mt = &m->metrics[i];
        for (size_t r = 0; r < mt->nrows; r++)
            for (size_t y = 0; y < m->nyears; y++) {
                const sr_mcell *c = &mt->rows[r].cells[y];
                sr_mval_format(&c->v, mt->def->unit, buf, sizeof buf);
                sr_mcell_rate(m, mt, c, y, buf, sizeof buf);
                sr_cmp cmp = sr_metric_compare(m, mt, &mt->rows[r], y);
                sr_cmp_words(&cmp, mt->def->unit, buf, sizeof buf);
                sr_cmp_percent(&cmp, buf, sizeof buf);
                sr_cmp_diff(&cmp, mt->def->unit, buf, sizeof buf);
            }
    }
}

/* A folder for the report's files, made once, removed at exit. */
static char out_dir[64];

static void remove_out(void)
{
    sr_remove_flat_dir(out_dir);
}

static const char *report_dir(void)
{
    if (!*out_dir) {
        const char *tmp = getenv("TMPDIR");
        snprintf(out_dir, sizeof out_dir, "%s/sscp-fuzz-year-XXXXXX",
                 tmp && *tmp && strlen(tmp) < 32 ? tmp : "/tmp");
        if (!mkdtemp(out_dir))
            abort();
        atexit(remove_out);
    }
    return out_dir;
}

/* The report of the two years, as `build` makes it. */
static void build_report(sr_arena *a, sr_partnership *pt, sr_year *years, sr_metrics *m,
                         const sr_catalogue *cat)
{
    sr_dataset ds = {.a = a, .p = pt, .year0 = 2019, .nyears = 2};
    ds.have[0] = &years[0];
    ds.have[1] = &years[1];
    sr_suppress(m, cat, pt->suppression_threshold);
    sr_diags d;
    sr_diags_init(&d);
    const char *templates = SSCP_SOURCE_DIR "/report-templates", *data = SSCP_SOURCE_DIR "/data";
    sr_chart_specs *specs = sr_chart_specs_load(a, &d, templates, data, cat, &ds);
    sr_doc_options o = {.data_dir = data, .templates_dir = templates};
    sr_document *doc = specs ? sr_doc_build(a, &d, &o, &ds, cat, m, specs) : NULL;
    fuzz_print(&d);
    if (doc && !d.errors) {
        fuzz_check_tree(doc);
        fuzz_render(doc, fuzz_fonts(SSCP_SOURCE_DIR "/fonts"), report_dir());
    }
    sr_diags_free(&d);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size > ((size_t)1 << 20))
        return 0;
    static sr_arena *cat_arena;
    static sr_catalogue *cat;
    if (!cat_arena) {
        cat_arena = sr_arena_new();
        sr_diags cd;
        sr_diags_init(&cd);
        cat = sr_catalogue_load(cat_arena, &cd, SSCP_SOURCE_DIR "/report-templates/metrics.yaml");
        sr_diags_free(&cd);
        if (!cat)
            abort();
    }
    const uint8_t *piece[MAX_PIECES];
    size_t len[MAX_PIECES], n = 0;
    const uint8_t *p = data, *end = data + size;
    while (n < MAX_PIECES) {
        const uint8_t *cut = (const uint8_t *)memmem(p, (size_t)(end - p), CUT, strlen(CUT));
        piece[n] = p;
        len[n++] = cut ? (size_t)(cut - p) : (size_t)(end - p);
        if (!cut)
            break;
        p = cut + strlen(CUT);
    }

    sr_arena *a = sr_arena_new();
    sr_diags d;
    sr_diags_init(&d);
    sr_partnership *pt = sr_partnership_load_source(
        a, &d, fuzz_source(&d, "data/partnership.yaml", piece[0], len[0]));
    if (!pt)
        pt = fuzz_partnership_load(a, &d);
    sr_year years[2];
    sr_year_init(&years[0], 2019);
    sr_year_init(&years[1], 2018);
    sr_loader l = {a, &d, pt, NULL};
    for (size_t i = 1; i < n; i++) {
        bool before = memmem(piece[i], len[i], "year: 2018-19", 13) != NULL;
        char name[64];
        snprintf(name, sizeof name, "data/%s/piece-%zu.yaml", before ? "2018-19" : "2019-20", i);
        sr_load_submission_source(&l, &years[before], fuzz_source(&d, name, piece[i], len[i]),
                                  before ? 2018 : 2019);
    }
    sr_year_check(&l, &years[0]);
    sr_year_check(&l, &years[1]);
    fuzz_print(&d);
    sr_year *have[2] = {&years[0], &years[1]};
    sr_metrics *m = sr_metrics_compute(a, cat, pt, 2019, have, 2);
    if (m)
        format_all(m);
    if (m && n > 1)
        build_report(a, pt, years, m, cat);
    sr_year_free(&years[0]);
    sr_year_free(&years[1]);
    sr_diags_free(&d);
    sr_arena_free(a);
    return 0;
}
