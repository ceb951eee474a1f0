/* Unit tests for src/data/guidance: the bundled editions as they read, the
 * edition chosen for each reporting year, a partnership's own choice, an
 * edition id that is not there, a broken edition file, and the recipients
 * merged with partnership.yaml's corrections. */
#include "testutil.h"

#include "data/guidance.h"

static const char *templates(void)
{
    static char path[4096];
    const char *src = getenv("SSCP_SOURCE_DIR");
    snprintf(path, sizeof path, "%s/report-templates", src ? src : ".");
    return path;
}

static sr_partnership *partnership(sr_arena *a, sr_diags *d, const char *about_extra)
{
    char text[1024];
    snprintf(text, sizeof text,
             "format: 1\n"
             "partnership:\n  name: Test SCP\n  short_name: TSCP\n  area: Test\n%s"
             "partners:\n  - {id: council, name: Test Council, statutory: yes}\n"
             "recipients:\n"
             "  - {id: dfe, email: reports@dfe.example}\n"
             "  - {id: ofsted, name: \"Ofsted: the inspectorate\", email: o@ofsted.example}\n",
             about_extra);
    return sr_partnership_load_source(
        a, d, sr_diags_add_source(d, "partnership.yaml", sr_xstrdup(text), strlen(text)));
}

static const char *printed(sr_diags *d)
{
    static char *out;
    free(out);
    size_t n;
    FILE *f = open_memstream(&out, &n);
    sr_diags_sort(d);
    sr_diags_print_text(d, f, false);
    fclose(f);
    return out;
}

static void bundled_editions_read_whole(void **state)
{
    (void)state;
    sr_arena *a = sr_arena_new();
    sr_diags d;
    sr_diags_init(&d);
    const sr_guidance **v;
    size_t n;
    assert_true(sr_guidance_list(a, &d, templates(), &v, &n));
    assert_int_equal(d.n, 0);
    assert_int_equal(n, 2);
    const sr_guidance *g18 = v[0], *g23 = v[1];
    assert_string_equal(g18->id, "working-together-2018");
    assert_string_equal(g18->short_name, "Working Together 2018");
    assert_int_equal(g18->applies_from, 2018);
    assert_int_equal(g18->nduties, 5);
    assert_false(g18->needs_sign_off || g18->needs_scrutiny || g18->needs_contributions);
    assert_int_equal(g18->nrecipients, 2);
    assert_string_equal(g18->recipients[1].id, "what-works");
    assert_string_equal(g18->recipients[1].email, "info@whatworks-csc.org.uk");
    assert_int_equal(g18->send_within_days, 7);

    assert_string_equal(g23->name, "Working Together to Safeguard Children 2023");
    assert_int_equal(g23->in_force, 20231215);
    assert_int_equal(g23->applies_from, 2023);
    assert_int_equal(g23->nduties, 10);
    assert_string_equal(g23->duties[0].id, "activity");
    assert_true(g23->duties[0].confirmed);
    assert_false(g23->duties[2].confirmed);
    assert_true(g23->needs_sign_off && g23->needs_scrutiny && g23->needs_contributions);
    assert_int_equal(g23->nrecipients, 2);
    assert_string_equal(g23->recipients[1].id, "dfe");
    assert_null(g23->recipients[1].email); /* not known: partnership.yaml gives it */
    /* 8 duties, 2 requirements, 2 recipients and the deadline are unchecked. */
    assert_int_equal(g23->nunconfirmed, 13);
    assert_int_equal(g23->nkeywords, 1);
    assert_string_equal(g23->keywords[0], "Working Together 2023");
    sr_diags_free(&d);
    sr_arena_free(a);
}

static const char *edition_for(const char *about_extra, int year, const char **diags)
{
    sr_arena *a = sr_arena_new();
    sr_diags d;
    sr_diags_init(&d);
    sr_partnership *p = partnership(a, &d, about_extra);
    assert_non_null(p);
    const sr_guidance *g = sr_guidance_for_year(a, &d, templates(), p, year);
    static char id[64];
    snprintf(id, sizeof id, "%s", g ? g->id : "(none)");
    static char text[2048];
    snprintf(text, sizeof text, "%s", printed(&d));
    if (diags)
        *diags = text;
    sr_diags_free(&d);
    sr_arena_free(a);
    return id;
}

static void edition_follows_the_reporting_year(void **state)
{
    (void)state;
    assert_string_equal(edition_for("", 2019, NULL), "working-together-2018");
    assert_string_equal(edition_for("", 2022, NULL), "working-together-2018");
    assert_string_equal(edition_for("", 2023, NULL), "working-together-2023");
    assert_string_equal(edition_for("", 2024, NULL), "working-together-2023");
    const char *diags;
    assert_string_equal(edition_for("", 2017, &diags), "(none)");
    assert_string_equal(diags, "partnership.yaml: error: no guidance edition governs 2017-18: the "
                               "earliest, working-together-2018, applies from 2018-19\n"
                               "  hint: name the edition to report 2017-18 under in "
                               "partnership.yaml, as `guidance: working-together-2018` under "
                               "`partnership:`\n");
}

static void partnership_may_name_the_edition(void **state)
{
    (void)state;
    /* One edition for every year. */
    const char *one = "  guidance: working-together-2018\n";
    assert_string_equal(edition_for(one, 2024, NULL), "working-together-2018");
    /* An edition from a year on: before it, the default. */
    const char *later = "  guidance:\n    2024-25: working-together-2023\n";
    assert_string_equal(edition_for(later, 2023, NULL), "working-together-2023");
    const char *kept = "  guidance:\n    2019-20: working-together-2018\n"
                       "    2025-26: working-together-2023\n";
    assert_string_equal(edition_for(kept, 2018, NULL), "working-together-2018");
    assert_string_equal(edition_for(kept, 2024, NULL), "working-together-2018");
    assert_string_equal(edition_for(kept, 2025, NULL), "working-together-2023");
}

static void unknown_edition_is_an_error_with_a_suggestion(void **state)
{
    (void)state;
    const char *diags;
    assert_string_equal(edition_for("  guidance: working-together-2032\n", 2024, &diags), "(none)");
    sr_buf want = SR_BUF_INIT;
    sr_buf_printf(&want,
                  "partnership.yaml:6:13: error: there is no guidance edition "
                  "`working-together-2032` in %s/guidance\n"
                  "     6 |   guidance: working-together-2032\n"
                  "       |             ^^^^^^^^^^^^^^^^^^^^^\n"
                  "  hint: did you mean `working-together-2023`?\n",
                  templates());
    assert_string_equal(diags, sr_buf_str(&want));
    sr_buf_free(&want);
    assert_string_equal(edition_for("  guidance: {2023-24: wt}\n", 2024, &diags), "(none)");
    assert_non_null(strstr(diags, "hint: the editions there are: working-together-2018, "
                                  "working-together-2023\n"));
    /* Not an id at all: the schema says so at its place. */
    sr_arena *a = sr_arena_new();
    sr_diags d;
    sr_diags_init(&d);
    assert_null(partnership(a, &d, "  guidance: [a, b]\n"));
    assert_non_null(strstr(printed(&d), "partnership.yaml:6:13: error: expected a single value "
                                        "for `guidance`"));
    sr_diags_free(&d);
    sr_arena_free(a);
}

static void broken_edition_names_its_line(void **state)
{
    (void)state;
    char tmpl[] = "/tmp/sr-guidance-XXXXXX";
    assert_non_null(mkdtemp(tmpl));
    char *dir = sr_path_join(tmpl, "guidance");
    assert_int_equal(sr_make_dirs(dir), 0);
    char *path = sr_path_join(dir, "wt.yaml");
    const char *text = "format: 1\nid: wt\nname: W\nshort_name: W\n"
                       "in_force: {date: 2023-02-30, confirmed: yes, source: s}\n"
                       "applies_from: 2023-24\n"
                       "duties:\n  - {id: a, text: t, confirmed: perhaps, source: s}\n"
                       "recipients: []\nsend_within: {days: 7, confirmed: no, source: s}\n"
                       "words: {contents: c, deadline: d, covering_note: n}\n";
    assert_int_equal(sr_write_file_atomic(path, text, strlen(text)), 0);
    sr_arena *a = sr_arena_new();
    sr_diags d;
    sr_diags_init(&d);
    assert_null(sr_guidance_load(a, &d, path));
    const char *out = printed(&d);
    assert_non_null(strstr(out, "wt.yaml:5:18: error: "));
    assert_non_null(strstr(out, "wt.yaml:8:33: error: expected yes or no for `confirmed`, got "
                                "`perhaps`"));
    sr_diags_free(&d);
    sr_arena_free(a);
    char cmd[256];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", tmpl);
    assert_int_equal(system(cmd), 0);
    free(path);
    free(dir);
}

static void recipients_take_the_partnerships_corrections(void **state)
{
    (void)state;
    sr_arena *a = sr_arena_new();
    sr_diags d;
    sr_diags_init(&d);
    sr_partnership *p = partnership(a, &d, "");
    const sr_guidance *g = sr_guidance_for_year(a, &d, templates(), p, 2024);
    assert_non_null(g);
    size_t n;
    sr_recipient *r = sr_guidance_recipients(a, g, p, &n);
    assert_int_equal(n, 3);
    assert_string_equal(r[0].id, "panel");
    assert_string_equal(r[0].email, "Mailbox.NationalReviewPanel@education.gov.uk");
    assert_string_equal(r[1].id, "dfe");
    assert_string_equal(r[1].name, "Department for Education");
    assert_string_equal(r[1].email, "reports@dfe.example");
    assert_string_equal(r[2].name, "Ofsted: the inspectorate");
    /* Without the partnership's list, the DfE has no address. */
    r = sr_guidance_recipients(a, g, NULL, &n);
    assert_int_equal(n, 2);
    assert_null(r[1].email);
    sr_diags_free(&d);
    sr_arena_free(a);
}

/* An address partnership.yaml gives for a recipient the year's edition does
 * not have (the DfE's, for Working Together 2023) is not used in a year
 * under another edition; a recipient it names is. */
static void an_address_for_another_editions_recipient_is_not_used(void **state)
{
    (void)state;
    sr_arena *a = sr_arena_new();
    sr_diags d;
    sr_diags_init(&d);
    sr_partnership *p = partnership(a, &d, "");
    const sr_guidance *g = sr_guidance_for_year(a, &d, templates(), p, 2022);
    assert_non_null(g);
    assert_string_equal(g->id, "working-together-2018");
    size_t n;
    sr_recipient *r = sr_guidance_recipients(a, g, p, &n);
    assert_int_equal(n, 3);
    assert_string_equal(r[0].id, "panel");
    assert_string_equal(r[1].id, "what-works");
    assert_string_equal(r[2].id, "ofsted");
    assert_true(sr_guidance_recipient_unused(g, &p->recipients[0]));
    assert_false(sr_guidance_recipient_unused(g, &p->recipients[1]));
    const sr_guidance *g23 = sr_guidance_for_year(a, &d, templates(), p, 2024);
    assert_false(sr_guidance_recipient_unused(g23, &p->recipients[0]));
    assert_int_equal(d.n, 0);
    sr_diags_free(&d);
    sr_arena_free(a);
}

/* A templates folder of its own, with the bundled editions copied into its
 * guidance/ and the file name (such as "wt-local.yaml") given text. */
static char *folder_with(const char *name, const char *text)
{
    char tmpl[] = "/tmp/sr-guidance-XXXXXX";
    assert_non_null(mkdtemp(tmpl));
    char cmd[8192];
    snprintf(cmd, sizeof cmd, "mkdir -p '%s/guidance' && cp '%s'/guidance/*.yaml '%s/guidance/'",
             tmpl, templates(), tmpl);
    assert_int_equal(system(cmd), 0);
    char *dir = sr_path_join(tmpl, "guidance");
    char *path = sr_path_join(dir, name);
    assert_int_equal(sr_write_file_atomic(path, text, strlen(text)), 0);
    free(path);
    free(dir);
    return sr_xstrdup(tmpl);
}

static void remove_folder(char *dir)
{
    char cmd[4200];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    assert_int_equal(system(cmd), 0);
    free(dir);
}

static char *edition_text(const char *id)
{
    char *path = sr_path_join(templates(), "guidance/working-together-2023.yaml");
    char *text;
    size_t len;
    assert_int_equal(sr_read_file(path, (size_t)1 << 20, &text, &len), SR_READ_OK);
    free(path);
    sr_buf b = SR_BUF_INIT;
    const char *at = strstr(text, "\nid: working-together-2023\n");
    assert_non_null(at);
    sr_buf_printf(&b, "%.*s\nid: %s\n%s", (int)(at - text), text, id,
                  at + strlen("\nid: working-together-2023\n"));
    free(text);
    char *r = sr_xstrdup(sr_buf_str(&b));
    sr_buf_free(&b);
    return r;
}

static void two_editions_from_one_year_are_an_error_naming_both(void **state)
{
    (void)state;
    char *copy = edition_text("wt-local");
    char *dir = folder_with("wt-local.yaml", copy);
    free(copy);
    sr_arena *a = sr_arena_new();
    sr_diags d;
    sr_diags_init(&d);
    const sr_guidance **v;
    size_t n;
    assert_false(sr_guidance_list(a, &d, dir, &v, &n));
    assert_null(sr_guidance_for_year(a, &d, dir, NULL, 2024));
    const char *out = printed(&d);
    sr_buf want = SR_BUF_INIT;
    sr_buf_printf(&want,
                  "%s/guidance/wt-local.yaml:54:15: error: wt-local.yaml and "
                  "working-together-2023.yaml both apply from 2023-24, so which of them governs "
                  "a year is not decided\n"
                  "    54 | applies_from: 2023-24\n"
                  "       |               ^^^^^^^\n"
                  "  note: working-together-2023.yaml applies from 2023-24 at "
                  "%s/guidance/working-together-2023.yaml:54:15\n"
                  "  hint: give each edition its own first year in `applies_from`, or remove "
                  "the one not wanted from the folder\n",
                  dir, dir);
    assert_non_null(strstr(out, sr_buf_str(&want)));
    sr_buf_free(&want);
    sr_diags_free(&d);
    sr_arena_free(a);
    remove_folder(dir);
}

static void an_edition_files_hints_are_about_editions(void **state)
{
    (void)state;
    /* An empty edition: not a partner's submission. */
    char *dir = folder_with("working-together-2030.yaml", "");
    sr_arena *a = sr_arena_new();
    sr_diags d;
    sr_diags_init(&d);
    char *path = sr_path_join(dir, "guidance/working-together-2030.yaml");
    assert_null(sr_guidance_load(a, &d, path));
    sr_buf want = SR_BUF_INIT;
    sr_buf_printf(&want,
                  "%s: error: the file is empty\n"
                  "  hint: an edition of the statutory guidance gives its name, when it came "
                  "into force, what the report must contain and who is sent it: start from a "
                  "copy of an edition that came with sscp-report, in its "
                  "report-templates/guidance/\n",
                  path);
    assert_string_equal(printed(&d), sr_buf_str(&want));
    sr_buf_free(&want);
    free(path);
    sr_diags_free(&d);
    sr_arena_free(a);
    remove_folder(dir);

    /* A file name that cannot be an id: the hint does not offer it as one. */
    char *copy = edition_text("working-together-2023");
    dir = folder_with("old copy.yaml", copy);
    free(copy);
    a = sr_arena_new();
    sr_diags_init(&d);
    path = sr_path_join(dir, "guidance/old copy.yaml");
    assert_null(sr_guidance_load(a, &d, path));
    const char *out = printed(&d);
    assert_non_null(strstr(out, "error: the edition's id `working-together-2023` is not its "
                                "file's name, old copy.yaml\n"));
    assert_non_null(strstr(out, "  hint: name the file working-together-2023.yaml: an edition's "
                                "file is named by its id, in lower-case letters, digits and "
                                "hyphens\n"));
    assert_null(strstr(out, "id: old copy"));
    free(path);
    sr_diags_free(&d);
    sr_arena_free(a);
    remove_folder(dir);
}

/* validate's check of `guidance:`: the editions are the files in
 * guidance/, and a templates folder without one is not checked. */
static void named_editions_are_checked_against_the_files(void **state)
{
    (void)state;
    sr_arena *a = sr_arena_new();
    sr_diags d;
    sr_diags_init(&d);
    sr_partnership *p = partnership(a, &d,
                                    "  guidance:\n    2019-20: working-together-2018\n"
                                    "    2032-33: working-together-2032\n");
    assert_non_null(p);
    assert_int_equal(sr_guidance_check_choices(&d, templates(), p), 1);
    sr_buf want = SR_BUF_INIT;
    sr_buf_printf(&want,
                  "partnership.yaml:8:14: error: there is no guidance edition "
                  "`working-together-2032` in %s/guidance\n"
                  "     8 |     2032-33: working-together-2032\n"
                  "       |              ^^^^^^^^^^^^^^^^^^^^^\n"
                  "  hint: did you mean `working-together-2023`?\n",
                  templates());
    assert_string_equal(printed(&d), sr_buf_str(&want));
    sr_buf_free(&want);
    sr_diags_free(&d);
    sr_diags_init(&d);
    assert_int_equal(sr_guidance_check_choices(&d, "/nonexistent/templates", p), 0);
    assert_int_equal(d.n, 0);
    sr_diags_free(&d);
    sr_arena_free(a);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(bundled_editions_read_whole),
        cmocka_unit_test(edition_follows_the_reporting_year),
        cmocka_unit_test(partnership_may_name_the_edition),
        cmocka_unit_test(unknown_edition_is_an_error_with_a_suggestion),
        cmocka_unit_test(broken_edition_names_its_line),
        cmocka_unit_test(recipients_take_the_partnerships_corrections),
        cmocka_unit_test(an_address_for_another_editions_recipient_is_not_used),
        cmocka_unit_test(two_editions_from_one_year_are_an_error_naming_both),
        cmocka_unit_test(an_edition_files_hints_are_about_editions),
        cmocka_unit_test(named_editions_are_checked_against_the_files),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
