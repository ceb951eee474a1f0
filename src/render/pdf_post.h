/* pdf_post: what cairo 1.16 cannot write into a PDF, added afterwards with
 * libqpdf: the document language (/Lang), the text alternative of every
 * figure (/Alt on each Figure structure element, in document order), and
 * DisplayDocTitle (viewers show the title, not the file name). The output
 * gets a deterministic /ID, so the same input gives the same bytes. */
#ifndef SR_PDF_POST_H
#define SR_PDF_POST_H

#include "core/buf.h"

#include <stddef.h>

/* Reads the PDF in in (len bytes), adds the above, and writes the result to
 * out. Returns 0, or -1 with a message in err. *figures receives how many
 * Figure elements were found (they should equal nalts). */
int sr_pdf_post(const char *in, size_t len, const char *lang, const char *const *alts, size_t nalts,
                sr_buf *out, size_t *figures, char *err, size_t errlen);

#endif
