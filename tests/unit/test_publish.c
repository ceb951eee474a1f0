/* Unit tests for src/publish: date arithmetic for send-by dates, the .eml
 * drafts parsed back as a mail program would, the append-only publication
 * record, and the build record and input hash that say a report is current. */
#include "testutil.h"

#include "data/partnership.h"
#include "publish/dates.h"
#include "publish/eml.h"
#include "publish/publication.h"
#include "publish/record.h"
#include "core/filehash.h"

#include <glib.h>
#include <sys/stat.h>

/* ---- dates ---------------------------------------------------------------------------------- */

static int32_t plus(int32_t ymd, int64_t n)
{
    return sr_ymd_add_days(ymd, n);
}

static void dates_cross_month_and_year_ends(void **state)
{
    (void)state;
    assert_int_equal(sr_days_from_ymd(19700101), 0);
    assert_int_equal(sr_ymd_from_days(0), 19700101);
    assert_int_equal(sr_days_from_ymd(20200101), 18262);
    /* The send-by date is publication + 7 days. */
    assert_int_equal(plus(20201030, 7), 20201106);
    assert_int_equal(plus(20200127, 7), 20200203); /* January into February */
    assert_int_equal(plus(20200430, 7), 20200507); /* a 30-day month */
    assert_int_equal(plus(20201228, 7), 20210104); /* over the new year */
    assert_int_equal(plus(20201231, 1), 20210101);
    assert_int_equal(plus(20210101, -1), 20201231);
    assert_int_equal(plus(20210104, -7), 20201228);
    assert_int_equal(sr_days_between(20201228, 20210104), 7);
    assert_int_equal(sr_days_between(20210104, 20201228), -7);
    /* A whole year, leap and not. */
    assert_int_equal(sr_days_between(20190401, 20200401), 366);
    assert_int_equal(sr_days_between(20200401, 20210401), 365);
}

static void dates_know_leap_years(void **state)
{
    (void)state;
    assert_int_equal(plus(20200224, 7), 20200302); /* 2020 has 29 February */
    assert_int_equal(plus(20200228, 1), 20200229);
    assert_int_equal(plus(20190224, 7), 20190303); /* 2019 does not */
    assert_int_equal(plus(20190228, 1), 20190301);
    assert_int_equal(plus(21000228, 1), 21000301); /* centuries are not leap years... */
    assert_int_equal(plus(20000228, 1), 20000229); /* ...unless divisible by 400 */
    int32_t d;
    assert_true(sr_parse_ymd("2020-02-29", &d));
    assert_int_equal(d, 20200229);
    assert_false(sr_parse_ymd("2019-02-29", &d));
    assert_false(sr_parse_ymd("2100-02-29", &d));
    assert_true(sr_parse_ymd("2000-02-29", &d));
}

static void dates_parse_only_real_dates(void **state)
{
    (void)state;
    int32_t d = 0;
    assert_true(sr_parse_ymd("2020-10-30", &d));
    assert_int_equal(d, 20201030);
    const char *const bad[] = {"2020-13-01", "2020-04-31", "2020-00-10",
                               "2020-1-01",  "20-10-2020", "2020-10-30x",
                               "2020/10/30", "",           "30 October 2020"};
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++)
        if (sr_parse_ymd(bad[i], &d))
            fail_msg("\"%s\" was taken as a date", bad[i]);
    assert_false(sr_parse_ymd(NULL, &d));
}

static void dates_last_ended_reporting_year(void **state)
{
    (void)state;
    assert_int_equal(sr_last_ended_year(20261124), 2025); /* 2025-26 ended in March */
    assert_int_equal(sr_last_ended_year(20260401), 2025);
    assert_int_equal(sr_last_ended_year(20260331), 2024); /* 2025-26 ends today */
    assert_int_equal(sr_last_ended_year(20260101), 2024);
}

static void dates_today_can_be_fixed_for_tests(void **state)
{
    (void)state;
    setenv("SSCP_TODAY", "2020-11-10", 1);
    assert_int_equal(sr_today(), 20201110);
    setenv("SSCP_TODAY", "not a date", 1); /* ignored: the real date */
    assert_true(sr_today() > 20250000);
    unsetenv("SSCP_TODAY");
}

/* ---- eml ------------------------------------------------------------------------------------ */

/* A message split as a mail reader does: headers, then the MIME parts. */
typedef struct {
    char *text;
    const char *body; /* after the blank line */
} msg;

/* The header's value, unfolded (RFC 5322 2.2.3: a CRLF before a space
 * is removed), in a static buffer. */
static const char *header(const char *block, const char *name)
{
    static char v[1024];
    size_t nl = strlen(name);
    for (const char *p = block; p && *p;) {
        if (strncmp(p, "\r\n", 2) == 0)
            return NULL; /* end of the headers */
        if (strncasecmp(p, name, nl) == 0 && p[nl] == ':') {
            const char *s = p + nl + 1;
            while (*s == ' ')
                s++;
            size_t n = 0;
            for (; *s && !(s[0] == '\r' && s[1] == '\n' && s[2] != ' '); s++)
                if (*s != '\r' && *s != '\n' && n + 1 < sizeof v)
                    v[n++] = *s;
            v[n] = '\0';
            return v;
        }
        p = strstr(p, "\r\n");
        if (p)
            p += 2;
    }
    return NULL;
}

/* Decodes a run of RFC 2047 B-encoded words (the spaces between them do
 * not count), or copies plain text. */
static char *decode_words(const char *s)
{
    if (strncmp(s, "=?UTF-8?B?", 10) != 0)
        return g_strdup(s);
    GString *out = g_string_new(NULL);
    while (strncmp(s, "=?UTF-8?B?", 10) == 0) {
        const char *e = strstr(s + 10, "?=");
        char *inner = g_strndup(s + 10, (gsize)(e - s - 10));
        assert_true(e + 2 - s <= 75); /* an encoded word is at most 75 characters */
        gsize n;
        guchar *raw = g_base64_decode(inner, &n);
        g_string_append_len(out, (const char *)raw, (gssize)n);
        g_free(raw);
        g_free(inner);
        s = e + 2;
        while (*s == ' ')
            s++;
    }
    assert_string_equal(s, ""); /* nothing but encoded words */
    return g_string_free(out, FALSE);
}

/* RFC 5322: CRLF line ends only; no line longer than 998 characters, and
 * none in the headers or the base64 longer than 78. Only a word too long to
 * break (an address) may make a line of the covering note longer. */
static void assert_lines_are_rfc5322(const char *t)
{
    for (const char *p = t; *p; p++)
        if (*p == '\n' && (p == t || p[-1] != '\r'))
            fail_msg("a bare LF at byte %zu", (size_t)(p - t));
    const char *note = strstr(t, "Content-Type: text/plain");
    const char *note_end = strstr(note, "\r\n--");
    for (const char *p = t, *e; (e = strstr(p, "\r\n")); p = e + 2) {
        bool in_note = p > note && p < note_end;
        size_t limit = in_note && !memchr(p, ' ', (size_t)(e - p)) ? 998 : 78;
        if ((size_t)(e - p) > limit)
            fail_msg("a line of %d characters: %.*s", (int)(e - p), (int)(e - p), p);
    }
}

static sr_eml sample_eml(unsigned char *pdf, size_t n)
{
    for (size_t i = 0; i < n; i++)
        pdf[i] = (unsigned char)(i * 7 + i / 256); /* every byte value, no pattern at 76 */
    memcpy(pdf, "%PDF-1.7\n", 9);
    return (sr_eml){
        .from_name = "Test Safeguarding Children Partnership",
        .from_addr = "scp@test.gov.uk",
        .to_name = "Child Safeguarding Practice Review Panel",
        .to_addr = "Mailbox.NationalReviewPanel@education.gov.uk",
        .subject = "Test Safeguarding Children Partnership annual report 2019-20",
        .body = "Dear colleagues,\n\nPlease find attached our report. It was published on 30 "
                "October 2020 at https://www.example.org/partnership/reports/annual-report-"
                "2019-20-final-version.pdf and is attached here as the guidance asks.\n",
        .attachment_name = "tscp-annual-report-2019-20.pdf",
        .attachment = (const char *)pdf,
        .attachment_len = n,
        .date = 20201030,
        .id = "2019-20.panel.abc123",
    };
}

static void eml_parses_back_with_the_same_attachment(void **state)
{
    (void)state;
    enum { N = 5003 }; /* not a multiple of 3 or 57: padding and a short last line */
    static unsigned char pdf[N];
    sr_eml m = sample_eml(pdf, N);
    sr_buf b = SR_BUF_INIT;
    char why[200];
    assert_int_equal(sr_eml_write(&b, &m, why, sizeof why), 0);
    const char *t = sr_buf_str(&b);

    assert_lines_are_rfc5322(t);

    assert_string_equal(header(t, "From"),
                        "\"Test Safeguarding Children Partnership\" <scp@test.gov.uk>");
    assert_string_equal(header(t, "To"), "\"Child Safeguarding Practice Review Panel\" "
                                         "<Mailbox.NationalReviewPanel@education.gov.uk>");
    assert_string_equal(header(t, "Subject"),
                        "Test Safeguarding Children Partnership annual report 2019-20");
    assert_string_equal(header(t, "Date"), "Fri, 30 Oct 2020 09:00:00 +0000");
    assert_string_equal(header(t, "Message-ID"), "<2019-20.panel.abc123@sscp-report.invalid>");
    assert_string_equal(header(t, "MIME-Version"), "1.0");

    /* The boundary from Content-Type, then the parts between its lines. */
    const char *ct = header(t, "Content-Type");
    assert_non_null(strstr(ct, "multipart/mixed; boundary=\""));
    char boundary[128];
    const char *q = strchr(ct, '"') + 1;
    snprintf(boundary, sizeof boundary, "--%.*s", (int)(strchr(q, '"') - q), q);
    const char *first = strstr(t, boundary);
    assert_non_null(first);
    const char *second = strstr(first + 1, boundary);
    assert_non_null(second);
    char closing[140];
    snprintf(closing, sizeof closing, "\r\n%s--\r\n", boundary);
    const char *end = strstr(second + 1, closing);
    assert_non_null(end);
    assert_int_equal(end + strlen(closing) - t, (long)b.len); /* nothing after the close */

    /* Part 1: the covering note, as text. */
    const char *p1 = first + strlen(boundary) + 2;
    assert_string_equal(header(p1, "Content-Type"), "text/plain; charset=utf-8");
    assert_non_null(strstr(p1, "\r\n\r\nDear colleagues,\r\n\r\nPlease find attached"));
    /* The long paragraph is wrapped at spaces, the address kept whole, and
     * joined up again it is the text given. */
    assert_non_null(strstr(p1, "published on 30 October 2020 at\r\n"
                               "https://www.example.org/partnership/reports/annual-report-"
                               "2019-20-final-version.pdf\r\nand is attached"));

    /* Part 2: the PDF, base64, decoding to the very same bytes. */
    const char *p2 = second + strlen(boundary) + 2;
    assert_string_equal(header(p2, "Content-Type"),
                        "application/pdf; name=\"tscp-annual-report-2019-20.pdf\"");
    assert_string_equal(header(p2, "Content-Disposition"),
                        "attachment; filename=\"tscp-annual-report-2019-20.pdf\"");
    assert_string_equal(header(p2, "Content-Transfer-Encoding"), "base64");
    const char *data = strstr(p2, "\r\n\r\n") + 4;
    GString *joined = g_string_new(NULL);
    for (const char *s = data; s < end; s++)
        if (*s != '\r' && *s != '\n')
            g_string_append_c(joined, *s);
    gsize n;
    guchar *decoded = g_base64_decode(joined->str, &n);
    assert_int_equal(n, N);
    assert_memory_equal(decoded, pdf, N);
    g_free(decoded);
    g_string_free(joined, TRUE);
    sr_buf_free(&b);
}

/* The headers of t, up to the blank line, as one string (malloc'd). */
static char *headers_of(const char *t)
{
    const char *end = strstr(t, "\r\n\r\n");
    assert_non_null(end);
    return strndup(t, (size_t)(end - t) + 2);
}

/* No header line of h starts with name (after a CRLF, not a fold). */
static void assert_no_header(const char *h, const char *name)
{
    size_t n = strlen(name);
    if (strncmp(h, name, n) == 0)
        fail_msg("the headers start with %s", name);
    for (const char *p = h; (p = strstr(p, "\r\n")); p += 2)
        if (strncmp(p + 2, name, n) == 0)
            fail_msg("a header %s was added: %s", name, p + 2);
}

static void eml_values_cannot_add_headers(void **state)
{
    (void)state;
    static unsigned char pdf[64];
    char why[200];
    /* Line breaks in a name or the subject become spaces, inside the one
     * header they belong to. */
    sr_eml m = sample_eml(pdf, sizeof pdf);
    m.from_name = "Test SCP\r\nBcc: spy@evil.example";
    m.to_name = "Panel\nX-Injected: 1";
    m.subject = "Report\r\n\r\nBody injected";
    sr_buf b = SR_BUF_INIT;
    assert_int_equal(sr_eml_write(&b, &m, why, sizeof why), 0);
    char *h = headers_of(sr_buf_str(&b));
    assert_lines_are_rfc5322(sr_buf_str(&b));
    assert_no_header(h, "Bcc:");
    assert_no_header(h, "X-Injected:");
    assert_no_header(h, "Body injected");
    assert_string_equal(header(sr_buf_str(&b), "From"),
                        "\"Test SCP  Bcc: spy@evil.example\" <scp@test.gov.uk>");
    free(h);
    sr_buf_free(&b);
    /* A backslash would escape the closing quote of a quoted name. */
    m = sample_eml(pdf, sizeof pdf);
    m.from_name = "Test SCP \\";
    assert_int_equal(sr_eml_write(&b, &m, why, sizeof why), 0);
    assert_null(strstr(sr_buf_str(&b), "\"Test SCP \\\""));
    assert_non_null(strstr(sr_buf_str(&b), "From: =?UTF-8?B?"));
    sr_buf_free(&b);
    /* An address that is not one is refused, and nothing written. */
    static const char *const bad[] = {
        "scp@test.gov.uk>\r\nBcc: spy@evil.example",
        "scp@test.gov.uk\nBcc: x@y.org",
        "Test <scp@test.gov.uk>",
        "scp test@test.gov.uk",
        "scp@test",
        "@test.gov.uk",
        "scp@@test.gov.uk",
        "sc\"p@test.gov.uk",
        "scp@test..gov.uk",
        "scp@-test.gov.uk",
        "scp@tëst.gov.uk",
        "",
    };
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
        m = sample_eml(pdf, sizeof pdf);
        m.to_addr = bad[i];
        assert_int_equal(sr_eml_write(&b, &m, why, sizeof why), -1);
        assert_int_equal(b.len, 0);
        m = sample_eml(pdf, sizeof pdf);
        m.from_addr = bad[i];
        assert_int_equal(sr_eml_write(&b, &m, why, sizeof why), -1);
        assert_int_equal(b.len, 0);
    }
    char w[120];
    assert_false(sr_email_ok("a@b.org\r\nBcc: c@d.org", w, sizeof w));
    assert_string_equal(w, "it holds a line break");
    assert_true(sr_email_ok("Mailbox.NationalReviewPanel@education.gov.uk", w, sizeof w));
    assert_true(sr_email_ok("first.o'neil+scp@my-council.gov.uk", w, sizeof w));
    sr_buf_free(&b);
}

static void eml_encodes_names_outside_ascii(void **state)
{
    (void)state;
    static unsigned char pdf[64];
    sr_eml m = sample_eml(pdf, sizeof pdf);
    m.from_name = "Bōrough \"Safeguarding\" Partnership";
    m.subject = "Stockport Safeguarding Children Partnership: annual report 2019–20, "
                "as published on the partnership’s website"; /* dash, apostrophe */
    sr_buf b = SR_BUF_INIT;
    char why[200];
    assert_int_equal(sr_eml_write(&b, &m, why, sizeof why), 0);
    const char *t = sr_buf_str(&b);
    assert_lines_are_rfc5322(t);
    for (const unsigned char *p = (const unsigned char *)t; *p; p++)
        if (*p >= 0x80 && p < (const unsigned char *)strstr(t, "\r\n\r\n"))
            fail_msg("8-bit byte in the headers at %zu", (size_t)(p - (const unsigned char *)t));
    char *subject = decode_words(header(t, "Subject"));
    assert_string_equal(subject, m.subject);
    g_free(subject);
    char from[256];
    snprintf(from, sizeof from, "%s", header(t, "From"));
    *strstr(from, " <") = '\0';
    char *name = decode_words(from);
    assert_string_equal(name, "Bōrough \"Safeguarding\" Partnership");
    g_free(name);
    sr_buf_free(&b);
}

/* ---- publication record ------------------------------------------------------------------- */

static char *temp_dir(void)
{
    char tmpl[] = "/tmp/sscp-test-XXXXXX";
    assert_non_null(mkdtemp(tmpl));
    return sr_xstrdup(tmpl);
}

static char *slurp(const char *dir, const char *name, size_t *len)
{
    char *path = sr_path_join(dir, name), *data;
    assert_int_equal(sr_read_file(path, 1 << 20, &data, len), SR_READ_OK);
    free(path);
    return data;
}

static void publication_appends_and_never_rewrites(void **state)
{
    (void)state;
    char *dir = temp_dir();
    sr_pub_event pub = {.published = true,
                        .date = 20201030,
                        .url = "https://example.org/report \"2019-20\".pdf",
                        .report = "ab12"};
    assert_int_equal(sr_publication_append(dir, &pub), 0);
    sr_pub_event sent = {.date = 20201103, .recipient = "panel"};
    assert_int_equal(sr_publication_append(dir, &sent), 0);
    size_t len1;
    char *before = slurp(dir, "publication.yaml", &len1);

    /* A revised report published later: a new entry after the old ones. */
    sr_pub_event again = {.published = true, .date = 20201120, .report = "cd34"};
    assert_int_equal(sr_publication_append(dir, &again), 0);
    size_t len2;
    char *after = slurp(dir, "publication.yaml", &len2);
    assert_true(len2 > len1);
    assert_memory_equal(after, before, len1); /* history kept byte for byte */
    assert_string_equal(after + len1, "  - event: published\n    date: 2020-11-20\n"
                                      "    report: cd34\n");

    sr_arena *a = sr_arena_new();
    sr_diags d;
    sr_diags_init(&d);
    sr_publication *p = sr_publication_read(a, &d, dir);
    assert_non_null(p);
    assert_int_equal(d.n, 0);
    assert_int_equal(p->n, 3);
    assert_true(p->v[0].published);
    assert_string_equal(p->v[0].url, "https://example.org/report \"2019-20\".pdf");
    assert_string_equal(p->v[1].recipient, "panel");
    /* The latest publication is the revised one; the copy sent before it
     * was of the first report, so it does not count for the second. */
    assert_int_equal(sr_publication_latest(p)->date, 20201120);
    assert_int_equal(sr_publication_sent(p, "panel"), 0);
    sr_pub_event resent = {.date = 20201124, .recipient = "panel"};
    assert_int_equal(sr_publication_append(dir, &resent), 0);
    p = sr_publication_read(a, &d, dir);
    assert_int_equal(sr_publication_sent(p, "panel"), 20201124);
    assert_int_equal(sr_publication_sent(p, "what-works"), 0);

    sr_diags_free(&d);
    sr_arena_free(a);
    free(before);
    free(after);
    char *path = sr_path_join(dir, "publication.yaml");
    unlink(path);
    free(path);
    rmdir(dir);
    free(dir);
}

/* A publication keeps the terms in force that day, whatever the names hold,
 * and reads them back without any other file. */
static void publication_records_its_terms(void **state)
{
    (void)state;
    char *dir = temp_dir();
    sr_recipient to[] = {
        {"panel", "Child Safeguarding Practice Review Panel", "panel@example.org", {0}},
        {"odd", "The \"Odd\" Body: a test, # not a comment\\", "o@example.org", {0}},
    };
    sr_pub_event pub = {.published = true,
                        .date = 20240930,
                        .report = "ab12",
                        .guidance = "working-together-2023",
                        .guidance_name = "Working Together: \"2023\"",
                        .send_by = 20241007,
                        .send_within_days = 7,
                        .recipients = to,
                        .nrecipients = 2};
    assert_int_equal(sr_publication_append(dir, &pub), 0);
    size_t len;
    char *text = slurp(dir, "publication.yaml", &len);
    assert_non_null(strstr(text, "  - event: published\n    date: 2024-09-30\n    report: ab12\n"
                                 "    guidance: working-together-2023\n"
                                 "    guidance_name: \"Working Together: \\\"2023\\\"\"\n"
                                 "    send_by: 2024-10-07\n    send_within_days: 7\n"
                                 "    recipients:\n      - {id: panel, name: \"Child Safeguarding "
                                 "Practice Review Panel\", email: \"panel@example.org\"}\n"));
    sr_arena *a = sr_arena_new();
    sr_diags d;
    sr_diags_init(&d);
    sr_publication *p = sr_publication_read(a, &d, dir);
    assert_non_null(p);
    assert_int_equal(d.n, 0);
    sr_pub_terms t;
    /* No templates folder and no partnership: the record is enough. */
    assert_true(
        sr_publication_terms(a, &d, sr_publication_latest(p), "/nonexistent", NULL, 2024, &t));
    assert_true(t.from_record);
    assert_string_equal(t.guidance_name, "Working Together: \"2023\"");
    assert_int_equal(t.send_by, 20241007);
    assert_int_equal(t.nrecipients, 2);
    assert_string_equal(t.recipients[1].name, "The \"Odd\" Body: a test, # not a comment\\");
    assert_string_equal(t.recipients[1].email, "o@example.org");
    sr_diags_free(&d);
    sr_arena_free(a);
    free(text);
    char *path = sr_path_join(dir, "publication.yaml");
    unlink(path);
    free(path);
    rmdir(dir);
    free(dir);
}

static void publication_with_a_foreign_entry_is_refused(void **state)
{
    (void)state;
    char *dir = temp_dir();
    char *path = sr_path_join(dir, "publication.yaml");
    const char text[] = "format: 1\nevents:\n  - {event: printed, date: 2020-10-30}\n";
    assert_int_equal(sr_write_file_atomic(path, text, strlen(text)), 0);
    sr_arena *a = sr_arena_new();
    sr_diags d;
    sr_diags_init(&d);
    assert_null(sr_publication_read(a, &d, dir));
    assert_int_equal(d.errors, 1);
    assert_string_equal(d.v[0].msg, "this is not a publication event");
    assert_int_equal(d.v[0].loc.line, 3);
    /* A publication whose recorded terms are not whole is refused too: a
     * record is never completed from today's files. */
    const char broken[] = "format: 1\nevents:\n  - event: published\n    date: 2024-09-30\n"
                          "    report: ab12\n    guidance: working-together-2023\n"
                          "    guidance_name: \"WT\"\n    send_by: 2024-10-07\n"
                          "    send_within_days: 7\n    recipients:\n"
                          "      - {id: panel, name: \"Panel\"}\n";
    assert_int_equal(sr_write_file_atomic(path, broken, strlen(broken)), 0);
    sr_diags_free(&d);
    sr_diags_init(&d);
    assert_null(sr_publication_read(a, &d, dir));
    assert_int_equal(d.errors, 1);
    assert_string_equal(d.v[0].msg, "this recipient of the publication has no id, name or address");
    assert_int_equal(d.v[0].loc.line, 11);
    sr_diags_free(&d);
    sr_arena_free(a);
    unlink(path);
    free(path);
    rmdir(dir);
    free(dir);
}

/* ---- build record and input hash ---------------------------------------------------------- */

static void put(const char *dir, const char *name, const char *text)
{
    char *path = sr_path_join(dir, name);
    assert_int_equal(sr_write_file_atomic(path, text, strlen(text)), 0);
    free(path);
}

static void sha256_matches_known_values(void **state)
{
    (void)state;
    char *dir = temp_dir();
    put(dir, "abc", "abc");
    char *path = sr_path_join(dir, "abc");
    char hex[SR_SHA256_HEX];
    int64_t bytes = 0;
    assert_true(sr_sha256_file(path, hex, &bytes));
    assert_string_equal(hex, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    assert_int_equal(bytes, 3);
    unlink(path);
    assert_false(sr_sha256_file(path, hex, &bytes));
    free(path);
    rmdir(dir);
    free(dir);
}

static void input_hash_follows_the_inputs_only(void **state)
{
    (void)state;
    char *root = temp_dir();
    char *data = sr_path_join(root, "data"), *tpl = sr_path_join(root, "t"),
         *fonts = sr_path_join(root, "f"), *y = sr_path_join(data, "2019-20"),
         *narr = sr_path_join(y, "narrative"), *req = sr_path_join(y, "requests"),
         *own = sr_path_join(data, "templates");
    assert_int_equal(sr_make_dirs(narr), 0);
    assert_int_equal(sr_make_dirs(own), 0);
    assert_int_equal(sr_make_dirs(req), 0);
    assert_int_equal(sr_make_dirs(tpl), 0);
    assert_int_equal(sr_make_dirs(fonts), 0);
    put(data, "partnership.yaml", "format: 1\n");
    put(y, "finance.yaml", "format: 1\n");
    put(narr, "introduction.md", "Words.\n");
    put(tpl, "report.yaml", "format: 1\n");

    char h0[SR_SHA256_HEX], h[SR_SHA256_HEX];
    sr_inputs_hash(data, tpl, fonts, 2019, h0);
    assert_int_equal(strlen(h0), 64);
    sr_inputs_hash(data, tpl, fonts, 2019, h);
    assert_string_equal(h, h0); /* the same inputs, the same hash */

    /* Not inputs: the publication record, requests, other file types. */
    put(y, "publication.yaml", "format: 1\nevents:\n");
    put(req, "gmp.yaml", "format: 1\n");
    put(y, "notes.txt", "to do\n");
    sr_inputs_hash(data, tpl, fonts, 2019, h);
    assert_string_equal(h, h0);

    /* Inputs: each change gives a new hash. */
    const char *const changes[][3] = {
        {"narr", "introduction.md", "Words changed.\n"},
        {"y", "training.yaml", "format: 1\n"},
        {"data", "partnership.yaml", "format: 1\n# edited\n"},
        {"tpl", "report.yaml", "format: 1\ntitle: x\n"},
        {"own", "metrics.yaml", "metrics:\n"}, /* the partnership's own template files */
        {"own", "report.yaml", "sections:\n"},
        {"fonts", "Extra.ttf", "font"},
    };
    char prev[SR_SHA256_HEX];
    snprintf(prev, sizeof prev, "%s", h0);
    for (size_t i = 0; i < sizeof changes / sizeof *changes; i++) {
        const char *dir = !strcmp(changes[i][0], "narr")   ? narr
                          : !strcmp(changes[i][0], "y")    ? y
                          : !strcmp(changes[i][0], "data") ? data
                          : !strcmp(changes[i][0], "tpl")  ? tpl
                          : !strcmp(changes[i][0], "own")  ? own
                                                           : fonts;
        put(dir, changes[i][1], changes[i][2]);
        sr_inputs_hash(data, tpl, fonts, 2019, h);
        if (strcmp(h, prev) == 0)
            fail_msg("changing %s did not change the hash", changes[i][1]);
        snprintf(prev, sizeof prev, "%s", h);
    }
    /* The years before count too (they give last year's figures). */
    char *y0 = sr_path_join(data, "2018-19");
    assert_int_equal(sr_make_dirs(y0), 0);
    put(y0, "csc.yaml", "format: 1\n");
    sr_inputs_hash(data, tpl, fonts, 2019, h);
    assert_string_not_equal(h, prev);

    char cmd[256];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", root);
    assert_int_equal(system(cmd), 0);
    free(y0);
    free(own);
    free(data);
    free(tpl);
    free(fonts);
    free(y);
    free(narr);
    free(req);
    free(root);
}

/* Only what the report uses of partnership.yaml counts: a partner the
 * report never shows, a comment or the order of the file do not make a
 * published year stale; renaming a partner the report shows does. */
/* The hash a build records is of what it read, when it read it: a file
 * changed, added or removed afterwards makes it differ from the hash of
 * the files as they are now (status's), and a file read twice with
 * different bytes matches nothing. Writes are noted as written. */
static void input_hash_is_of_the_bytes_read(void **state)
{
    (void)state;
    char *root = temp_dir();
    char *data = sr_path_join(root, "data"), *tpl = sr_path_join(root, "t"),
         *fonts = sr_path_join(root, "f"), *y = sr_path_join(data, "2019-20"),
         *narr = sr_path_join(y, "narrative");
    assert_int_equal(sr_make_dirs(narr), 0);
    assert_int_equal(sr_make_dirs(tpl), 0);
    assert_int_equal(sr_make_dirs(fonts), 0);
    put(data, "partnership.yaml", "format: 1\n");
    put(y, "finance.yaml", "format: 1\n");
    put(narr, "introduction.txt", "Words.\n");
    put(tpl, "report.yaml", "format: 1\n");
    char *fin = sr_path_join(y, "finance.yaml"), *intro = sr_path_join(narr, "introduction.txt");

    /* A build: the data loaded, the narrative read, with the log on. */
    sr_file_log seen = {0};
    sr_log_reads(&seen);
    sr_dataset ds;
    sr_dataset_load(&ds, data, 2019, SR_MAX_YEARS);
    char *text;
    size_t len;
    assert_int_equal(sr_read_file(intro, 1 << 20, &text, &len), SR_READ_OK);
    free(text);
    sr_log_reads(NULL);
    assert_non_null(sr_file_log_find(&seen, fin));
    assert_non_null(sr_file_log_find_dir(&seen, y));

    char built[SR_SHA256_HEX], now[SR_SHA256_HEX], again[SR_SHA256_HEX];
    sr_inputs_hash_seen(&ds, data, tpl, fonts, &seen, built);
    sr_inputs_hash(data, tpl, fonts, 2019, now);
    assert_string_equal(built, now); /* nothing changed: current */

    /* Saved after the build read it: the build's hash is still of the old
     * bytes, so the report is stale. */
    put(y, "finance.yaml", "format: 1\n# saved during the build\n");
    sr_inputs_hash_seen(&ds, data, tpl, fonts, &seen, again);
    assert_string_equal(again, built);
    sr_inputs_hash(data, tpl, fonts, 2019, now);
    assert_string_not_equal(now, built);
    put(y, "finance.yaml", "format: 1\n");

    /* The narrative, whatever its name. */
    put(narr, "introduction.txt", "Words changed.\n");
    sr_inputs_hash(data, tpl, fonts, 2019, now);
    assert_string_not_equal(now, built);
    put(narr, "introduction.txt", "Words.\n");

    /* A submission added after the build listed the folder: it did not
     * see it. */
    put(y, "training.yaml", "format: 1\n");
    sr_inputs_hash_seen(&ds, data, tpl, fonts, &seen, again);
    assert_string_equal(again, built);
    sr_inputs_hash(data, tpl, fonts, 2019, now);
    assert_string_not_equal(now, built);
    char *tr = sr_path_join(y, "training.yaml");
    unlink(tr);
    free(tr);

    /* One removed after it was read. */
    unlink(fin);
    sr_inputs_hash(data, tpl, fonts, 2019, now);
    assert_string_not_equal(now, built);
    put(y, "finance.yaml", "format: 1\n");
    sr_inputs_hash(data, tpl, fonts, 2019, now);
    assert_string_equal(now, built);

    /* Read twice, with other bytes the second time: nothing matches. */
    sr_log_reads(&seen);
    put(y, "finance.yaml", "format: 1\n# between two reads\n");
    assert_int_equal(sr_read_file(fin, 1 << 20, &text, &len), SR_READ_OK);
    free(text);
    sr_log_reads(NULL);
    assert_true(sr_file_log_find(&seen, fin)->changed);
    sr_inputs_hash_seen(&ds, data, tpl, fonts, &seen, again);
    assert_string_not_equal(again, built);
    sr_inputs_hash(data, tpl, fonts, 2019, now);
    assert_string_not_equal(again, now);

    /* Writes: the bytes as written, also through a rename into place. */
    sr_file_log written = {0};
    sr_log_writes(&written);
    char *out = sr_path_join(root, "out.pdf"), *tmp = sr_temp_name(out, "x");
    assert_int_equal(sr_write_file_atomic(out, "abc", 3), 0);
    char *out2 = sr_path_join(root, "out.xlsx");
    FILE *f = fopen(tmp, "wb");
    assert_non_null(f);
    assert_int_equal(fwrite("abc", 1, 3, f), 3);
    assert_int_equal(fclose(f), 0);
    assert_int_equal(sr_rename_into_place(tmp, out2), 0);
    sr_log_writes(NULL);
    assert_int_equal(written.nfiles, 2);
    for (size_t i = 0; i < 2; i++) {
        assert_int_equal(written.files[i].bytes, 3);
        assert_string_equal(written.files[i].sha256,
                            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    }
    assert_non_null(sr_file_log_find(&written, out2));
    unlink(out);
    unlink(out2);
    free(out);
    free(out2);
    free(tmp);
    sr_file_log_free(&written);

    sr_file_log_free(&seen);
    sr_dataset_free(&ds);
    char cmd[256];
    snprintf(cmd, sizeof cmd, "rm -rf %s", root);
    assert_int_equal(system(cmd), 0);
    free(fin);
    free(intro);
    free(narr);
    free(y);
    free(fonts);
    free(tpl);
    free(data);
    free(root);
}

/* A file's bytes are hashed once, where they are read, and the reader
 * that needs the hash gets the log's; a hash known without reading (a
 * cached font's) is noted as read. The cache of hashes: a file read and
 * cached is not read again while its identity holds; one changed in the
 * last seconds is read every time (its times cannot yet tell a change). */
static void read_log_hashes_once_and_cache_holds_settled_files(void **state)
{
    (void)state;
    char *root = temp_dir();
    put(root, "a.ttf", "abc");
    char *a = sr_path_join(root, "a.ttf"), *cpath = sr_path_join(root, "hashes");
    static const char abc[] = "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad";
    sr_file_log seen = {0};
    sr_log_reads(&seen);
    char *data, hex[SR_HEX_SHA256];
    size_t len;
    assert_int_equal(sr_read_file_hashed(a, 1 << 20, &data, &len, hex), SR_READ_OK);
    free(data);
    assert_string_equal(hex, abc);
    sr_log_note_read("./x//b.ttf", 7, abc);
    sr_log_reads(NULL);
    assert_string_equal(sr_file_log_find(&seen, a)->sha256, abc);
    const sr_logged_file *b = sr_file_log_find(&seen, "x/b.ttf");
    assert_non_null(b);
    assert_int_equal(b->bytes, 7);
    assert_string_equal(b->sha256, abc);
    sr_file_log_free(&seen);

    /* Just written: read every time, not cached. */
    size_t hits, reads;
    long long bytes;
    for (int run = 0; run < 2; run++) {
        sr_hash_cache *c = sr_hash_cache_open(cpath);
        assert_true(sr_hash_cache_file(c, a, hex, &bytes));
        assert_string_equal(hex, abc);
        assert_int_equal(bytes, 3);
        sr_hash_cache_counts(c, &hits, &reads);
        assert_int_equal(hits, 0);
        assert_int_equal(reads, 1);
        sr_hash_cache_close(c);
    }
    /* Settled: read once, then taken from the cache, and noted as read. */
    sleep(SR_HASH_CACHE_SETTLE + 1);
    for (int run = 0; run < 2; run++) {
        sr_log_reads(&seen);
        sr_hash_cache *c = sr_hash_cache_open(cpath);
        assert_true(sr_hash_cache_file(c, a, hex, &bytes));
        sr_log_reads(NULL);
        assert_string_equal(hex, abc);
        sr_hash_cache_counts(c, &hits, &reads);
        assert_int_equal(hits, run == 1);
        assert_int_equal(reads, run == 0);
        assert_string_equal(sr_file_log_find(&seen, a)->sha256, abc);
        sr_file_log_free(&seen);
        sr_hash_cache_close(c);
    }
    /* A file that is not there: false, and no cache entry made. */
    char *none = sr_path_join(root, "none.ttf");
    sr_hash_cache *c = sr_hash_cache_open(cpath);
    assert_false(sr_hash_cache_file(c, none, hex, &bytes));
    sr_hash_cache_close(c);
    /* No cache file at all: every file read. */
    c = sr_hash_cache_open(NULL);
    assert_true(sr_hash_cache_file(c, a, hex, &bytes));
    sr_hash_cache_counts(c, &hits, &reads);
    assert_int_equal(reads, 1);
    sr_hash_cache_close(c);

    char cmd[256];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", root);
    assert_int_equal(system(cmd), 0);
    free(none);
    free(a);
    free(cpath);
    free(root);
}

/* A file streamed in pieces is written atomically and hashed as written:
 * the log holds the SHA-256 of every byte, whatever the pieces' sizes;
 * abandoned, it leaves nothing. */
static void streamed_output_is_hashed_as_written(void **state)
{
    (void)state;
    char *root = temp_dir();
    char *path = sr_path_join(root, "out.pdf");
    size_t big = 200000;
    char *all = sr_xmalloc(big + 10);
    for (size_t i = 0; i < big + 10; i++)
        all[i] = (char)(i * 31 + 7);
    char want[SR_HEX_SHA256];
    sr_sha256_hex(all, big + 10, want);
    sr_file_log written = {0};
    sr_log_writes(&written);
    sr_out_file *f = sr_out_open(path);
    assert_non_null(f);
    /* a small piece, one larger than the buffer, then small ones */
    assert_int_equal(sr_out_write(f, all, 3), 0);
    assert_int_equal(sr_out_write(f, all + 3, big - 3), 0);
    for (size_t i = big; i < big + 10; i++)
        assert_int_equal(sr_out_write(f, all + i, 1), 0);
    assert_int_equal(sr_out_bytes(f), (long long)(big + 10));
    assert_int_equal(sr_path_kind_of(path), SR_PATH_NONE); /* not there until committed */
    assert_int_equal(sr_out_commit(f), 0);
    sr_log_writes(NULL);
    const sr_logged_file *w = sr_file_log_find(&written, path);
    assert_non_null(w);
    assert_int_equal(w->bytes, (long long)(big + 10));
    assert_string_equal(w->sha256, want);
    char *data, hex[SR_HEX_SHA256];
    size_t len;
    assert_int_equal(sr_read_file_hashed(path, 1 << 20, &data, &len, hex), SR_READ_OK);
    assert_int_equal(len, big + 10);
    assert_memory_equal(data, all, len);
    free(data);
    sr_file_log_free(&written);

    /* Abandoned: the old file stays, no temporary file is left. */
    f = sr_out_open(path);
    assert_non_null(f);
    assert_int_equal(sr_out_write(f, "x", 1), 0);
    sr_out_abort(f);
    char **names = sr_list_dir(root, "");
    assert_non_null(names);
    assert_string_equal(names[0], "out.pdf");
    assert_null(names[1]);
    sr_free_names(names);
    struct stat st;
    assert_int_equal(stat(path, &st), 0);
    assert_int_equal(st.st_size, (off_t)(big + 10));
    /* A folder that is not there: NULL, with errno. */
    char *nowhere = sr_path_join(root, "none/out.pdf");
    errno = 0;
    assert_null(sr_out_open(nowhere));
    assert_int_equal(errno, ENOENT);

    char cmd[256];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", root);
    assert_int_equal(system(cmd), 0);
    free(nowhere);
    free(all);
    free(path);
    free(root);
}

static void input_hash_follows_what_the_report_uses(void **state)
{
    (void)state;
    char *root = temp_dir();
    char *data = sr_path_join(root, "data"), *fonts = sr_path_join(root, "f"),
         *y = sr_path_join(data, "2019-20");
    const char *src = getenv("SSCP_SOURCE_DIR");
    char *tpl = sr_path_join(src ? src : ".", "report-templates");
    assert_int_equal(sr_make_dirs(y), 0);
    assert_int_equal(sr_make_dirs(fonts), 0);
    put(y, "cafcass.yaml", "format: 1\npartner: cafcass\nyear: 2019-20\n");
    const char *base = "format: 1\n"
                       "partnership: {name: Test SCP, short_name: TSCP, area: Test}\n"
                       "partners:\n"
                       "  - {id: council, name: Test Council, statutory: yes}\n"
                       "  - {id: cafcass, name: Cafcass}\n"
                       "population: {children_0_17: {2019-20: 60000}}\n";
    put(data, "partnership.yaml", base);
    char h0[SR_SHA256_HEX], h[SR_SHA256_HEX];
    sr_inputs_hash(data, tpl, fonts, 2019, h0);

    const char *same[] = {
        /* a partner added that nothing refers to */
        "format: 1\npartnership: {name: Test SCP, short_name: TSCP, area: Test}\npartners:\n"
        "  - {id: council, name: Test Council, statutory: yes}\n  - {id: probation, name: P}\n"
        "  - {id: cafcass, name: Cafcass}\npopulation: {children_0_17: {2019-20: 60000}}\n",
        /* comments, another order of keys and sections, recipients changed */
        "# The partnership.\nformat: 1\npopulation: {children_0_17: {2019-20: 60000}}\n"
        "recipients:\n  - {id: dfe, email: a@dfe.example}\n"
        "partners:\n  - {name: Test Council, id: council, statutory: yes}  # the council\n"
        "  - {id: cafcass, name: Cafcass}\n"
        "partnership: {area: Test, short_name: TSCP, name: Test SCP}\n",
        /* the edition named, as the year would have it anyway */
        "format: 1\npartnership: {name: Test SCP, short_name: TSCP, area: Test, guidance: "
        "working-together-2018}\npartners:\n"
        "  - {id: council, name: Test Council, statutory: yes}\n  - {id: cafcass, name: Cafcass}\n"
        "population: {children_0_17: {2019-20: 60000}}\n",
    };
    for (size_t i = 0; i < sizeof same / sizeof *same; i++) {
        put(data, "partnership.yaml", same[i]);
        sr_inputs_hash(data, tpl, fonts, 2019, h);
        if (strcmp(h, h0) != 0)
            fail_msg("partnership.yaml %zu made the report stale", i);
    }
    const char *changed[] = {
        /* a partner the year's data names, renamed */
        "format: 1\npartnership: {name: Test SCP, short_name: TSCP, area: Test}\npartners:\n"
        "  - {id: council, name: Test Council, statutory: yes}\n"
        "  - {id: cafcass, name: Cafcass England}\npopulation: {children_0_17: {2019-20: 60000}}\n",
        /* a statutory partner's short name */
        "format: 1\npartnership: {name: Test SCP, short_name: TSCP, area: Test}\npartners:\n"
        "  - {id: council, name: Test Council, short_name: TC, statutory: yes}\n"
        "  - {id: cafcass, name: Cafcass}\npopulation: {children_0_17: {2019-20: 60000}}\n",
        /* the population */
        "format: 1\npartnership: {name: Test SCP, short_name: TSCP, area: Test}\npartners:\n"
        "  - {id: council, name: Test Council, statutory: yes}\n  - {id: cafcass, name: Cafcass}\n"
        "population: {children_0_17: {2019-20: 60001}}\n",
        /* another edition */
        "format: 1\npartnership: {name: Test SCP, short_name: TSCP, area: Test, guidance: "
        "working-together-2023}\npartners:\n"
        "  - {id: council, name: Test Council, statutory: yes}\n  - {id: cafcass, name: Cafcass}\n"
        "population: {children_0_17: {2019-20: 60000}}\n",
        /* the partnership's name */
        "format: 1\npartnership: {name: Test SCP!, short_name: TSCP, area: Test}\npartners:\n"
        "  - {id: council, name: Test Council, statutory: yes}\n  - {id: cafcass, name: Cafcass}\n"
        "population: {children_0_17: {2019-20: 60000}}\n",
        /* the names of the report's files */
        "format: 1\npartnership: {name: Test SCP, short_name: TSCP, area: Test, file_name: t-scp}\n"
        "partners:\n"
        "  - {id: council, name: Test Council, statutory: yes}\n  - {id: cafcass, name: Cafcass}\n"
        "population: {children_0_17: {2019-20: 60000}}\n",
        /* a short name that changes by year, in a year the report shows */
        "format: 1\npartnership: {name: Test SCP, short_name: TSCP, area: Test}\npartners:\n"
        "  - {id: council, name: Test Council, short_names: {2019-20: TC}, statutory: yes}\n"
        "  - {id: cafcass, name: Cafcass}\npopulation: {children_0_17: {2019-20: 60000}}\n",
        /* the lead safeguarding partners, whom the report lists */
        "format: 1\npartnership: {name: Test SCP, short_name: TSCP, area: Test}\npartners:\n"
        "  - {id: council, name: Test Council, statutory: yes}\n  - {id: cafcass, name: Cafcass}\n"
        "lead_partners:\n  - {partner: council, lead: Chief Executive, delegate: Director}\n"
        "population: {children_0_17: {2019-20: 60000}}\n",
    };
    for (size_t i = 0; i < sizeof changed / sizeof *changed; i++) {
        put(data, "partnership.yaml", changed[i]);
        sr_inputs_hash(data, tpl, fonts, 2019, h);
        if (strcmp(h, h0) == 0)
            fail_msg("partnership.yaml change %zu left the report current", i);
    }
    char cmd[256];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", root);
    assert_int_equal(system(cmd), 0);
    free(data);
    free(fonts);
    free(y);
    free(tpl);
    free(root);
}

static void build_record_round_trips(void **state)
{
    (void)state;
    char *dir = temp_dir();
    sr_record_file outs[] = {{"report.pdf", 123456, ""}, {"report.html", 789, ""}};
    snprintf(outs[0].sha256, SR_SHA256_HEX, "%064d", 1);
    snprintf(outs[1].sha256, SR_SHA256_HEX, "%064d", 2);
    sr_build_record rec = {
        .year = 2019, .final = true, .built = 20201029, .outputs = outs, .noutputs = 2};
    snprintf(rec.inputs, SR_SHA256_HEX, "%064d", 3);
    assert_int_equal(sr_build_record_write(dir, &rec), 0);
    sr_arena *a = sr_arena_new();
    sr_build_record *r = sr_build_record_read(a, dir);
    assert_non_null(r);
    assert_int_equal(r->year, 2019);
    assert_true(r->final);
    assert_int_equal(r->built, 20201029);
    assert_string_equal(r->inputs, rec.inputs);
    assert_int_equal(r->noutputs, 2);
    assert_string_equal(r->outputs[0].name, "report.pdf");
    assert_int_equal(r->outputs[0].bytes, 123456);
    assert_string_equal(r->outputs[1].sha256, outs[1].sha256);
    sr_arena_free(a);
    char *path = sr_path_join(dir, "build-record.yaml");
    unlink(path);
    free(path);
    a = sr_arena_new();
    assert_null(sr_build_record_read(a, dir)); /* no build yet */
    sr_arena_free(a);
    rmdir(dir);
    free(dir);
}

static void build_record_notices_changed_outputs(void **state)
{
    (void)state;
    char *dir = temp_dir();
    put(dir, "report.pdf", "the report");
    put(dir, "report.html", "the web page");
    sr_record_file outs[] = {{"report.pdf", 0, ""}, {"report.html", 0, ""}};
    for (int i = 0; i < 2; i++) {
        char *path = sr_path_join(dir, outs[i].name);
        assert_true(sr_sha256_file(path, outs[i].sha256, &outs[i].bytes));
        free(path);
    }
    sr_build_record rec = {.year = 2019, .outputs = outs, .noutputs = 2};
    assert_null(sr_build_record_changed(&rec, dir)); /* as built */
    put(dir, "report.html", "the web page, edited");
    const sr_record_file *o = sr_build_record_changed(&rec, dir);
    assert_non_null(o);
    assert_string_equal(o->name, "report.html");
    char *path = sr_path_join(dir, "report.html");
    unlink(path);
    free(path);
    o = sr_build_record_changed(&rec, dir); /* missing is changed too */
    assert_non_null(o);
    assert_string_equal(o->name, "report.html");
    path = sr_path_join(dir, "report.pdf");
    unlink(path);
    free(path);
    rmdir(dir);
    free(dir);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(dates_cross_month_and_year_ends),
        cmocka_unit_test(dates_know_leap_years),
        cmocka_unit_test(dates_parse_only_real_dates),
        cmocka_unit_test(dates_last_ended_reporting_year),
        cmocka_unit_test(dates_today_can_be_fixed_for_tests),
        cmocka_unit_test(eml_parses_back_with_the_same_attachment),
        cmocka_unit_test(eml_encodes_names_outside_ascii),
        cmocka_unit_test(publication_appends_and_never_rewrites),
        cmocka_unit_test(publication_records_its_terms),
        cmocka_unit_test(publication_with_a_foreign_entry_is_refused),
        cmocka_unit_test(eml_values_cannot_add_headers),
        cmocka_unit_test(sha256_matches_known_values),
        cmocka_unit_test(input_hash_follows_the_inputs_only),
        cmocka_unit_test(input_hash_follows_what_the_report_uses),
        cmocka_unit_test(input_hash_is_of_the_bytes_read),
        cmocka_unit_test(read_log_hashes_once_and_cache_holds_settled_files),
        cmocka_unit_test(streamed_output_is_hashed_as_written),
        cmocka_unit_test(build_record_round_trips),
        cmocka_unit_test(build_record_notices_changed_outputs),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
