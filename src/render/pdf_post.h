/* pdf_post: what cairo 1.16 cannot write into a PDF, added afterwards in
 * one read of the objects concerned and one write of the file (with
 * pdf_objects.h; one revision, every other object copied as cairo wrote
 * it, docs/outputs.md says why): every painting operator outside
 * tagged content marked as an artifact (pdf_content.h); an XMP packet with
 * the PDF/UA identifier and the Info dictionary's values (whose dates get
 * their "D:"); the document language (/Lang); DisplayDocTitle (viewers
 * show the title, not the file name); /PageMode /UseOutlines when there is
 * an outline; /Tabs /S on every page; each link annotation's /Contents;
 * the text alternative of every figure (/Alt on each Figure structure
 * element, in document order); and each TH's /Scope (Column in its
 * table's first row or THead, Row elsewhere). The output gets a
 * deterministic /ID, so the same input gives the same bytes. A page's
 * content is inflated, wrapped and deflated again only when something on
 * it needs wrapping. */
#ifndef SR_PDF_POST_H
#define SR_PDF_POST_H

#include "core/buf.h"

#include <stddef.h>

/* The words of one link annotation, for its /Contents. */
typedef struct {
    size_t page;          /* the page it is on, from 0 */
    const char *contents; /* "Go to 4 Finances, page 9"; "Web address: https://..." */
} sr_pdf_annot_text;

/* What the pass adds, from the document. */
typedef struct {
    const char *lang; /* "en-GB" */
    const char *title, *author, *subject, *keywords, *creator;
    const char *date;        /* creation (= modification) date, "2020-04-01T00:00:00Z" */
    const char *const *alts; /* each Figure element's /Alt, in document order */
    size_t nalts;
    const sr_pdf_annot_text *annots; /* each link annotation, pages in order and on a page in */
    size_t nannots;                  /* the order their Link tags were begun */
} sr_pdf_post_in;

/* What the pass found, for the caller to check against what it drew. */
typedef struct {
    size_t figures; /* Figure elements */
    size_t annots;  /* link annotations */
} sr_pdf_post_out;

/* Reads the PDF in in (len bytes, as cairo 1.16 writes it: pdf_objects.h),
 * adds the above, and writes the result to out. Returns 0, or -1 with a
 * message in err: also when the PDF is not as cairo writes it, a page's
 * content cannot be read, or a page has not as many Link annotations as
 * annots gives it. */
int sr_pdf_post(const char *in, size_t len, const sr_pdf_post_in *pi, sr_buf *out,
                sr_pdf_post_out *found, char *err, size_t errlen);

#endif
