/* Shared by the fuzz targets that build a report: what a document tree that
 * `build` would render must be (valid UTF-8, no comment, bounded depth),
 * and the PDF and HTML writers run on it into a folder of their own. */
#ifndef SR_FUZZ_DOC_H
#define SR_FUZZ_DOC_H

#include "chart/fonts.h"
#include "core/fsutil.h"
#include "doc/build.h"
#include "render/render.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static inline void fuzz_check_tree(const sr_document *doc)
{
    sr_doc_iter *it = sr_doc_iter_new(doc->root);
    sr_doc_event ev;
    while ((ev = sr_doc_iter_next(it)) != SR_EV_DONE) {
        const sr_dnode *n = sr_doc_iter_node(it);
        if (ev != SR_EV_ENTER)
            continue;
        if (n->text && sr_utf8_invalid_at(n->text, strlen(n->text)) != strlen(n->text)) {
            fprintf(stderr, "fuzz: text that is not UTF-8 in the tree\n");
            abort();
        }
        if (n->kind == SR_D_TEXT && strstr(n->text, "<!--")) {
            fprintf(stderr, "fuzz: a comment reached the tree: %s\n", n->text);
            abort();
        }
        /* document > section > nesting > paragraph > inline */
        if (sr_doc_iter_depth(it) > SR_DOC_MAX_NESTING + 4) {
            fprintf(stderr, "fuzz: the tree is %zu deep\n", sr_doc_iter_depth(it));
            abort();
        }
    }
    sr_doc_iter_free(it);
}

/* The bundled fonts, opened once, closed at exit. */
static sr_fonts *fuzz_fonts_open;

static inline void fuzz_fonts_close(void)
{
    if (fuzz_fonts_open)
        sr_fonts_close(fuzz_fonts_open);
    fuzz_fonts_open = NULL;
}

static inline sr_fonts *fuzz_fonts(const char *fonts_dir)
{
    sr_fonts *fonts = fuzz_fonts_open;
    if (!fonts) {
        char err[256];
        fonts = sr_fonts_open(fonts_dir, err, sizeof err);
        if (!fonts) {
            fprintf(stderr, "fuzz: %s\n", err);
            abort();
        }
        fuzz_fonts_open = fonts;
        atexit(fuzz_fonts_close);
    }
    return fonts;
}

/* Writes doc as out_dir/report.pdf and report.html; a writer that fails
 * on a tree `build` would render is a bug. */
static inline void fuzz_render(const sr_document *doc, sr_fonts *fonts, const char *out_dir)
{
    if (!sr_fonts_set_family(fonts, doc->font))
        abort();
    sr_render_options ro = {fonts, 1585699200, true, NULL, 0, NULL};
    for (const sr_output *const *o = sr_outputs; *o; o++) {
        bool pdf = strcmp((*o)->name, "PDF") == 0;
        if (!pdf && strcmp((*o)->name, "HTML") != 0)
            continue;
        char *path = sr_path_join(out_dir, pdf ? "report.pdf" : "report.html");
        sr_render_result r = {0};
        char err[512];
        if (!path || (*o)->write(doc, &ro, path, &r, err, sizeof err) != 0) {
            fprintf(stderr, "fuzz: the %s was not written: %s\n", (*o)->name, path ? err : "");
            abort();
        }
        free(path);
    }
}

#endif
