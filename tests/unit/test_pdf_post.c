/* Unit tests for src/render/pdf_post.c on a small tagged PDF drawn with
 * cairo here: a table whose first row's headers get /Scope /Column and
 * whose row label gets /Row, a figure's /Alt, a link's /Contents, the
 * untagged footer marked as an artifact, the XMP packet with its values
 * escaped, Info's dates, /Tabs, /PageMode; the same bytes twice; one
 * revision in which every object but those changed is cairo's, byte for
 * byte, the page's content with a direct /Length, and an /ID; and a page
 * whose links are not as many as said, and a file that is not one
 * revision as cairo writes it, refused with a message. The output
 * is read back with libqpdf, a reader independent of the pass's own. */
#include "testutil.h"

#include "render/pdf_content.h"
#include "render/pdf_post.h"

#include <cairo-pdf.h>
#include <qpdf/qpdf-c.h>

static cairo_status_t to_buf(void *closure, const unsigned char *data, unsigned int length)
{
    sr_buf_put(closure, (const char *)data, length);
    return CAIRO_STATUS_SUCCESS;
}

/* A leaf element's content: a box where its words would be (no fonts:
 * system fonts would make the test depend on the machine). */
static void text(cairo_t *cr, const char *tag, double x, double y, const char *s)
{
    cairo_tag_begin(cr, tag, NULL);
    cairo_rectangle(cr, x, y - 8, 6.0 * (double)strlen(s), 8);
    cairo_fill(cr);
    cairo_tag_end(cr, tag);
}

/* One page: a heading, a 2 x 2 table with headers across the top and a
 * row label, a figure, a link, and a footer drawn with no tag open. */
static void make_pdf(sr_buf *pdf)
{
    cairo_surface_t *s = cairo_pdf_surface_create_for_stream(to_buf, pdf, 300, 300);
    cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_TITLE, "Fish & <chips> 'n' \"peas\"");
    cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_CREATE_DATE, "2020-04-01T00:00:00");
    cairo_pdf_surface_add_outline(s, CAIRO_PDF_OUTLINE_ROOT, "Heading", "page=1",
                                  CAIRO_PDF_OUTLINE_FLAG_OPEN);
    cairo_t *cr = cairo_create(s);
    cairo_tag_begin(cr, "Document", NULL);
    text(cr, "H1", 10, 20, "Heading");
    cairo_tag_begin(cr, "Table", NULL);
    cairo_tag_begin(cr, "TR", NULL);
    text(cr, "TH", 10, 40, "Item");
    text(cr, "TH", 100, 40, "2019-20");
    cairo_tag_end(cr, "TR");
    cairo_tag_begin(cr, "TR", NULL);
    text(cr, "TH", 10, 55, "Referrals");
    text(cr, "TD", 100, 55, "3,243");
    cairo_tag_end(cr, "TR");
    cairo_tag_end(cr, "Table");
    cairo_move_to(cr, 10, 60); /* a rule under the table: no tag open */
    cairo_line_to(cr, 200, 60);
    cairo_stroke(cr);
    cairo_tag_begin(cr, "Figure", NULL);
    cairo_rectangle(cr, 10, 70, 50, 50);
    cairo_fill(cr);
    cairo_tag_end(cr, "Figure");
    cairo_tag_begin(cr, "P", NULL);
    cairo_tag_begin(cr, CAIRO_TAG_LINK, "uri='https://example.org/' rect=[10 130 80 12]");
    cairo_rectangle(cr, 10, 130, 80, 12);
    cairo_fill(cr);
    cairo_tag_end(cr, CAIRO_TAG_LINK);
    cairo_tag_end(cr, "P");
    cairo_tag_end(cr, "Document");
    cairo_rectangle(cr, 10, 285, 60, 6); /* the footer, after the document's tags */
    cairo_fill(cr);
    cairo_show_page(cr);
    assert_int_equal(cairo_status(cr), CAIRO_STATUS_SUCCESS);
    cairo_destroy(cr);
    cairo_surface_finish(s);
    assert_int_equal(cairo_surface_status(s), CAIRO_STATUS_SUCCESS);
    cairo_surface_destroy(s);
}

/* How many times s (n bytes) is in b; either may hold a NUL. */
static size_t count_n(const sr_buf *b, const char *s, size_t n)
{
    size_t c = 0;
    for (size_t i = 0; i + n <= b->len; i++)
        c += memcmp(b->data + i, s, n) == 0;
    return c;
}

static size_t count_in(const sr_buf *b, const char *s)
{
    return count_n(b, s, strlen(s));
}

/* How many of in's objects ("N 0 obj" to "endobj") are in out as they
 * were, and how many in has in all. */
static size_t same_objects(const sr_buf *in, const sr_buf *out, size_t *all)
{
    size_t same = 0;
    *all = 0;
    for (size_t i = 0; i + 6 < in->len; i++) {
        if ((i == 0 || in->data[i - 1] == '\n') && in->data[i] >= '1' && in->data[i] <= '9') {
            size_t k = i;
            while (k < in->len && in->data[k] >= '0' && in->data[k] <= '9')
                k++;
            if (k + 6 > in->len || memcmp(in->data + k, " 0 obj", 6) != 0)
                continue;
            size_t e = k;
            while (e + 6 <= in->len && memcmp(in->data + e, "endobj", 6) != 0)
                e++;
            assert_true(e + 6 <= in->len);
            (*all)++;
            sr_buf one = SR_BUF_INIT;
            sr_buf_putc(&one, '\n');
            sr_buf_put(&one, in->data + i, e + 6 - i);
            same += count_n(out, one.data, one.len) == 1;
            sr_buf_free(&one);
            i = e;
        }
    }
    return same;
}

static const char *const alts[] = {"A black square."};
static const sr_pdf_annot_text links[] = {{0, "Web page: https://example.org/"}};
static const sr_pdf_post_in post_in = {.lang = "en-GB",
                                       .title = "Fish & <chips> 'n' \"peas\"",
                                       .creator = "sscp-report test",
                                       .date = "2020-04-01T00:00:00Z",
                                       .alts = alts,
                                       .nalts = 1,
                                       .annots = links,
                                       .nannots = 1};

/* The structure element's /S, depth first, each TH's scope in order. */
static void scopes(qpdf_data q, qpdf_oh node, sr_buf *out, int depth)
{
    if (depth > 50)
        return;
    if (qpdf_oh_is_array(q, node)) {
        for (int i = 0; i < qpdf_oh_get_array_n_items(q, node); i++)
            scopes(q, qpdf_oh_get_array_item(q, node, i), out, depth + 1);
    } else if (qpdf_oh_is_dictionary(q, node) && qpdf_oh_has_key(q, node, "/S")) {
        qpdf_oh s = qpdf_oh_get_key(q, node, "/S");
        if (qpdf_oh_is_name_and_equals(q, s, "/TH")) {
            qpdf_oh a = qpdf_oh_get_key(q, node, "/A");
            /* each name is read into the same buffer: one at a time */
            sr_buf_printf(out, "%s ", qpdf_oh_get_name(q, qpdf_oh_get_key(q, a, "/O")));
            sr_buf_printf(out, "%s;", qpdf_oh_get_name(q, qpdf_oh_get_key(q, a, "/Scope")));
        } else if (qpdf_oh_is_name_and_equals(q, s, "/Figure")) {
            sr_buf_printf(out, "Figure %s;",
                          qpdf_oh_get_utf8_value(q, qpdf_oh_get_key(q, node, "/Alt")));
        }
        scopes(q, qpdf_oh_get_key(q, node, "/K"), out, depth + 1);
    }
}

static void test_adds(void **state)
{
    (void)state;
    sr_buf pdf = SR_BUF_INIT, out = SR_BUF_INIT, again = SR_BUF_INIT;
    make_pdf(&pdf);
    char err[256] = "";
    sr_pdf_post_out found = {9, 9};
    if (sr_pdf_post(pdf.data, pdf.len, &post_in, &out, &found, err, sizeof err) != 0)
        fail_msg("%s", err);
    assert_int_equal(found.figures, 1);
    assert_int_equal(found.annots, 1);
    assert_int_equal(sr_pdf_post(pdf.data, pdf.len, &post_in, &again, NULL, err, sizeof err), 0);
    assert_int_equal(again.len, out.len); /* the same bytes twice */
    assert_memory_equal(again.data, out.data, out.len);

    /* One revision: cairo's objects but the catalog, Info, the page, its
     * content, its link, the figure and the three TH, as they were. */
    assert_int_equal(count_in(&out, "%%EOF"), 1);
    assert_int_equal(count_in(&out, "\nxref\n"), 1);
    assert_int_equal(count_in(&out, "/Prev"), 0);
    assert_int_equal(count_in(&out, "/ID [<"), 1);
    size_t all = 0, same = same_objects(&pdf, &out, &all);
    assert_true(all > 20);
    assert_int_equal(all - same, 9);

    qpdf_data q = qpdf_init();
    assert_false(qpdf_read_memory(q, "t.pdf", out.data, out.len, NULL) & QPDF_ERRORS);
    assert_int_equal(qpdf_more_warnings(q), QPDF_FALSE);
    qpdf_oh root = qpdf_get_root(q);
    assert_string_equal(qpdf_oh_get_name(q, qpdf_oh_get_key(q, root, "/PageMode")), "/UseOutlines");
    assert_string_equal(qpdf_oh_get_utf8_value(q, qpdf_oh_get_key(q, root, "/Lang")), "en-GB");
    /* XMP, uncompressed, values escaped */
    qpdf_oh meta = qpdf_oh_get_key(q, root, "/Metadata");
    assert_true(qpdf_oh_is_stream(q, meta));
    assert_false(qpdf_oh_has_key(q, qpdf_oh_get_dict(q, meta), "/Filter"));
    unsigned char *x = NULL;
    size_t xlen = 0;
    assert_false(qpdf_oh_get_stream_data(q, meta, qpdf_dl_none, NULL, &x, &xlen) & QPDF_ERRORS);
    char *xmp = strndup((const char *)x, xlen);
    free(x);
    assert_non_null(strstr(xmp, "<pdfuaid:part>1</pdfuaid:part>"));
    assert_non_null(strstr(xmp, "<dc:title><rdf:Alt><rdf:li xml:lang=\"x-default\">Fish &amp; "
                                "&lt;chips&gt; &apos;n&apos; &quot;peas&quot;</rdf:li><rdf:li "
                                "xml:lang=\"en-GB\">"));
    assert_non_null(strstr(xmp, "<xmp:CreateDate>2020-04-01T00:00:00Z</xmp:CreateDate>"));
    assert_non_null(strstr(xmp, "<dc:language><rdf:Bag><rdf:li>en-GB</rdf:li></rdf:Bag>"));
    free(xmp);
    qpdf_oh info = qpdf_oh_get_key(q, qpdf_get_trailer(q), "/Info");
    assert_string_equal(qpdf_oh_get_utf8_value(q, qpdf_oh_get_key(q, info, "/CreationDate")),
                        "D:20200401000000Z");
    /* the page */
    qpdf_oh page = qpdf_get_page_n(q, 0);
    assert_string_equal(qpdf_oh_get_name(q, qpdf_oh_get_key(q, page, "/Tabs")), "/S");
    qpdf_oh content = qpdf_oh_get_key(q, page, "/Contents");
    assert_true(qpdf_oh_is_stream(q, content));
    qpdf_oh clength = qpdf_oh_get_key(q, qpdf_oh_get_dict(q, content), "/Length");
    assert_true(qpdf_oh_is_integer(q, clength));
    assert_false(qpdf_oh_is_indirect(q, clength));
    qpdf_oh link = qpdf_oh_get_array_item(q, qpdf_oh_get_key(q, page, "/Annots"), 0);
    assert_string_equal(qpdf_oh_get_utf8_value(q, qpdf_oh_get_key(q, link, "/Contents")),
                        "Web page: https://example.org/");
    unsigned char *c = NULL;
    size_t clen = 0, unmarked = 9;
    assert_false(qpdf_oh_get_page_content_data(q, page, &c, &clen) & QPDF_ERRORS);
    assert_int_equal(sr_pdf_content_unmarked((const char *)c, clen, &unmarked, err, sizeof err), 0);
    assert_int_equal(unmarked, 0);
    free(c);
    /* the structure */
    sr_buf sc = SR_BUF_INIT;
    scopes(q, qpdf_oh_get_key(q, qpdf_oh_get_key(q, root, "/StructTreeRoot"), "/K"), &sc, 0);
    assert_string_equal(sr_buf_str(&sc), "/Table /Column;/Table /Column;/Table /Row;"
                                         "Figure A black square.;");
    sr_buf_free(&sc);
    qpdf_cleanup(&q);
    sr_buf_free(&pdf);
    sr_buf_free(&out);
    sr_buf_free(&again);
}

/* cairo's own PDF has the rule and the footer unmarked. */
static void test_cairo_leaves_unmarked(void **state)
{
    (void)state;
    sr_buf pdf = SR_BUF_INIT;
    make_pdf(&pdf);
    qpdf_data q = qpdf_init();
    assert_false(qpdf_read_memory(q, "t.pdf", pdf.data, pdf.len, NULL) & QPDF_ERRORS);
    unsigned char *c = NULL;
    size_t clen = 0, unmarked = 0;
    char err[256];
    assert_false(qpdf_oh_get_page_content_data(q, qpdf_get_page_n(q, 0), &c, &clen) & QPDF_ERRORS);
    assert_int_equal(sr_pdf_content_unmarked((const char *)c, clen, &unmarked, err, sizeof err), 0);
    assert_int_equal(unmarked, 2); /* the rule's S, the footer's f */
    free(c);
    qpdf_cleanup(&q);
    sr_buf_free(&pdf);
}

static void test_link_count_differs(void **state)
{
    (void)state;
    sr_buf pdf = SR_BUF_INIT, out = SR_BUF_INIT;
    make_pdf(&pdf);
    char err[256] = "";
    sr_pdf_post_in two = post_in;
    const sr_pdf_annot_text both[] = {{0, "one"}, {0, "two"}};
    two.annots = both;
    two.nannots = 2;
    assert_int_equal(sr_pdf_post(pdf.data, pdf.len, &two, &out, NULL, err, sizeof err), -1);
    assert_string_equal(err, "page 1 has 1 link annotations, 2 were drawn on it");
    assert_int_equal(out.len, 0);
    const sr_pdf_annot_text later[] = {{0, "one"}, {3, "on page 4"}};
    two.annots = later;
    assert_int_equal(sr_pdf_post(pdf.data, pdf.len, &two, &out, NULL, err, sizeof err), -1);
    assert_string_equal(err, "1 link annotations were drawn on pages the PDF does not have");
    sr_buf_free(&pdf);
    sr_buf_free(&out);
}

/* A file that is not a PDF as cairo writes it: refused with why, and
 * nothing written. */
static void test_not_cairos(void **state)
{
    (void)state;
    sr_buf pdf = SR_BUF_INIT, out = SR_BUF_INIT;
    char err[256] = "";
    assert_int_equal(sr_pdf_post("GIF89a", 6, &post_in, &out, NULL, err, sizeof err), -1);
    assert_string_equal(err, "cannot read the PDF back: not a PDF: it does not begin with %PDF-");
    make_pdf(&pdf);
    /* an incremental update after cairo's file: a second table and /Prev */
    sr_buf_printf(&pdf,
                  "xref\n0 1\n0000000000 65535 f \ntrailer\n<< /Size 1 /Prev 9 >>\n"
                  "startxref\n%zu\n%%%%EOF\n",
                  pdf.len);
    assert_int_equal(sr_pdf_post(pdf.data, pdf.len, &post_in, &out, NULL, err, sizeof err), -1);
    assert_string_equal(err, "cannot read the PDF back: the PDF has been updated since it was "
                             "written (/Prev): one revision is read");
    assert_int_equal(out.len, 0);
    sr_buf_free(&pdf);
    sr_buf_free(&out);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_adds),
        cmocka_unit_test(test_cairo_leaves_unmarked),
        cmocka_unit_test(test_link_count_differs),
        cmocka_unit_test(test_not_cairos),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
