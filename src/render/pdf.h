/* pdf: the document tree typeset as a tagged, bookmarked PDF with Pango.
 *
 * Owns pagination (paragraphs split across pages with widow and orphan
 * control, headings kept with what follows, tables split with their header
 * row repeated, figures kept whole, a chart taller than a page in parts
 * of its rows, never shrunk), the cover, the contents page with real
 * page numbers and links, the running footer, the structure tags, the
 * outline and the document metadata. A link in the text is its words, then
 * its address in brackets where that differs (so it survives on paper),
 * and a link annotation over both on every line they are on. Fonts are the
 * bundled ones (chart/fonts.h); charts are drawn straight onto the page
 * (chart/chart.h), from the tree's one built chart. Only the report's
 * sections are printed: not the annex, nor the chart files.
 */
#ifndef SR_PDF_H
#define SR_PDF_H

#include "chart/fonts.h"
#include "doc/doc.h"
#include "render/render.h"

#include <stdint.h>

typedef struct {
    const char *path;      /* where to write (via a temporary file) */
    int64_t created;       /* seconds since 1970: the date written into the PDF */
    bool draft;            /* "Draft" in the footer, and the warnings appendix */
    const char **warnings; /* draft: lines for the appendix */
    size_t nwarnings;
} sr_pdf_options;

typedef struct {
    int pages;
    size_t bytes;
} sr_pdf_stats;

/* Typesets doc into o->path. Returns 0, or -1 with a message in err. */
int sr_pdf_write(const sr_document *doc, sr_fonts *fonts, const sr_pdf_options *o,
                 sr_pdf_stats *stats, char *err, size_t errlen);

/* The output, for the list in render/outputs.c. */
extern const sr_output sr_output_pdf;

#endif
