/* pdf_post: what cairo 1.16 cannot write, added with libqpdf in one read
 * and one write, see pdf_post.h. */
#include "render/pdf_post.h"

#include "render/pdf_content.h"

#include <qpdf/qpdf-c.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- the structure tree ---------------------------------------------------------------- */

typedef struct {
    qpdf_data q;
    const char *const *alts;
    size_t nalts, next;
    int depth;
} walk;

/* Where a TR is: how many TRs its Table has had before it. */
typedef struct {
    size_t rows;
} table_ctx;

typedef enum { SCOPE_NONE, SCOPE_COLUMN, SCOPE_ROW } scope;

/* A TH's attributes: /A << /O /Table /Scope ... >>, added to what it has. */
static void set_scope(qpdf_data q, qpdf_oh th, scope s)
{
    qpdf_oh attr = qpdf_oh_new_dictionary(q);
    qpdf_oh_replace_key(q, attr, "/O", qpdf_oh_new_name(q, "/Table"));
    qpdf_oh_replace_key(q, attr, "/Scope",
                        qpdf_oh_new_name(q, s == SCOPE_COLUMN ? "/Column" : "/Row"));
    qpdf_oh old = qpdf_oh_get_key(q, th, "/A");
    if (qpdf_oh_is_array(q, old)) {
        qpdf_oh_append_item(q, old, attr);
    } else if (qpdf_oh_is_dictionary(q, old) &&
               !qpdf_oh_is_name_and_equals(q, qpdf_oh_get_key(q, old, "/O"), "/Table")) {
        qpdf_oh both = qpdf_oh_new_array(q);
        qpdf_oh_append_item(q, both, old);
        qpdf_oh_append_item(q, both, attr);
        qpdf_oh_replace_key(q, th, "/A", both);
    } else {
        qpdf_oh_replace_key(q, th, "/A", attr);
    }
}

/* Depth-first through the structure tree, in document order: each
 * Figure's /Alt, each TH's /Scope (Column in a table's first row or its
 * THead, Row elsewhere). */
static void visit(walk *w, qpdf_oh node, table_ctx *table, bool head, scope row)
{
    if (++w->depth > 200) { /* cairo's trees are shallow; a cycle would not end */
        w->depth--;
        return;
    }
    qpdf_data q = w->q;
    if (qpdf_oh_is_array(q, node)) {
        int n = qpdf_oh_get_array_n_items(q, node);
        for (int i = 0; i < n; i++)
            visit(w, qpdf_oh_get_array_item(q, node, i), table, head, row);
    } else if (qpdf_oh_is_dictionary(q, node) && qpdf_oh_has_key(q, node, "/S")) {
        qpdf_oh s = qpdf_oh_get_key(q, node, "/S");
        table_ctx inner = {0};
        if (qpdf_oh_is_name_and_equals(q, s, "/Figure")) {
            if (w->next < w->nalts)
                qpdf_oh_replace_key(q, node, "/Alt",
                                    qpdf_oh_new_unicode_string(q, w->alts[w->next]));
            w->next++;
        } else if (qpdf_oh_is_name_and_equals(q, s, "/Table")) {
            table = &inner;
            head = false;
            row = SCOPE_NONE;
        } else if (qpdf_oh_is_name_and_equals(q, s, "/THead")) {
            head = true;
        } else if (qpdf_oh_is_name_and_equals(q, s, "/TR") && table) {
            row = head || table->rows == 0 ? SCOPE_COLUMN : SCOPE_ROW;
            table->rows++;
        } else if (qpdf_oh_is_name_and_equals(q, s, "/TH") && row != SCOPE_NONE) {
            set_scope(q, node, row);
        }
        if (qpdf_oh_has_key(q, node, "/K"))
            visit(w, qpdf_oh_get_key(q, node, "/K"), table, head, row);
    }
    qpdf_oh_release(q, node);
    w->depth--;
}

/* ---- XMP --------------------------------------------------------------------------------- */

/* s as XML character data: & < > " ' escaped; control characters XML 1.0
 * cannot hold dropped. */
static void put_xml(sr_buf *b, const char *s)
{
    for (const unsigned char *p = (const unsigned char *)(s ? s : ""); *p; p++) {
        switch (*p) {
        case '&':
            sr_buf_puts(b, "&amp;");
            break;
        case '<':
            sr_buf_puts(b, "&lt;");
            break;
        case '>':
            sr_buf_puts(b, "&gt;");
            break;
        case '"':
            sr_buf_puts(b, "&quot;");
            break;
        case '\'':
            sr_buf_puts(b, "&apos;");
            break;
        default:
            if (*p >= 0x20 || *p == '\t' || *p == '\n' || *p == '\r')
                sr_buf_putc(b, (char)*p);
        }
    }
}

/* A language alternative: x-default, and the document's language. */
static void xmp_alt(sr_buf *b, const char *prop, const char *lang, const char *value)
{
    sr_buf_printf(b, "   <%s><rdf:Alt><rdf:li xml:lang=\"x-default\">", prop);
    put_xml(b, value);
    sr_buf_puts(b, "</rdf:li>");
    if (lang && *lang) {
        sr_buf_puts(b, "<rdf:li xml:lang=\"");
        put_xml(b, lang);
        sr_buf_puts(b, "\">");
        put_xml(b, value);
        sr_buf_puts(b, "</rdf:li>");
    }
    sr_buf_printf(b, "</rdf:Alt></%s>\n", prop);
}

static void xmp_simple(sr_buf *b, const char *prop, const char *value)
{
    sr_buf_printf(b, "   <%s>", prop);
    put_xml(b, value);
    sr_buf_printf(b, "</%s>\n", prop);
}

/* The metadata packet: the PDF/UA identifier, and the Info dictionary's
 * values again, as XMP. */
static void xmp(sr_buf *b, const sr_pdf_post_in *pi, const char *producer)
{
    sr_buf_puts(b, "<?xpacket begin=\"\xEF\xBB\xBF\" id=\"W5M0MpCehiHzreSzNTczkc9d\"?>\n"
                   "<x:xmpmeta xmlns:x=\"adobe:ns:meta/\">\n"
                   " <rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\">\n"
                   "  <rdf:Description rdf:about=\"\"\n"
                   "    xmlns:pdfuaid=\"http://www.aiim.org/pdfua/ns/id/\"\n"
                   "    xmlns:dc=\"http://purl.org/dc/elements/1.1/\"\n"
                   "    xmlns:pdf=\"http://ns.adobe.com/pdf/1.3/\"\n"
                   "    xmlns:xmp=\"http://ns.adobe.com/xap/1.0/\">\n"
                   "   <pdfuaid:part>1</pdfuaid:part>\n");
    if (pi->title)
        xmp_alt(b, "dc:title", pi->lang, pi->title);
    if (pi->author) {
        sr_buf_puts(b, "   <dc:creator><rdf:Seq><rdf:li>");
        put_xml(b, pi->author);
        sr_buf_puts(b, "</rdf:li></rdf:Seq></dc:creator>\n");
    }
    if (pi->subject)
        xmp_alt(b, "dc:description", pi->lang, pi->subject);
    if (pi->lang && *pi->lang) {
        sr_buf_puts(b, "   <dc:language><rdf:Bag><rdf:li>");
        put_xml(b, pi->lang);
        sr_buf_puts(b, "</rdf:li></rdf:Bag></dc:language>\n");
    }
    if (pi->keywords)
        xmp_simple(b, "pdf:Keywords", pi->keywords);
    if (producer)
        xmp_simple(b, "pdf:Producer", producer);
    if (pi->creator)
        xmp_simple(b, "xmp:CreatorTool", pi->creator);
    if (pi->date) {
        xmp_simple(b, "xmp:CreateDate", pi->date);
        xmp_simple(b, "xmp:ModifyDate", pi->date);
    }
    sr_buf_puts(b, "  </rdf:Description>\n"
                   " </rdf:RDF>\n"
                   "</x:xmpmeta>\n"
                   "<?xpacket end=\"w\"?>\n");
}

/* "2020-04-01T00:00:00Z" as a PDF date, "D:20200401000000Z"; 0 if it is
 * not of that form. */
static int pdf_date(const char *iso, char *out, size_t n)
{
    int Y, M, D, h, m, s;
    char z = 0;
    if (!iso || sscanf(iso, "%4d-%2d-%2dT%2d:%2d:%2d%c", &Y, &M, &D, &h, &m, &s, &z) < 6 ||
        (z && z != 'Z'))
        return 0;
    snprintf(out, n, "D:%04d%02d%02d%02d%02d%02dZ", Y, M, D, h, m, s);
    return 1;
}

/* ---- pages --------------------------------------------------------------------------------- */

/* Page i's content with every unmarked painting operator wrapped as an
 * artifact, written back as one stream (compressed on writing). */
static int mark_page(qpdf_data q, qpdf_oh page, size_t i, char *err, size_t errlen)
{
    unsigned char *data = NULL;
    size_t len = 0;
    if (qpdf_oh_get_page_content_data(q, page, &data, &len) & QPDF_ERRORS) {
        snprintf(err, errlen, "cannot read page %zu's content: %s", i + 1,
                 qpdf_get_error_full_text(q, qpdf_get_error(q)));
        free(data);
        return -1;
    }
    sr_buf out = SR_BUF_INIT;
    size_t wrapped = 0;
    char why[200];
    int rc = 0;
    if (sr_pdf_content_artifacts((const char *)data, len, &out, &wrapped, why, sizeof why) != 0) {
        snprintf(err, errlen, "page %zu: %s", i + 1, why);
        rc = -1;
    } else if (wrapped) {
        qpdf_oh contents = qpdf_oh_get_key(q, page, "/Contents");
        if (!qpdf_oh_is_stream(q, contents)) { /* an array of streams becomes one */
            contents = qpdf_oh_new_stream(q);
            qpdf_oh_replace_key(q, page, "/Contents", contents);
        }
        qpdf_oh none = qpdf_oh_new_null(q);
        qpdf_oh_replace_stream_data(q, contents, (const unsigned char *)out.data, out.len, none,
                                    none);
    }
    sr_buf_free(&out);
    free(data);
    return rc;
}

/* The page's link annotations get their words, from annots[*next...] on
 * that page, in order. Returns the number of Link annotations on it, or
 * -1 when that is not how many were drawn there. */
static long label_links(qpdf_data q, qpdf_oh page, size_t i, const sr_pdf_post_in *pi, size_t *next,
                        char *err, size_t errlen)
{
    size_t from = *next;
    while (*next < pi->nannots && pi->annots[*next].page == i)
        (*next)++;
    size_t want = *next - from;
    long n = 0;
    qpdf_oh annots = qpdf_oh_get_key(q, page, "/Annots");
    int count = qpdf_oh_is_array(q, annots) ? qpdf_oh_get_array_n_items(q, annots) : 0;
    for (int k = 0; k < count; k++) {
        qpdf_oh a = qpdf_oh_get_array_item(q, annots, k);
        if (qpdf_oh_is_dictionary(q, a) &&
            qpdf_oh_is_name_and_equals(q, qpdf_oh_get_key(q, a, "/Subtype"), "/Link")) {
            if ((size_t)n < want && pi->annots[from + (size_t)n].contents)
                qpdf_oh_replace_key(
                    q, a, "/Contents",
                    qpdf_oh_new_unicode_string(q, pi->annots[from + (size_t)n].contents));
            n++;
        }
        qpdf_oh_release(q, a);
    }
    if ((size_t)n != want) {
        snprintf(err, errlen, "page %zu has %ld link annotations, %zu were drawn on it", i + 1, n,
                 want);
        return -1;
    }
    return n;
}

int sr_pdf_post(const char *in, size_t len, const sr_pdf_post_in *pi, sr_buf *out,
                sr_pdf_post_out *found, char *err, size_t errlen)
{
    const char *lang = pi->lang ? pi->lang : "";
    qpdf_data q = qpdf_init();
    qpdf_set_suppress_warnings(q, QPDF_TRUE);
    if (found)
        *found = (sr_pdf_post_out){0, 0};
    if (qpdf_read_memory(q, "report.pdf", in, len, NULL) & QPDF_ERRORS) {
        snprintf(err, errlen, "cannot read the PDF back: %s",
                 qpdf_get_error_full_text(q, qpdf_get_error(q)));
        qpdf_cleanup(&q);
        return -1;
    }
    int rc = 0;
    qpdf_oh root = qpdf_get_root(q);
    qpdf_oh_replace_key(q, root, "/Lang", qpdf_oh_new_unicode_string(q, lang));
    qpdf_oh vp = qpdf_oh_has_key(q, root, "/ViewerPreferences")
                     ? qpdf_oh_get_key(q, root, "/ViewerPreferences")
                     : qpdf_oh_new_dictionary(q);
    qpdf_oh_replace_key(q, vp, "/DisplayDocTitle", qpdf_oh_new_bool(q, QPDF_TRUE));
    qpdf_oh_replace_key(q, root, "/ViewerPreferences", vp);
    /* The outline opens with the document. */
    qpdf_oh outlines = qpdf_oh_get_key(q, root, "/Outlines");
    if (qpdf_oh_is_dictionary(q, outlines) && qpdf_oh_has_key(q, outlines, "/First"))
        qpdf_oh_replace_key(q, root, "/PageMode", qpdf_oh_new_name(q, "/UseOutlines"));

    /* Info's dates as PDF dates (cairo 1.16 leaves out the "D:"), and the
     * same values in the XMP packet. */
    qpdf_oh info = qpdf_oh_get_key(q, qpdf_get_trailer(q), "/Info");
    char *producer = NULL;
    char date[32];
    if (qpdf_oh_is_dictionary(q, info)) {
        if (pdf_date(pi->date, date, sizeof date)) {
            qpdf_oh_replace_key(q, info, "/CreationDate", qpdf_oh_new_string(q, date));
            qpdf_oh_replace_key(q, info, "/ModDate", qpdf_oh_new_string(q, date));
        }
        qpdf_oh p = qpdf_oh_get_key(q, info, "/Producer");
        if (qpdf_oh_is_string(q, p))
            producer = strdup(qpdf_oh_get_utf8_value(q, p));
    }
    sr_buf packet = SR_BUF_INIT;
    xmp(&packet, pi, producer);
    free(producer);
    qpdf_oh meta = qpdf_oh_new_stream(q);
    qpdf_oh md = qpdf_oh_get_dict(q, meta);
    qpdf_oh_replace_key(q, md, "/Type", qpdf_oh_new_name(q, "/Metadata"));
    qpdf_oh_replace_key(q, md, "/Subtype", qpdf_oh_new_name(q, "/XML"));
    qpdf_oh none = qpdf_oh_new_null(q);
    qpdf_oh_replace_stream_data(q, meta, (const unsigned char *)packet.data, packet.len, none,
                                none);
    qpdf_oh_replace_key(q, root, "/Metadata", meta);
    sr_buf_free(&packet);

    /* Each page: artifacts, tab order by structure, links' words. */
    int npages = qpdf_get_num_pages(q);
    if (npages < 0) {
        snprintf(err, errlen, "cannot read the PDF's pages: %s",
                 qpdf_get_error_full_text(q, qpdf_get_error(q)));
        rc = -1;
    }
    size_t next = 0, links = 0;
    for (int i = 0; rc == 0 && i < npages; i++) {
        qpdf_oh page = qpdf_get_page_n(q, (size_t)i);
        qpdf_oh_replace_key(q, page, "/Tabs", qpdf_oh_new_name(q, "/S"));
        long n = label_links(q, page, (size_t)i, pi, &next, err, errlen);
        if (n < 0 || mark_page(q, page, (size_t)i, err, errlen) != 0)
            rc = -1;
        else
            links += (size_t)n;
        qpdf_oh_release(q, page);
    }
    if (rc == 0 && next != pi->nannots) {
        snprintf(err, errlen, "%zu link annotations were drawn on pages the PDF does not have",
                 pi->nannots - next);
        rc = -1;
    }

    walk w = {q, pi->alts, pi->nalts, 0, 0};
    if (rc == 0 && qpdf_oh_has_key(q, root, "/StructTreeRoot"))
        visit(&w, qpdf_oh_get_key(q, qpdf_oh_get_key(q, root, "/StructTreeRoot"), "/K"), NULL,
              false, SCOPE_NONE);
    if (found)
        *found = (sr_pdf_post_out){w.next, links};
    if (rc == 0 && qpdf_has_error(q)) {
        snprintf(err, errlen, "cannot change the PDF: %s",
                 qpdf_get_error_full_text(q, qpdf_get_error(q)));
        rc = -1;
    }
    if (rc == 0) {
        if (qpdf_init_write_memory(q) & QPDF_ERRORS) {
            rc = -1;
        } else {
            qpdf_set_deterministic_ID(q, QPDF_TRUE);
            qpdf_set_compress_streams(q, QPDF_TRUE);
            if (qpdf_write(q) & QPDF_ERRORS)
                rc = -1;
            else
                sr_buf_put(out, (const char *)qpdf_get_buffer(q), qpdf_get_buffer_length(q));
        }
        if (rc != 0)
            snprintf(err, errlen, "cannot write the PDF: %s",
                     qpdf_has_error(q) ? qpdf_get_error_full_text(q, qpdf_get_error(q)) : "?");
    }
    qpdf_cleanup(&q);
    return rc;
}
