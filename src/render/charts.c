/* charts: the chart files, an output of the document tree (render.h).
 *
 * Walks the tree's SR_D_CHART_FILES subtree and writes, for each figure,
 * ID.png at twice its size with the title drawn (for slides and other
 * documents, where nothing else names it) and ID.svg, the same bytes the
 * HTML page holds inline (sr_chart_svg: the title is its <title>). Each
 * chart was built once with the tree; the files only draw it. */
#include "render/render.h"

#include "core/buf.h"
#include "core/fsutil.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

/* Whether id names a file in the folder and nothing else. The builder
 * gives only the spec's ids; a renderer still never writes outside. */
static bool file_name(const char *id)
{
    return id && *id && *id != '.' && !strchr(id, '/');
}

/* Writes one chart's two files; adds their sizes to *bytes. 0, or -1 with
 * errno. */
static int write_one(sr_fonts *fonts, sr_svg_cache *svgs, const sr_dfigure *f, const char *dir,
                     size_t *bytes)
{
    if (!file_name(f->id) || !f->chart) {
        errno = EINVAL;
        return -1;
    }
    size_t n = strlen(f->id) + 5;
    char *name = malloc(n);
    if (!name)
        return -1;
    snprintf(name, n, "%s.png", f->id);
    char *png = sr_path_join(dir, name);
    snprintf(name, n, "%s.svg", f->id);
    char *svg = sr_path_join(dir, name);
    free(name);
    /* The PNG stands alone: its title drawn. A copy, as the chart is
     * shared by every output. */
    sr_chart titled = *f->chart;
    titled.draw_title = true;
    int rc = sr_chart_write_png(fonts, &titled, f->width, f->height, 2, png);
    sr_buf own = SR_BUF_INIT;
    const char *bytes_svg = NULL;
    size_t len = 0;
    if (rc == 0)
        rc =
            sr_chart_svg_shared(svgs, fonts, f->chart, f->width, f->height, &own, &bytes_svg, &len);
    if (rc == 0)
        rc = sr_write_file_atomic(svg, bytes_svg, len);
    sr_buf_free(&own);
    struct stat s1, s2;
    if (rc == 0 && (stat(png, &s1) != 0 || stat(svg, &s2) != 0))
        rc = -1;
    if (rc == 0)
        *bytes += (size_t)s1.st_size + (size_t)s2.st_size;
    free(png);
    free(svg);
    return rc;
}

static int write_charts(const sr_document *doc, const sr_render_options *o, const char *path,
                        sr_render_result *r, char *err, size_t errlen)
{
    if (sr_make_dirs(path) != 0) {
        snprintf(err, errlen, "cannot create %s: %s", path, sr_io_error(errno));
        return -1;
    }
    /* Temporary files of an earlier build that was killed part-way. */
    sr_remove_stale_temps(path);
    const sr_dnode *files = sr_dnode_find(doc->root, SR_D_CHART_FILES);
    size_t ncharts = 0, bytes = 0;
    int rc = 0;
    sr_doc_iter *it = sr_doc_iter_new(files);
    sr_doc_event ev;
    while (rc == 0 && (ev = sr_doc_iter_next(it)) != SR_EV_DONE) {
        const sr_dnode *n = sr_doc_iter_node(it);
        if (ev != SR_EV_ENTER || n->kind != SR_D_FIGURE)
            continue;
        if (!n->figure || write_one(o->fonts, o->svgs, n->figure, path, &bytes) != 0) {
            const char *id = n->figure && n->figure->id ? n->figure->id : "";
            snprintf(err, errlen, "cannot write the chart %s: %s", id, sr_io_error(errno));
            rc = -1;
        } else {
            ncharts++;
        }
    }
    sr_doc_iter_free(it);
    if (rc != 0)
        return -1;
    snprintf(r->what, sizeof r->what, "%zu charts as PNG and SVG", ncharts);
    r->bytes = bytes;
    r->after[0] = '\0';
    return 0;
}

const sr_output sr_output_charts = {"charts", "charts", true, true, write_charts};
