/* pdf_post: what cairo 1.16 cannot write, added in one pass over the
 * objects it concerns, see pdf_post.h. The PDF is read with pdf_objects.h:
 * only the catalog, Info, the page tree, the pages with their annotations
 * and content streams, and the structure tree are parsed; every other
 * object is copied as cairo wrote it. */
#include "render/pdf_post.h"

#include "core/arena.h"
#include "render/pdf_content.h"
#include "render/pdf_objects.h"

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The pass's state: the file, and its first error. */
typedef struct {
    sr_pdf_file *f;
    char *err;
    size_t errlen;
    int rc;
} post;

/* A read that failed: "what: why", kept if it is the first. */
static void failed(post *P, const char *what)
{
    if (P->rc == 0)
        snprintf(P->err, P->errlen, "%s: %s", what, sr_pdf_error(P->f));
    P->rc = -1;
}

/* d's value for key, references followed; NULL when it has none, or with
 * P->rc set when it cannot be read. */
static sr_pdf_obj *get(post *P, const sr_pdf_obj *d, const char *key, const char *what)
{
    /* sr_pdf_get_r clears the error first and sets it only when a value
     * that is there cannot be read: an absent key leaves it empty. */
    sr_pdf_obj *v = sr_pdf_get_r(P->f, d, key);
    if (!v && sr_pdf_error(P->f)[0])
        failed(P, what);
    return v;
}

/* ---- the structure tree ---------------------------------------------------------------- */

typedef struct {
    post *P;
    const char *const *alts;
    size_t nalts, next;
    int depth;
    unsigned char *seen; /* each structure object reached, by number */
    size_t nseen;
} walk;

/* Where a TR is: how many TRs its Table has had before it. */
typedef struct {
    size_t rows;
} table_ctx;

typedef enum { SCOPE_NONE, SCOPE_COLUMN, SCOPE_ROW } scope;

/* A TH's attributes: /A << /O /Table /Scope ... >>, added to what it has.
 * owner is the object th is written in. */
static void set_scope(post *P, sr_pdf_obj *th, unsigned owner, scope s)
{
    sr_pdf_file *f = P->f;
    sr_pdf_obj *attr = sr_pdf_new(f, SR_PDF_DICT);
    sr_pdf_set(f, attr, "O", sr_pdf_new_name(f, "Table"));
    sr_pdf_set(f, attr, "Scope", sr_pdf_new_name(f, s == SCOPE_COLUMN ? "Column" : "Row"));
    sr_pdf_obj *a = sr_pdf_get(th, "A");
    sr_pdf_obj *old = get(P, th, "A", "cannot read a TH's attributes");
    if (P->rc)
        return;
    if (old && old->kind == SR_PDF_ARRAY) {
        sr_pdf_push(f, old, attr);
        sr_pdf_changed(f, a->kind == SR_PDF_REF ? a->u.ref.num : owner);
        return;
    }
    if (old && old->kind == SR_PDF_DICT &&
        !sr_pdf_is_name(get(P, old, "O", "cannot read a TH's attributes"), "Table")) {
        sr_pdf_obj *both = sr_pdf_new(f, SR_PDF_ARRAY);
        sr_pdf_push(f, both, a);
        sr_pdf_push(f, both, attr);
        sr_pdf_set(f, th, "A", both);
    } else {
        sr_pdf_set(f, th, "A", attr);
    }
    sr_pdf_changed(f, owner);
}

/* Depth-first through the structure tree, in document order: each
 * Figure's /Alt, each TH's /Scope (Column in a table's first row or its
 * THead, Row elsewhere). owner is the object node is written in. */
static void visit(walk *w, sr_pdf_obj *node, unsigned owner, table_ctx *table, bool head, scope row)
{
    post *P = w->P;
    if (P->rc || !node)
        return;
    if (node->kind == SR_PDF_REF) {
        unsigned num = node->u.ref.num;
        if (num < w->nseen && w->seen[num]) {
            snprintf(P->err, P->errlen,
                     "cannot read the PDF's structure tree: it reaches object %u twice", num);
            P->rc = -1;
            return;
        }
        if (num < w->nseen)
            w->seen[num] = 1;
        owner = num;
        node = sr_pdf_resolve(P->f, node);
        if (!node) {
            failed(P, "cannot read the PDF's structure tree");
            return;
        }
    }
    if (++w->depth > 1000) {
        snprintf(P->err, P->errlen, "the PDF's structure tree is more than 1000 deep");
        P->rc = -1;
        return;
    }
    if (node->kind == SR_PDF_ARRAY) {
        for (size_t i = 0; i < node->u.arr.n && !P->rc; i++)
            visit(w, node->u.arr.v[i], owner, table, head, row);
    } else if (node->kind == SR_PDF_DICT && sr_pdf_get(node, "S")) {
        sr_pdf_obj *s = get(P, node, "S", "cannot read the PDF's structure tree");
        table_ctx inner = {0};
        if (sr_pdf_is_name(s, "Figure")) {
            if (w->next < w->nalts) {
                sr_pdf_set(P->f, node, "Alt", sr_pdf_new_text(P->f, w->alts[w->next]));
                sr_pdf_changed(P->f, owner);
            }
            w->next++;
        } else if (sr_pdf_is_name(s, "Table")) {
            table = &inner;
            head = false;
            row = SCOPE_NONE;
        } else if (sr_pdf_is_name(s, "THead")) {
            head = true;
        } else if (sr_pdf_is_name(s, "TR") && table) {
            row = head || table->rows == 0 ? SCOPE_COLUMN : SCOPE_ROW;
            table->rows++;
        } else if (sr_pdf_is_name(s, "TH") && row != SCOPE_NONE) {
            set_scope(P, node, owner, row);
        }
        visit(w, sr_pdf_get(node, "K"), owner, table, head, row);
    }
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

typedef struct {
    unsigned *v;
    size_t n, cap;
} numbers;

/* The pages under the page tree node ref, in order, into pages. */
static void collect_pages(post *P, sr_pdf_obj *ref, numbers *pages, unsigned char *seen,
                          size_t nseen, int depth)
{
    if (P->rc)
        return;
    if (!ref || ref->kind != SR_PDF_REF || (ref->u.ref.num < nseen && seen[ref->u.ref.num]) ||
        depth > 100) {
        snprintf(P->err, P->errlen, "cannot read the PDF's pages: %s",
                 !ref || ref->kind != SR_PDF_REF ? "a page tree node that is not an object"
                 : depth > 100                   ? "a page tree more than 100 deep"
                                                 : "a page tree node reached twice");
        P->rc = -1;
        return;
    }
    if (ref->u.ref.num < nseen)
        seen[ref->u.ref.num] = 1;
    sr_pdf_obj *node = sr_pdf_resolve(P->f, ref);
    if (!node) {
        failed(P, "cannot read the PDF's pages");
        return;
    }
    sr_pdf_obj *type = get(P, node, "Type", "cannot read the PDF's pages");
    if (node->kind == SR_PDF_DICT && sr_pdf_is_name(type, "Page")) {
        if (pages->n == pages->cap) {
            pages->cap = pages->cap ? 2 * pages->cap : 64;
            pages->v = sr_xrealloc(pages->v, pages->cap * sizeof *pages->v);
        }
        pages->v[pages->n++] = ref->u.ref.num;
        return;
    }
    sr_pdf_obj *kids = get(P, node, "Kids", "cannot read the PDF's pages");
    if (P->rc)
        return;
    if (node->kind != SR_PDF_DICT || !sr_pdf_is_name(type, "Pages") || !kids ||
        kids->kind != SR_PDF_ARRAY) {
        snprintf(P->err, P->errlen,
                 "cannot read the PDF's pages: object %u is neither a /Page nor /Pages with /Kids",
                 ref->u.ref.num);
        P->rc = -1;
        return;
    }
    for (size_t i = 0; i < kids->u.arr.n && !P->rc; i++)
        collect_pages(P, kids->u.arr.v[i], pages, seen, nseen, depth + 1);
}

/* Page i's content with every unmarked painting operator wrapped as an
 * artifact, written back as one stream (compressed), with a direct
 * /Length. */
static void mark_page(post *P, sr_pdf_obj *page, unsigned num, size_t i)
{
    sr_pdf_file *f = P->f;
    char what[64];
    snprintf(what, sizeof what, "cannot read page %zu's content", i + 1);
    sr_pdf_obj *c = sr_pdf_get(page, "Contents");
    sr_pdf_obj *cr = get(P, page, "Contents", what);
    if (P->rc)
        return;
    sr_buf data = SR_BUF_INIT;
    if (cr && cr->kind == SR_PDF_STREAM) {
        if (sr_pdf_stream_decoded(f, cr, &data) != 0)
            failed(P, what);
    } else if (cr && cr->kind == SR_PDF_ARRAY) { /* the streams joined by a new line */
        for (size_t k = 0; k < cr->u.arr.n && !P->rc; k++) {
            sr_pdf_obj *s = sr_pdf_resolve(f, cr->u.arr.v[k]);
            if (k)
                sr_buf_putc(&data, '\n');
            if (!s || sr_pdf_stream_decoded(f, s, &data) != 0)
                failed(P, what);
        }
    } else if (cr && cr->kind != SR_PDF_NULL) {
        snprintf(P->err, P->errlen, "%s: /Contents is neither a stream nor an array", what);
        P->rc = -1;
    }
    sr_buf out = SR_BUF_INIT;
    size_t wrapped = 0;
    char why[200];
    if (P->rc == 0 && sr_pdf_content_artifacts(data.data ? data.data : "", data.len, &out, &wrapped,
                                               why, sizeof why) != 0) {
        snprintf(P->err, P->errlen, "page %zu: %s", i + 1, why);
        P->rc = -1;
    } else if (P->rc == 0 && wrapped) {
        if (c->kind == SR_PDF_REF && cr->kind == SR_PDF_STREAM) {
            if (sr_pdf_stream_replace(f, cr, out.data, out.len, true) != 0)
                failed(P, "cannot write the PDF");
            sr_pdf_changed(f, c->u.ref.num);
        } else { /* an array of streams, or a direct one, becomes one new stream */
            sr_pdf_obj *s = sr_pdf_new(f, SR_PDF_STREAM);
            s->u.stream.dict = sr_pdf_new(f, SR_PDF_DICT);
            if (sr_pdf_stream_replace(f, s, out.data, out.len, true) != 0)
                failed(P, "cannot write the PDF");
            sr_pdf_set(f, page, "Contents", sr_pdf_new_ref(f, sr_pdf_add(f, s)));
            sr_pdf_changed(f, num);
        }
    }
    sr_buf_free(&out);
    sr_buf_free(&data);
}

/* The page's link annotations get their words, from annots[*next...] on
 * that page, in order. Returns the number of Link annotations on it, or
 * -1 when that is not how many were drawn there. */
static long label_links(post *P, sr_pdf_obj *page, unsigned num, size_t i, const sr_pdf_post_in *pi,
                        size_t *next)
{
    sr_pdf_file *f = P->f;
    char what[64];
    snprintf(what, sizeof what, "cannot read page %zu's annotations", i + 1);
    size_t from = *next;
    while (*next < pi->nannots && pi->annots[*next].page == i)
        (*next)++;
    size_t want = *next - from;
    long n = 0;
    sr_pdf_obj *ar = sr_pdf_get(page, "Annots");
    sr_pdf_obj *annots = get(P, page, "Annots", what);
    if (P->rc)
        return -1;
    unsigned owner = ar && ar->kind == SR_PDF_REF ? ar->u.ref.num : num;
    size_t count = annots && annots->kind == SR_PDF_ARRAY ? annots->u.arr.n : 0;
    for (size_t k = 0; k < count; k++) {
        sr_pdf_obj *item = annots->u.arr.v[k];
        sr_pdf_obj *a = sr_pdf_resolve(f, item);
        if (!a) {
            failed(P, what);
            return -1;
        }
        if (a->kind == SR_PDF_DICT && sr_pdf_is_name(get(P, a, "Subtype", what), "Link")) {
            if ((size_t)n < want && pi->annots[from + (size_t)n].contents) {
                sr_pdf_set(f, a, "Contents",
                           sr_pdf_new_text(f, pi->annots[from + (size_t)n].contents));
                sr_pdf_changed(f, item->kind == SR_PDF_REF ? item->u.ref.num : owner);
            }
            n++;
        }
        if (P->rc)
            return -1;
    }
    if ((size_t)n != want) {
        snprintf(P->err, P->errlen, "page %zu has %ld link annotations, %zu were drawn on it",
                 i + 1, n, want);
        P->rc = -1;
        return -1;
    }
    return n;
}

/* The indirect dictionary d's key refers to: its number in *num, or 0
 * with an error. */
static sr_pdf_obj *indirect_dict(post *P, const sr_pdf_obj *d, const char *key, unsigned *num)
{
    sr_pdf_obj *r = sr_pdf_get(d, key);
    sr_pdf_obj *v = r && r->kind == SR_PDF_REF ? sr_pdf_resolve(P->f, r) : NULL;
    if (!v) {
        if (r && r->kind == SR_PDF_REF)
            failed(P, "cannot read the PDF back");
        else if (P->rc == 0)
            snprintf(P->err, P->errlen,
                     "cannot read the PDF back: /%s is not a reference to an object", key);
        P->rc = -1;
        return NULL;
    }
    if (v->kind != SR_PDF_DICT) {
        snprintf(P->err, P->errlen, "cannot read the PDF back: /%s is not a dictionary", key);
        P->rc = -1;
        return NULL;
    }
    *num = r->u.ref.num;
    return v;
}

int sr_pdf_post(const char *in, size_t len, const sr_pdf_post_in *pi, sr_buf *out,
                sr_pdf_post_out *found, char *err, size_t errlen)
{
    const char *lang = pi->lang ? pi->lang : "";
    if (found)
        *found = (sr_pdf_post_out){0, 0};
    char why[300];
    sr_pdf_file *f = sr_pdf_open(in, len, why, sizeof why);
    if (!f) {
        snprintf(err, errlen, "cannot read the PDF back: %s", why);
        return -1;
    }
    post P = {f, err, errlen, 0};
    unsigned root_num = 0, info_num = 0;
    sr_pdf_obj *root = indirect_dict(&P, sr_pdf_trailer(f), "Root", &root_num);
    if (!root) {
        sr_pdf_close(f);
        return -1;
    }
    sr_pdf_set(f, root, "Lang", sr_pdf_new_text(f, lang));
    sr_pdf_obj *vpr = sr_pdf_get(root, "ViewerPreferences");
    sr_pdf_obj *vp = get(&P, root, "ViewerPreferences", "cannot read the PDF back");
    if (vp && vp->kind == SR_PDF_DICT) {
        sr_pdf_set(f, vp, "DisplayDocTitle", sr_pdf_new_bool(f, true));
        if (vpr->kind == SR_PDF_REF)
            sr_pdf_changed(f, vpr->u.ref.num);
    } else {
        vp = sr_pdf_new(f, SR_PDF_DICT);
        sr_pdf_set(f, vp, "DisplayDocTitle", sr_pdf_new_bool(f, true));
        sr_pdf_set(f, root, "ViewerPreferences", vp);
    }
    /* The outline opens with the document. */
    sr_pdf_obj *outlines = get(&P, root, "Outlines", "cannot read the PDF back");
    if (outlines && outlines->kind == SR_PDF_DICT && sr_pdf_get(outlines, "First"))
        sr_pdf_set(f, root, "PageMode", sr_pdf_new_name(f, "UseOutlines"));

    /* Info's dates as PDF dates (cairo 1.16 leaves out the "D:"), and the
     * same values in the XMP packet. */
    sr_buf producer = SR_BUF_INIT;
    bool has_producer = false;
    char date[32];
    sr_pdf_obj *info = sr_pdf_get(sr_pdf_trailer(f), "Info"); /* direct: in the trailer */
    if (info && info->kind != SR_PDF_DICT)
        info = indirect_dict(&P, sr_pdf_trailer(f), "Info", &info_num);
    if (info) {
        if (pdf_date(pi->date, date, sizeof date)) {
            sr_pdf_set(f, info, "CreationDate", sr_pdf_new_string(f, date, strlen(date)));
            sr_pdf_set(f, info, "ModDate", sr_pdf_new_string(f, date, strlen(date)));
            sr_pdf_changed(f, info_num);
        }
        sr_pdf_obj *p = get(&P, info, "Producer", "cannot read the PDF back");
        if (p && p->kind == SR_PDF_STRING) {
            sr_pdf_text_utf8(p, &producer);
            has_producer = true;
        }
    }
    sr_buf packet = SR_BUF_INIT;
    xmp(&packet, pi, has_producer ? sr_buf_str(&producer) : NULL);
    sr_buf_free(&producer);
    sr_pdf_obj *meta = sr_pdf_new(f, SR_PDF_STREAM);
    meta->u.stream.dict = sr_pdf_new(f, SR_PDF_DICT);
    sr_pdf_set(f, meta, "Type", sr_pdf_new_name(f, "Metadata"));
    sr_pdf_set(f, meta, "Subtype", sr_pdf_new_name(f, "XML"));
    if (sr_pdf_stream_replace(f, meta, packet.data, packet.len, false) != 0)
        failed(&P, "cannot write the PDF");
    sr_buf_free(&packet);
    sr_pdf_set(f, root, "Metadata", sr_pdf_new_ref(f, sr_pdf_add(f, meta)));
    sr_pdf_changed(f, root_num);

    /* Each page: tab order by structure, links' words, artifacts. */
    size_t nseen = sr_pdf_size(f);
    unsigned char *seen = sr_xcalloc(nseen, 1);
    numbers pages = {0};
    if (P.rc == 0)
        collect_pages(&P, sr_pdf_get(root, "Pages"), &pages, seen, nseen, 0);
    size_t next = 0, links = 0;
    for (size_t i = 0; P.rc == 0 && i < pages.n; i++) {
        sr_pdf_obj *page = sr_pdf_object(f, pages.v[i]);
        sr_pdf_set(f, page, "Tabs", sr_pdf_new_name(f, "S"));
        sr_pdf_changed(f, pages.v[i]);
        long n = label_links(&P, page, pages.v[i], i, pi, &next);
        if (n >= 0)
            mark_page(&P, page, pages.v[i], i);
        if (P.rc == 0)
            links += (size_t)n;
    }
    free(pages.v);
    if (P.rc == 0 && next != pi->nannots) {
        snprintf(err, errlen, "%zu link annotations were drawn on pages the PDF does not have",
                 pi->nannots - next);
        P.rc = -1;
    }

    memset(seen, 0, nseen ? nseen : 1);
    walk w = {&P, pi->alts, pi->nalts, 0, 0, seen, nseen};
    unsigned st_num = 0;
    if (P.rc == 0 && sr_pdf_get(root, "StructTreeRoot")) {
        sr_pdf_obj *st = indirect_dict(&P, root, "StructTreeRoot", &st_num);
        if (st)
            visit(&w, sr_pdf_get(st, "K"), st_num, NULL, false, SCOPE_NONE);
    }
    free(seen);
    if (found)
        *found = (sr_pdf_post_out){w.next, links};
    if (P.rc == 0 && sr_pdf_write_file(f, out) != 0)
        failed(&P, "cannot write the PDF");
    sr_pdf_close(f);
    return P.rc;
}
