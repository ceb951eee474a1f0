/* Unit tests for src/render/pdf_objects.c on small PDFs made here: every
 * kind of object parsed (escapes, #xx in names, comments, a stream whose
 * /Length is another object), the file written again with only what
 * changed written anew and everything else byte for byte, a fresh table
 * and trailer with an /ID; text strings as ASCII or UTF-16BE and back;
 * each way a file can be not as expected refused with its message; and
 * every byte of a file changed, or the file cut anywhere, never a crash. */
#include "testutil.h"

#include "render/pdf_objects.h"

/* The sample's stream: "hello" deflated, which holds a NUL. */
#define STREAM                                                                                     \
    "<< /Length 8 0 R /Filter /FlateDecode >>\nstream\n"                                           \
    "x\x9c\xcbH\xcd\xc9\xc9\x07\x00\x06,\x02\x15\nendstream"

/* A PDF of the objects bodies[0..n) (numbered from 1), with a correct
 * table; extra goes into the trailer. A body that is STREAM is written
 * whole, its NUL too. */
static void make(const char *const *bodies, size_t n, const char *extra, sr_buf *out)
{
    size_t offs[32];
    assert_true(n < 32);
    sr_buf_puts(out, "%PDF-1.5\n%\xB5\xED\xAE\xFB\n");
    for (size_t i = 0; i < n; i++) {
        offs[i] = out->len;
        sr_buf_printf(out, "%zu 0 obj\n", i + 1);
        sr_buf_put(out, bodies[i],
                   strcmp(bodies[i], STREAM) == 0 ? sizeof STREAM - 1 : strlen(bodies[i]));
        sr_buf_puts(out, "\nendobj\n");
    }
    size_t x = out->len;
    sr_buf_printf(out, "xref\n0 %zu\n0000000000 65535 f \n", n + 1);
    for (size_t i = 0; i < n; i++)
        sr_buf_printf(out, "%010zu 00000 n \n", offs[i]);
    sr_buf_printf(out, "trailer\n<< /Size %zu /Root 1 0 R%s >>\nstartxref\n%zu\n%%%%EOF\n", n + 1,
                  extra ? extra : "", x);
}

static const char *const sample[] = {
    "<< /Type /Catalog % a comment\n /Pages 2 0 R >>",
    "<< /Type /Pages /Kids [ ] /Count 0 /Real -.5 /R2 595.28 /Neg -3 /Pos +4 /N null /T true "
    "/F false >>",
    "(a \\(b\\) \\\\ \\n\\101\\0618 (nested) \\\nend)",
    "<48 65 6c 6C 6>",
    "/Na#6De#20x",
    "[ 1 2 0 R [ ] << >> (x) ]",
    STREAM,
    "13",
};

/* Where s is in b (whose bytes may hold a NUL), or NULL. */
static char *find_in(const char *b, size_t len, const char *s)
{
    size_t n = strlen(s);
    for (size_t i = 0; i + n <= len; i++)
        if (memcmp(b + i, s, n) == 0)
            return (char *)b + i;
    return NULL;
}

static char *find(const sr_buf *b, const char *s)
{
    return find_in(b->data, b->len, s);
}

static sr_pdf_file *open_sample(sr_buf *pdf)
{
    make(sample, 8, NULL, pdf);
    char err[256] = "";
    sr_pdf_file *f = sr_pdf_open(pdf->data, pdf->len, err, sizeof err);
    if (!f)
        fail_msg("%s", err);
    return f;
}

static void test_parses_every_kind(void **state)
{
    (void)state;
    sr_buf pdf = SR_BUF_INIT;
    sr_pdf_file *f = open_sample(&pdf);
    assert_int_equal(sr_pdf_size(f), 9);
    sr_pdf_obj *root = sr_pdf_resolve(f, sr_pdf_get(sr_pdf_trailer(f), "Root"));
    assert_non_null(root);
    assert_true(sr_pdf_is_name(sr_pdf_get(root, "Type"), "Catalog"));
    sr_pdf_obj *pages = sr_pdf_get_r(f, root, "Pages");
    assert_int_equal(pages->kind, SR_PDF_DICT);
    assert_int_equal(sr_pdf_get(pages, "Kids")->kind, SR_PDF_ARRAY);
    sr_pdf_obj *r = sr_pdf_get(pages, "Real");
    assert_int_equal(r->kind, SR_PDF_REAL);
    assert_memory_equal(r->u.str.s, "-.5", 3);
    assert_int_equal(sr_pdf_get(pages, "Neg")->u.i, -3);
    assert_int_equal(sr_pdf_get(pages, "Pos")->u.i, 4);
    assert_int_equal(sr_pdf_get(pages, "N")->kind, SR_PDF_NULL);
    assert_true(sr_pdf_get(pages, "T")->u.b);
    assert_false(sr_pdf_get(pages, "F")->u.b);
    sr_pdf_obj *s = sr_pdf_object(f, 3);
    assert_int_equal(s->kind, SR_PDF_STRING);
    const char want[] = "a (b) \\ \nA18 (nested) end";
    assert_int_equal(s->u.str.len, sizeof want - 1);
    assert_memory_equal(s->u.str.s, want, sizeof want - 1);
    s = sr_pdf_object(f, 4);
    assert_int_equal(s->u.str.len, 5);
    assert_memory_equal(s->u.str.s, "Hell`", 5);
    s = sr_pdf_object(f, 5);
    assert_int_equal(s->kind, SR_PDF_NAME);
    assert_memory_equal(s->u.str.s, "Name x", 6);
    s = sr_pdf_object(f, 6);
    assert_int_equal(s->u.arr.n, 5);
    assert_int_equal(s->u.arr.v[1]->kind, SR_PDF_REF);
    assert_int_equal(s->u.arr.v[1]->u.ref.num, 2);
    s = sr_pdf_object(f, 7);
    assert_int_equal(s->kind, SR_PDF_STREAM);
    assert_int_equal(s->u.stream.len, 13);
    sr_buf data = SR_BUF_INIT;
    assert_int_equal(sr_pdf_stream_decoded(f, s, &data), 0);
    assert_string_equal(sr_buf_str(&data), "hello");
    sr_buf_free(&data);
    sr_pdf_close(f);
    sr_buf_free(&pdf);
}

/* What is written: everything before the table as it was, but for the
 * objects changed; a table that qpdf's and our own reader accept. */
static void test_writes_again(void **state)
{
    (void)state;
    sr_buf pdf = SR_BUF_INIT, out = SR_BUF_INIT, again = SR_BUF_INIT;
    sr_pdf_file *f = open_sample(&pdf);
    assert_int_equal(sr_pdf_write_file(f, &out), 0);
    size_t body = (size_t)((const char *)find_in(pdf.data, pdf.len, "xref\n") - pdf.data);
    assert_memory_equal(out.data, pdf.data, body);
    assert_memory_equal(out.data + body, "xref\n0 9\n0000000000 65535 f \n", 29);
    assert_non_null(strstr(out.data + body, "/ID [<"));
    sr_pdf_close(f);

    /* Object 2 changed, a new one added, a stream given new data. */
    f = open_sample(&pdf);
    sr_pdf_obj *pages = sr_pdf_object(f, 2);
    sr_pdf_set(f, pages, "Tabs", sr_pdf_new_name(f, "S"));
    sr_pdf_set(f, pages, "Neg",
               sr_pdf_new_text(f, "\xC2\xA3"
                                  "5"));
    sr_pdf_changed(f, 2);
    unsigned added = sr_pdf_add(f, sr_pdf_new_string(f, "new (one)", 9));
    assert_int_equal(added, 9);
    sr_pdf_obj *st = sr_pdf_object(f, 7);
    assert_int_equal(sr_pdf_stream_replace(f, st, "q 1 0 0 1 0 0 cm Q", 18, true), 0);
    sr_pdf_changed(f, 7);
    sr_buf_clear(&out);
    assert_int_equal(sr_pdf_write_file(f, &out), 0);
    sr_pdf_close(f);
    assert_non_null(find(&out, "2 0 obj\n<< /Type /Pages /Kids [] /Count 0 /Real -.5 /R2 "
                               "595.28 /Neg <FEFF00A30035> /Pos 4 /N null /T true /F "
                               "false /Tabs /S >>\nendobj\n"));
    assert_non_null(find(&out, "9 0 obj\n(new \\(one\\))\nendobj\n"));
    assert_non_null(find(&out, "3 0 obj\n(a \\(b\\) \\\\ \\n\\101")); /* as it was */
    char err[256] = "";
    f = sr_pdf_open(out.data, out.len, err, sizeof err);
    if (!f)
        fail_msg("%s", err);
    assert_int_equal(sr_pdf_size(f), 10);
    for (unsigned i = 1; i < 10; i++)
        if (!sr_pdf_object(f, i))
            fail_msg("object %u: %s", i, sr_pdf_error(f));
    st = sr_pdf_object(f, 7);
    assert_non_null(st);
    assert_int_equal(sr_pdf_get(st, "Length")->kind, SR_PDF_INT);
    sr_buf data = SR_BUF_INIT;
    assert_int_equal(sr_pdf_stream_decoded(f, st, &data), 0);
    assert_string_equal(sr_buf_str(&data), "q 1 0 0 1 0 0 cm Q");
    sr_buf_free(&data);
    sr_buf tx = SR_BUF_INIT;
    sr_pdf_text_utf8(sr_pdf_get(sr_pdf_object(f, 2), "Neg"), &tx);
    assert_string_equal(sr_buf_str(&tx), "\xC2\xA3"
                                         "5");
    sr_buf_free(&tx);
    /* Written again unchanged: the same bytes, /ID too. */
    assert_int_equal(sr_pdf_write_file(f, &again), 0);
    assert_int_equal(again.len, out.len);
    assert_memory_equal(again.data, out.data, out.len);
    sr_pdf_close(f);
    sr_buf_free(&pdf);
    sr_buf_free(&out);
    sr_buf_free(&again);
}

static void test_text_strings(void **state)
{
    (void)state;
    sr_buf pdf = SR_BUF_INIT;
    sr_pdf_file *f = open_sample(&pdf);
    struct {
        const char *utf8, *written, *back;
    } cases[] = {
        {"Go to 4 Finances, page 9", "(Go to 4 Finances, page 9)", NULL},
        {"a (b) \\", "(a \\(b\\) \\\\)", NULL},
        {"tab\there", "(tab\\there)", NULL},
        {"caf\xC3\xA9", "<FEFF00630061006600E9>", NULL},
        {"\xF0\x9F\x98\x80", "<FEFFD83DDE00>", NULL},
        {"bad \xFF byte", "<FEFF0062006100640020FFFD00200062007900740065>",
         "bad \xEF\xBF\xBD byte"},
        {"", "()", NULL},
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        sr_pdf_obj *s = sr_pdf_new_text(f, cases[i].utf8);
        sr_buf w = SR_BUF_INIT, back = SR_BUF_INIT;
        sr_pdf_write_value(&w, s);
        assert_string_equal(sr_buf_str(&w), cases[i].written);
        sr_pdf_text_utf8(s, &back);
        assert_string_equal(sr_buf_str(&back), cases[i].back ? cases[i].back : cases[i].utf8);
        sr_buf_free(&w);
        sr_buf_free(&back);
    }
    /* PDFDocEncoding where it is not Latin-1 */
    sr_pdf_obj *s = sr_pdf_new_string(f, "\x80\x18\xA0\xE9", 4);
    sr_buf back = SR_BUF_INIT;
    sr_pdf_text_utf8(s, &back);
    assert_string_equal(sr_buf_str(&back), "\xE2\x80\xA2\xCB\x98\xE2\x82\xAC\xC3\xA9");
    sr_buf_free(&back);
    sr_pdf_close(f);
    sr_buf_free(&pdf);
}

/* One object body in place of the sample's object 3: read, it gives err. */
static void refused_object(const char *body, const char *want)
{
    const char *bodies[8];
    memcpy(bodies, sample, sizeof bodies);
    bodies[2] = body;
    sr_buf pdf = SR_BUF_INIT;
    make(bodies, 8, NULL, &pdf);
    char err[256] = "";
    sr_pdf_file *f = sr_pdf_open(pdf.data, pdf.len, err, sizeof err);
    if (!f)
        fail_msg("%s: %s", body, err);
    if (sr_pdf_object(f, 3))
        fail_msg("%s was read", body);
    if (!strstr(sr_pdf_error(f), want))
        fail_msg("%s: '%s', not '%s'", body, sr_pdf_error(f), want);
    sr_pdf_close(f);
    sr_buf_free(&pdf);
}

static void test_refuses_objects(void **state)
{
    (void)state;
    refused_object("(no end", "object 3: a string with no end");
    refused_object("<41 4G>", "a hex string with a character that is not a hex digit");
    refused_object("/Bad#4", "a name with a '#' not followed by two hex digits");
    refused_object("<< /A 1 /A 2 >>", "a dictionary with the key /A twice");
    refused_object("<< 1 2 >>", "a dictionary key that is not a name");
    refused_object("<< /A >>", "a dictionary key with no value");
    refused_object("[ 1 2", "'endobj' where an object should be");
    refused_object("<< /A 1", "a dictionary key that is not a name");
    refused_object("frog", "'frog', which is no object,");
    refused_object(")", "a character that starts no object");
    refused_object("99999999999999999999", "an integer out of range");
    refused_object("[ 0 0 R ]", "a reference to an object number or generation out of range");
    refused_object("1 2", "an object not followed by endobj");
    refused_object("<< /Length 5 >>\nstream\nab\nendstream",
                   "a stream's data not followed by endstream");
    refused_object("<< /Length 500 >>\nstream\nab\nendstream", "past the end of the object");
    refused_object("<< /Length 3 0 R >>\nstream\nab\nendstream", "/Length is the object itself");
    refused_object("<< /Length 4 0 R >>\nstream\nab\nendstream", "no /Length that is a whole");
    refused_object("<< /Length 2 >>\nstream ab\nendstream",
                   "a stream keyword not followed by an end of line");
    sr_buf deep = SR_BUF_INIT;
    for (int i = 0; i < 101; i++)
        sr_buf_putc(&deep, '[');
    refused_object(sr_buf_str(&deep), "nested too deep");
    sr_buf_free(&deep);
    /* A filter it does not undo, and data that does not inflate. */
    const char *bodies[8];
    memcpy(bodies, sample, sizeof bodies);
    bodies[2] = "<< /Length 2 /Filter /LZWDecode >>\nstream\nab\nendstream";
    bodies[3] = "<< /Length 2 /Filter /FlateDecode >>\nstream\nab\nendstream";
    sr_buf pdf = SR_BUF_INIT, data = SR_BUF_INIT;
    make(bodies, 8, NULL, &pdf);
    char err[256];
    sr_pdf_file *f = sr_pdf_open(pdf.data, pdf.len, err, sizeof err);
    assert_non_null(f);
    assert_int_equal(sr_pdf_stream_decoded(f, sr_pdf_object(f, 3), &data), -1);
    assert_string_equal(sr_pdf_error(f),
                        "a stream with a filter this reader does not undo: /LZWDecode");
    assert_int_equal(sr_pdf_stream_decoded(f, sr_pdf_object(f, 4), &data), -1);
    assert_non_null(strstr(sr_pdf_error(f), "a stream that does not inflate"));
    assert_null(sr_pdf_object(f, 12));
    assert_string_equal(sr_pdf_error(f), "there is no object 12: the file has 9");
    sr_pdf_close(f);
    sr_buf_free(&pdf);
    sr_buf_free(&data);
}

/* The whole file: what open says of each way it is not one revision of
 * a classic table. */
static void refused_file(const char *pdf, size_t len, const char *want)
{
    char err[256] = "";
    sr_pdf_file *f = sr_pdf_open(pdf, len, err, sizeof err);
    if (f)
        fail_msg("opened, not '%s'", want);
    if (!strstr(err, want))
        fail_msg("'%s', not '%s'", err, want);
}

static void test_refuses_files(void **state)
{
    (void)state;
    sr_buf pdf = SR_BUF_INIT;
    make(sample, 8, NULL, &pdf);
    refused_file("", 0, "not a PDF: it does not begin with %PDF-");
    refused_file(pdf.data, pdf.len - 30, "no startxref in the file's last kilobyte");
    sr_buf b = SR_BUF_INIT;
    make(sample, 8, " /Prev 10", &b);
    refused_file(b.data, b.len, "the PDF has been updated since it was written (/Prev)");
    sr_buf_clear(&b);
    make(sample, 8, " /Encrypt 3 0 R", &b);
    refused_file(b.data, b.len, "the PDF is encrypted");
    /* the table's offsets, and what they point at */
    const char *x = find_in(pdf.data, pdf.len, "xref\n0 9\n");
    sr_buf_clear(&b);
    sr_buf_put(&b, pdf.data, pdf.len);
    memcpy(b.data + (x - pdf.data) + 29, "0000000016", 10); /* object 1 one byte off */
    refused_file(b.data, b.len, "object 1 is not where the cross-reference table says (byte 16)");
    memcpy(b.data + (x - pdf.data) + 29, "0000000015", 10);
    memcpy(b.data + (x - pdf.data) + 49, "0000000015", 10);
    refused_file(b.data, b.len, "objects 1 and 2 have the same offset");
    memcpy(b.data + (x - pdf.data) + 49, "999999999X", 10);
    refused_file(b.data, b.len, "a cross-reference entry that is not 20 bytes");
    memcpy(b.data + (x - pdf.data) + 49, "9999999999", 10);
    refused_file(b.data, b.len, "object 2's offset 9999999999 is not between the header");
    sr_buf_clear(&b);
    sr_buf_put(&b, pdf.data, pdf.len);
    memcpy(b.data + (x - pdf.data), "XREF", 4);
    refused_file(b.data, b.len, "no cross-reference table at byte");
    sr_buf_clear(&b);
    sr_buf_put(&b, pdf.data, pdf.len);
    memcpy(find_in(b.data, b.len, "/Size 9"), "/Size 8", 7);
    refused_file(b.data, b.len, "the trailer's /Size is not the 9 objects");
    /* A subsection numbered far past what the file could hold: refused,
     * not a table of that size. */
    sr_buf_clear(&b);
    sr_buf_put(&b, pdf.data, (size_t)(x - pdf.data));
    sr_buf_puts(&b, "xref\n900000 9\n");
    sr_buf_put(&b, x + 9, pdf.len - (size_t)(x - pdf.data) - 9);
    refused_file(b.data, b.len, "numbering more objects than the file has bytes");
    sr_buf_free(&b);
    sr_buf_free(&pdf);
}

/* Every byte of the sample changed (to a few values), and the sample cut
 * at every length: opened, every object read and decoded, written: a
 * message or a result, never a crash (the sanitizer build checks reads). */
static void try_all(const char *data, size_t len)
{
    char err[256];
    sr_pdf_file *f = sr_pdf_open(data, len, err, sizeof err);
    if (!f) {
        assert_true(err[0] != '\0');
        return;
    }
    for (unsigned i = 0; i < sr_pdf_size(f) + 2; i++) {
        sr_pdf_obj *o = sr_pdf_object(f, i);
        if (!o) {
            assert_true(sr_pdf_error(f)[0] != '\0');
        } else if (o->kind == SR_PDF_STREAM) {
            sr_buf d = SR_BUF_INIT;
            (void)sr_pdf_stream_decoded(f, o, &d);
            sr_buf_free(&d);
            sr_pdf_changed(f, i);
        }
    }
    sr_buf out = SR_BUF_INIT;
    assert_int_equal(sr_pdf_write_file(f, &out), 0);
    sr_pdf_close(f);
    f = sr_pdf_open(out.data, out.len, err, sizeof err);
    if (!f)
        fail_msg("what was written does not open: %s", err);
    sr_pdf_close(f);
    sr_buf_free(&out);
}

static void test_never_crashes(void **state)
{
    (void)state;
    sr_buf pdf = SR_BUF_INIT;
    make(sample, 8, NULL, &pdf);
    char *copy = sr_xmalloc(pdf.len);
    static const char with[] = {'\0', 'x', '(', ')', '<', '>', '[', '/', '\\', '9', ' ', '%'};
    for (size_t i = 0; i < pdf.len; i++) {
        for (size_t k = 0; k < sizeof with; k++) {
            memcpy(copy, pdf.data, pdf.len);
            copy[i] = with[k];
            try_all(copy, pdf.len);
        }
        memcpy(copy, pdf.data, i); /* cut short, in a block of its own */
        try_all(copy, i);
    }
    free(copy);
    sr_buf_free(&pdf);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_parses_every_kind), cmocka_unit_test(test_writes_again),
        cmocka_unit_test(test_text_strings),      cmocka_unit_test(test_refuses_objects),
        cmocka_unit_test(test_refuses_files),     cmocka_unit_test(test_never_crashes),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
