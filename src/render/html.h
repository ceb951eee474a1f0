/* html: the document tree as one accessible, self-contained HTML page.
 *
 * The second renderer of the same tree as the PDF (cmark's model), so the
 * two can never say different things. Semantic HTML with lang, landmarks, a
 * skip link, a contents list, one h1 and headings in order; key figures
 * as tiles of text and the attendance matrix as a table (symbols with a
 * key, and words for a screen reader); every other chart an inline SVG
 * inside a picture named by the SVG's <title> and described by its <desc>
 * (the text alternative) and, after it, a data table with the same figures
 * in a <details>, open on paper; CSS inline, no script, no network;
 * readable from a 320-pixel-wide phone to print. The footer links the PDF
 * and the workbook when the document names their files.
 *
 * A chart's SVG is the same bytes as its file (sr_chart_svg): its ids
 * start with the chart's id, so the page's ids stay unique. Links are
 * <a href> only to https:, http:, mailto: and tel: addresses; any other is
 * its words alone. The output is sr_output_html (render/render.h). */
#ifndef SR_HTML_H
#define SR_HTML_H

#include "chart/fonts.h"
#include "doc/doc.h"
#include "render/render.h"

typedef struct {
    const char *path; /* written via a temporary file */
    bool draft;
} sr_html_options;

struct sr_buf;

/* The page, appended to out, each chart's SVG taken from svgs (the chart
 * files' own bytes when they were written first in this process) or drawn
 * there; svgs may be NULL: then each is drawn anew. Returns 0, or -1 with a
 * message in err (a chart that cannot be drawn). */
int sr_html_render(const sr_document *doc, sr_fonts *fonts, sr_svg_cache *svgs, bool draft,
                   struct sr_buf *out, char *err, size_t errlen);

/* Writes the page. Returns 0, or -1 with a message in err. */
int sr_html_write(const sr_document *doc, sr_fonts *fonts, const sr_html_options *o, char *err,
                  size_t errlen);

/* The output, for the list in render/outputs.c. */
extern const sr_output sr_output_html;

#endif
