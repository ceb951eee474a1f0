/* Fuzz target: a narrative file, through the document builder to the PDF
 * and HTML writers. The input is the Markdown of a section (and of an
 * optional one, which is left out when it has no words), in a year of the
 * sample's figures with the bundled metrics and charts, so placeholders and
 * data blocks resolve. Whatever the input, the build must not crash; when
 * it has no errors (so `build` would write the report), the tree must hold
 * only valid UTF-8, no comment and no nesting deeper than the builder's
 * bound, and both writers must write their file. */
#include "fuzz.h"
#include "fuzz_doc.h"

#include "chart/fonts.h"
#include "chart/spec.h"
#include "core/fsutil.h"
#include "data/dataset.h"
#include "doc/build.h"
#include "metrics/catalogue.h"
#include "metrics/metrics.h"
#include "metrics/suppress.h"
#include "render/render.h"

#include <unistd.h>

#ifndef SSCP_SOURCE_DIR
#define SSCP_SOURCE_DIR "."
#endif

static const char report[] = "format: 1\n"
                             "title: \"{{partnership}} annual report {{year}}\"\n"
                             "sections:\n"
                             "  - id: words\n"
                             "    title: \"Words for {{year}}\"\n"
                             "    narrative: words.md\n"
                             "    blocks: [\"table summary\"]\n"
                             "  - id: more\n"
                             "    title: More words\n"
                             "    narrative: more.md\n"
                             "    optional: yes\n";

static const sr_guidance no_duties = {.short_name = "Fuzz guidance"};

typedef struct {
    char root[64];
    char *data, *templates, *narr, *out, *words, *more;
    sr_dataset ds;
    sr_catalogue *cat;
    sr_metrics *m;
    sr_chart_specs *specs;
    sr_fonts *fonts;
} world;

static char *join(const char *dir, const char *name)
{
    char *p = sr_path_join(dir, name);
    if (!p)
        abort();
    return p;
}

static void put(const char *dir, const char *name, const char *text, size_t len)
{
    char *path = join(dir, name);
    if (sr_write_file_atomic(path, text, len) != 0)
        abort();
    free(path);
}

static void copy(const char *from_dir, const char *name, const char *to_dir)
{
    char *from = join(from_dir, name), *to = join(to_dir, name);
    if (sr_copy_file(from, to) != 0)
        abort();
    free(from);
    free(to);
}

static void remove_world(void);
static world W;

/* The data folder and templates, made once. */
static world *setup(void)
{
    if (W.data)
        return &W;
    const char *tmp = getenv("TMPDIR");
    snprintf(W.root, sizeof W.root, "%s/sscp-fuzz-md-XXXXXX",
             tmp && *tmp && strlen(tmp) < 32 ? tmp : "/tmp");
    if (!mkdtemp(W.root))
        abort();
    W.data = join(W.root, "data");
    W.templates = join(W.root, "templates");
    char *year = join(W.data, "2019-20"), *before = join(W.data, "2018-19");
    W.narr = join(year, "narrative");
    W.out = join(W.root, "out");
    if (sr_make_dirs(W.narr) || sr_make_dirs(before) || sr_make_dirs(W.templates) ||
        sr_make_dirs(W.out))
        abort();
    put(W.templates, "report.yaml", report, sizeof report - 1);
    copy(SSCP_SOURCE_DIR "/report-templates", "metrics.yaml", W.templates);
    copy(SSCP_SOURCE_DIR "/report-templates", "charts.yaml", W.templates);
    put(W.data, "partnership.yaml", fuzz_partnership, sizeof fuzz_partnership - 1);
    copy(SSCP_SOURCE_DIR "/data/2019-20", "childrens-social-care.yaml", year);
    copy(SSCP_SOURCE_DIR "/data/2019-20", "finance.yaml", year);
    copy(SSCP_SOURCE_DIR "/data/2018-19", "childrens-social-care.yaml", before);
    free(year);
    free(before);
    W.words = join(W.narr, "words.md");
    W.more = join(W.narr, "more.md");
    atexit(remove_world);
    sr_dataset_load(&W.ds, W.data, 2019, SR_MAX_YEARS);
    W.cat = sr_catalogue_load_layered(W.ds.a, &W.ds.d, W.templates, W.data);
    if (!W.cat || !W.ds.p)
        abort();
    W.m = sr_metrics_compute(W.ds.a, W.cat, W.ds.p, 2019, W.ds.have, W.ds.nyears);
    if (!W.m)
        abort();
    sr_suppress(W.m, W.cat, W.ds.p->suppression_threshold);
    W.specs = sr_chart_specs_load(W.ds.a, &W.ds.d, W.templates, W.data, W.cat, &W.ds);
    if (!W.specs)
        abort();
    W.fonts = fuzz_fonts(SSCP_SOURCE_DIR "/fonts");
    return &W;
}

static void remove_world(void)
{
    sr_dataset_free(&W.ds);
    char *paths[] = {W.words, W.more, NULL};
    for (char **p = paths; *p; p++)
        unlink(*p);
    sr_remove_flat_dir(W.out);
    sr_remove_flat_dir(W.narr);
    char *year = join(W.data, "2019-20"), *before = join(W.data, "2018-19");
    sr_remove_flat_dir(year);
    sr_remove_flat_dir(before);
    sr_remove_flat_dir(W.data);
    sr_remove_flat_dir(W.templates);
    rmdir(W.root);
    free(year);
    free(before);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size > ((size_t)1 << 20))
        return 0;
    world *w = setup();
    put(w->narr, "words.md", (const char *)data, size);
    put(w->narr, "more.md", (const char *)data, size);
    sr_arena *a = sr_arena_new();
    sr_diags d;
    sr_diags_init(&d);
    sr_doc_options o = {.data_dir = w->data, .templates_dir = w->templates, .guidance = &no_duties};
    sr_document *doc = sr_doc_build(a, &d, &o, &w->ds, w->cat, w->m, w->specs);
    fuzz_print(&d);
    if (doc && !d.errors) {
        fuzz_check_tree(doc);
        fuzz_render(doc, w->fonts, w->out);
    }
    sr_diags_free(&d);
    sr_arena_free(a);
    return 0;
}
