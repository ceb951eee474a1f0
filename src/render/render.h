/* render: the outputs a build writes, each a renderer of the document tree.
 *
 * An output is one file in src/render/ that walks the tree (doc/doc.h) with
 * sr_doc_iter, writes one file or folder and defines `sr_output_NAME`, and
 * one line in the list in render/outputs.c (docs/outputs.md). `build` writes every output in that
 * list, prints a "Wrote" line for each, in the list's order, and records the files of those marked
 * `recorded` in the build record. The outputs do not depend on one another, so `build` may write
 * them at once, each in a process of its own (`--jobs`, docs/outputs.md): a renderer keeps nothing
 * between calls that another renderer needs (the charts' SVG cache in the options only saves
 * drawing a chart twice: the bytes are the same without it), and writes only its own file or
 * folder. A renderer
 * includes nothing of data/ or metrics/ but metrics/value.h: everything it shows is in the tree.
 */
#ifndef SR_RENDER_H
#define SR_RENDER_H

#include "chart/fonts.h"
#include "doc/doc.h"

#include <stdint.h>

typedef struct {
    sr_fonts *fonts;       /* the bundled fonts, set to the report's family */
    int64_t created;       /* seconds since 1970: the date written into the files */
    bool draft;            /* a draft: marked as such; the PDF lists the warnings */
    const char **warnings; /* draft: the warnings, one line each */
    size_t nwarnings;
    /* Each chart's SVG, drawn once in a process and shared by the outputs
     * that show it (the chart files, the HTML page); NULL: each draws its
     * own. The bytes are the same either way. */
    sr_svg_cache *svgs;
} sr_render_options;

typedef struct {
    char what[160]; /* for the "Wrote" line: "17 pages", "11 charts as PNG and SVG", "" */
    size_t bytes;   /* how much was written */
    char after[40]; /* printed after the "Wrote" line's brackets: " - a draft", or "" */
} sr_render_result;

typedef struct {
    const char *name; /* "PDF", "HTML", "workbook", "charts" */
    /* The file written in the year's output folder: a pattern with the
     * file stem and the year ("%s-annual-report-%s.pdf"), or a folder's
     * name ("charts"), with folder set. */
    const char *file;
    bool folder;
    /* Listed in the build record with its checksum (a folder: each file
     * in it the build wrote). The checksum is of the bytes written, as
     * they were written: an output writes every file through
     * sr_write_file_atomic() or sr_rename_into_place() (core/fsutil.h),
     * which note them. */
    bool recorded;
    /* Writes doc to path (via a temporary file, renamed into place; a
     * folder's files each so). Returns 0, or -1 with a message in err. */
    int (*write)(const sr_document *doc, const sr_render_options *o, const char *path,
                 sr_render_result *r, char *err, size_t errlen);
} sr_output;

/* Every output, in the order a build writes them (render/outputs.c);
 * NULL at the end. */
extern const sr_output *const sr_outputs[];

/* Each output's share, in per cent, of the time the outputs take one after
 * another, in the order of sr_outputs: how `build --jobs N` shares them out
 * between its processes. 0 at the end. */
extern const unsigned sr_output_costs[];

/* The chart files alone, for `sscp-report charts`. */
extern const sr_output sr_output_charts;

/* The outputs the others link to, for their file names. */
extern const sr_output sr_output_pdf, sr_output_html, sr_output_xlsx;

#endif
