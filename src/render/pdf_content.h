/* pdf_content: a PDF page content stream read as tokens and operators, and
 * every painting operator that is not inside tagged marked content wrapped
 * as an artifact (/Artifact BMC ... EMC), as PDF/UA asks: a reader must
 * find each mark on the page either in the structure tree or marked as not
 * part of the document's content (a running footer, a table rule, a fill).
 *
 * Tagged marked content is a BDC whose properties hold an /MCID (what
 * cairo writes for each leaf structure element), or an /Artifact BMC/BDC.
 * Other marked content (cairo's /Span << /ActualText ... >> BDC for a
 * ligature) marks nothing for the structure tree: content inside it at no
 * tagged depth still needs wrapping.
 *
 * The tokenizer knows the whole content syntax: numbers, names, literal
 * strings (escapes, balanced parentheses), hex strings, arrays,
 * dictionaries, comments, operators, and inline images (BI ... ID <bytes>
 * EI, whose bytes may hold anything, "EI" too). Pure functions: bytes in,
 * bytes out, nothing else touched. */
#ifndef SR_PDF_CONTENT_H
#define SR_PDF_CONTENT_H

#include "core/buf.h"

#include <stddef.h>

/* Copies the content stream in (len bytes) to out, each maximal run of
 * operators outside tagged marked content that paints something (fills,
 * strokes, shadings, XObjects, text, inline images) wrapped as
 * "/Artifact BMC\n" ... "\nEMC". A run is wrapped whole when the text
 * objects (BT/ET), saved states (q/Q) and untagged marked content in it
 * are balanced; otherwise each graphics object in it that paints (a path
 * with its painting operator, a text-showing operator, an image) is
 * wrapped on its own, which always nests. Everything else is copied byte
 * for byte. *wrapped (may be NULL) gets the number of artifact sequences
 * added. Returns 0, or -1 with a message in err (a stream that does not
 * tokenize, or whose marked content does not balance); out is then left
 * as it was. */
int sr_pdf_content_artifacts(const char *in, size_t len, sr_buf *out, size_t *wrapped, char *err,
                             size_t errlen);

/* Reads the content stream in and counts, in *unmarked, its painting
 * operators outside tagged marked content. Returns 0, or -1 with a message
 * in err when it does not tokenize or its marked content, text objects or
 * saved states do not balance. */
int sr_pdf_content_unmarked(const char *in, size_t len, size_t *unmarked, char *err, size_t errlen);

#endif
