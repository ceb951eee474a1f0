/* Unit tests for src/render/pdf_content.c: the exact bytes written for
 * hand-written content streams (marked content left as it is, a footer
 * wrapped as an artifact, nested and untagged marked content, strings and
 * hex strings that hold operator names, parentheses and backslashes, an
 * inline image whose data holds "EI", text objects and saved states a run
 * opens or closes but not both), the count of unmarked painting operators, and streams that
 * do not tokenize refused with a message. */
#include "testutil.h"

#include "render/pdf_content.h"

/* The stream in, marked; its output must equal want, and must read back
 * with no unmarked painting operator. */
static void check_marks(const char *in, const char *want, size_t want_wrapped)
{
    sr_buf out = SR_BUF_INIT;
    char err[256] = "";
    size_t wrapped = 99, unmarked = 99;
    int rc = sr_pdf_content_artifacts(in, strlen(in), &out, &wrapped, err, sizeof err);
    if (rc != 0)
        fail_msg("refused: %s", err);
    assert_string_equal(sr_buf_str(&out), want);
    assert_int_equal(wrapped, want_wrapped);
    assert_int_equal(
        sr_pdf_content_unmarked(out.data ? out.data : "", out.len, &unmarked, err, sizeof err), 0);
    assert_int_equal(unmarked, 0);
    sr_buf_free(&out);
}

static void check_refused(const char *in, size_t len, const char *want_err)
{
    sr_buf out = SR_BUF_INIT;
    sr_buf_puts(&out, "before");
    char err[256] = "";
    assert_int_equal(sr_pdf_content_artifacts(in, len, &out, NULL, err, sizeof err), -1);
    assert_string_equal(err, want_err);
    assert_string_equal(sr_buf_str(&out), "before"); /* nothing written */
    size_t unmarked;
    err[0] = '\0';
    assert_int_equal(sr_pdf_content_unmarked(in, len, &unmarked, err, sizeof err), -1);
    assert_string_equal(err, want_err);
    sr_buf_free(&out);
}

static void test_marked_untouched(void **state)
{
    (void)state;
    const char *s = "/P << /MCID 0 >> BDC\nBT\n/f-0-0 1 Tf\n(Hello)Tj\nET\nEMC\n"
                    "/Artifact BMC\n0 0 10 10 re f\nEMC\n";
    check_marks(s, s, 0);
    /* state changes alone, outside marked content, paint nothing */
    const char *t = "q 1 0 0 1 0 0 cm 0.5 g 0 0 m 10 10 l n Q\n";
    check_marks(t, t, 0);
}

static void test_footer_wrapped(void **state)
{
    (void)state;
    check_marks("/P << /MCID 0 >> BDC\nBT\n(Body)Tj\nET\nEMC\n"
                "0.3 g BT\n1 0 0 1 56 800 Tm\n(Page 2 of 9)Tj\nET\n",
                "/P << /MCID 0 >> BDC\nBT\n(Body)Tj\nET\nEMC\n"
                "/Artifact BMC\n0.3 g BT\n1 0 0 1 56 800 Tm\n(Page 2 of 9)Tj\nET\nEMC\n",
                1);
    /* a rule and a fill between two tagged paragraphs: one run */
    check_marks("/P <</MCID 0>> BDC BT (a) Tj ET EMC 0.5 G 0.8 w 56 100 m 500 100 l S "
                "0 0 4 20 re f /P <</MCID 1>> BDC BT (b) Tj ET EMC",
                "/P <</MCID 0>> BDC BT (a) Tj ET EMC /Artifact BMC\n0.5 G 0.8 w 56 100 m 500 100 "
                "l S 0 0 4 20 re f\nEMC /P <</MCID 1>> BDC BT (b) Tj ET EMC",
                1);
}

static void test_nested(void **state)
{
    (void)state;
    /* a ligature's ActualText inside tagged content; an untagged mark
     * (ActualText) at depth 0 is inside the wrapped run */
    check_marks("/Link <</MCID 5>> BDC BT /Span << /ActualText <feff00660069> >> BDC (fi)Tj EMC "
                "ET EMC BT /Span << /ActualText <feff00660069> >> BDC (fi)Tj EMC ET",
                "/Link <</MCID 5>> BDC BT /Span << /ActualText <feff00660069> >> BDC (fi)Tj EMC "
                "ET EMC /Artifact BMC\nBT /Span << /ActualText <feff00660069> >> BDC (fi)Tj EMC "
                "ET\nEMC",
                1);
    /* tagged inside untagged inside tagged: all of it stays tagged */
    const char *s = "/Sect <</MCID 1>> BDC /X BMC /P <</MCID 2>> BDC 0 0 1 1 re f EMC "
                    "1 1 1 1 re f EMC EMC";
    check_marks(s, s, 0);
    /* an /MCID nested in a value is not the sequence's own */
    check_marks("/Span <</A <</MCID 3>>>> BDC 0 0 1 1 re f EMC",
                "/Artifact BMC\n/Span <</A <</MCID 3>>>> BDC 0 0 1 1 re f EMC\nEMC", 1);
}

static void test_strings(void **state)
{
    (void)state;
    /* operator names, parentheses and backslashes inside strings are words */
    check_marks("BT (EMC) Tj (a \\) BDC \\\\) Tj (nested (BMC) EMC) Tj [(x) -20 (EMC\\()] TJ ET",
                "/Artifact BMC\nBT (EMC) Tj (a \\) BDC \\\\) Tj (nested (BMC) EMC) Tj [(x) -20 "
                "(EMC\\()] TJ ET\nEMC",
                1);
    /* hex strings, ' and ", a comment naming an operator */
    check_marks("BT <48 65 6C6c6F> Tj % EMC BDC (\n1 2 (x) \" (y) ' ET",
                "/Artifact BMC\nBT <48 65 6C6c6F> Tj % EMC BDC (\n1 2 (x) \" (y) ' ET\nEMC", 1);
    /* a dictionary operand with a string value holding ">>" */
    check_marks("/Span <</ActualText (a>>b)>> BDC BT (x)Tj ET EMC",
                "/Artifact BMC\n/Span <</ActualText (a>>b)>> BDC BT (x)Tj ET EMC\nEMC", 1);
}

static void test_inline_image(void **state)
{
    (void)state;
    /* 2 x 2 grey bytes, "\nEI ", that look like the end; a NUL is white space */
    static const char s[] = "q 10 0 0 10 0 0 cm BI /W 2 /H 2 /BPC 8 /CS /G ID \nEI \0"
                            " EI Q /P <</MCID 0>> BDC BT (a)Tj ET EMC";
    static const char want[] = "/Artifact BMC\nq 10 0 0 10 0 0 cm BI /W 2 /H 2 /BPC 8 /CS /G ID "
                               "\nEI \0 EI Q\nEMC /P <</MCID 0>> BDC BT (a)Tj ET EMC";
    sr_buf out = SR_BUF_INIT;
    char err[256] = "";
    size_t wrapped = 0, unmarked = 9;
    assert_int_equal(sr_pdf_content_artifacts(s, sizeof s - 1, &out, &wrapped, err, sizeof err), 0);
    assert_int_equal(out.len, sizeof want - 1);
    assert_memory_equal(out.data, want, sizeof want - 1);
    assert_int_equal(wrapped, 1);
    assert_int_equal(sr_pdf_content_unmarked(out.data, out.len, &unmarked, err, sizeof err), 0);
    assert_int_equal(unmarked, 0);
    /* unfiltered image of unknown size: data ends at the first EI between spaces */
    sr_buf_free(&out);
    /* filtered, so of unknown size: the data ends at the first EI between
     * white space */
    check_marks("BI /W 1 /H 1 /CS /Foo /F /AHx ID 4EI4 EIx\n> EI",
                "/Artifact BMC\nBI /W 1 /H 1 /CS /Foo /F /AHx ID 4EI4 EIx\n> EI\nEMC", 1);
}

static void test_unbalanced_run(void **state)
{
    (void)state;
    /* a text object begun before a tag and ended after it: the runs are
     * cut at the BT and the ET they do not close, each showing operator
     * wrapped inside the text object */
    check_marks(
        "BT (a)Tj /P <</MCID 0>> BDC (b)Tj EMC (c)Tj ET",
        "BT /Artifact BMC\n(a)Tj\nEMC /P <</MCID 0>> BDC (b)Tj EMC /Artifact BMC\n(c)Tj\nEMC "
        "ET",
        2);
    /* a q before a tag, its Q after (as cairo saves the page's state): the
     * q and the Q stay outside, the paths between are wrapped */
    check_marks("q 0 0 m 1 1 l S /P <</MCID 0>> BDC BT (b)Tj ET EMC 2 2 5 5 re W n 0 0 1 1 re f Q",
                "q /Artifact BMC\n0 0 m 1 1 l S\nEMC /P <</MCID 0>> BDC BT (b)Tj ET EMC /Artifact "
                "BMC\n2 2 5 5 re W n 0 0 1 1 re f\nEMC Q",
                2);
    /* the footer as cairo writes it: its text object, then the page's Q */
    check_marks("q /P <</MCID 0>> BDC BT (b)Tj ET EMC 0.3 g BT 8 0 0 -8 56 800 Tm /f-0-0 1 Tf "
                "[(P)-3(age 2)]TJ ET Q\n",
                "q /P <</MCID 0>> BDC BT (b)Tj ET EMC /Artifact BMC\n0.3 g BT 8 0 0 -8 56 800 Tm "
                "/f-0-0 1 Tf [(P)-3(age 2)]TJ ET\nEMC Q\n",
                1);
    /* a q and its Q on either side of a cut: what is between them is
     * wrapped object by object */
    check_marks("BT /P <</MCID 0>> BDC (b)Tj EMC q (a)Tj 0 0 m 1 1 l S ET Q",
                "BT /P <</MCID 0>> BDC (b)Tj EMC q /Artifact BMC\n(a)Tj\nEMC /Artifact BMC\n0 0 m "
                "1 1 l S\nEMC ET Q",
                2);
}

static void test_count_unmarked(void **state)
{
    (void)state;
    const char *s = "0 0 1 1 re f /P <</MCID 0>> BDC (a)Tj EMC BT (x)Tj [(y)]TJ ET /Im1 Do "
                    "/Sh sh /Span <</ActualText (z)>> BDC 0 0 m 1 1 l S EMC";
    size_t n = 0;
    char err[256];
    assert_int_equal(sr_pdf_content_unmarked(s, strlen(s), &n, err, sizeof err), 0);
    assert_int_equal(n, 6);
}

static void test_malformed(void **state)
{
    (void)state;
    check_refused("BT (never closed Tj ET", 22,
                  "content stream, byte 3: a string that is never closed");
    check_refused("<4G> Tj", 7, "content stream, byte 2: a hex string holds 'G'");
    check_refused("/P <</MCID 0>> BDC (a)Tj", 24,
                  "content stream, byte 0: marked content that is never closed (EMC)");
    check_refused("EMC", 3, "content stream, byte 0: EMC with no marked content open");
    check_refused("1 0 0 rg 0 0 1", 14,
                  "content stream, byte 9: operands at the end of the stream with no operator");
    check_refused("[1 2>> TJ", 9, "content stream, byte 4: '>>' closes nothing that is open");
    check_refused("BT BT ET ET", 11, "content stream, byte 3: BT inside a text object");
    check_refused("BT (a) Tj", 9,
                  "content stream, byte 9: a text object that is never closed (ET)");
    check_refused("/P /MC0 BDC EMC", 15,
                  "content stream, byte 8: BDC names its properties in the page's resources, "
                  "which this reader does not follow");
    check_refused("BI /W 2 /H 2 /BPC 8 /CS /G ID \x01\x02", 32,
                  "content stream, byte 0: an inline image's data runs past the stream's end");
    check_refused("BI /W 1 /H 1 /F /AHx ID 00", 26,
                  "content stream, byte 0: an inline image with no EI");
    check_refused("{ 1 } f", 7, "content stream, byte 0: '{' where no token can begin");
    check_refused("[ 1 Tj ] TJ", 11,
                  "content stream, byte 4: an operator inside an array or a dictionary");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_marked_untouched), cmocka_unit_test(test_footer_wrapped),
        cmocka_unit_test(test_nested),           cmocka_unit_test(test_strings),
        cmocka_unit_test(test_inline_image),     cmocka_unit_test(test_unbalanced_run),
        cmocka_unit_test(test_count_unmarked),   cmocka_unit_test(test_malformed),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
