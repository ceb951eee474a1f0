/* Unit tests for src/data/signoff.c: the sign-off record is read from the
 * business unit's file, checked against the lead safeguarding partners only
 * where the guidance edition asks for sign-off, and printed in words. */
#include "testutil.h"

#include "data/signoff.h"
#include "doc/build.h"

static const char leads[] =
    "format: 1\n"
    "partnership: {name: Fen SCP, short_name: FSCP, area: Fen}\n"
    "partners:\n"
    "  - {id: council, name: Fen City Council}\n"
    "  - {id: police, name: Fenshire Police}\n"
    "  - id: icb\n"
    "    names: {2022-23: NHS Fenshire ICB, 2025-26: NHS Fenshire and Wolds ICB}\n"
    "  - {id: school, name: Fen Schools Trust}\n"
    "lead_partners:\n"
    "  - {partner: council, lead: Chief Executive, delegate: Director of Children's Services}\n"
    "  - {partner: police, lead: Chief Constable, delegate: Head of Public Protection}\n"
    "  - {partner: icb, lead: Chief Executive, delegate: Chief Nurse}\n";

static void load_world(tworld *w, const char *submission)
{
    memset(w, 0, sizeof *w);
    w->a = sr_arena_new();
    sr_diags_init(&w->d);
    w->p = sr_partnership_load_source(w->a, &w->d, tw_source(w, "partnership.yaml", leads));
    assert_non_null(w->p);
    sr_year_init(&w->y, 2024);
    tw_load(w, "business-unit.yaml", submission, 2024);
    tw_check_year(w);
}

#define HEAD "format: 1\npartner: council\nyear: 2024-25\n"

/* An edition that asks for sign-off, and one that does not. */
static const sr_guidance asks = {.short_name = "Working Together 2023", .needs_sign_off = true};
static const sr_guidance not_asked = {.short_name = "Working Together 2018"};

static void the_record_is_read_with_dates_outside_the_year(void **state)
{
    (void)state;
    tworld w;
    load_world(&w, HEAD "sign_off:\n"
                        "  report: {date: 2025-09-12, by: [council, police, icb]}\n"
                        "  budget: {date: 2024-03-28, by: [council, police]}\n");
    assert_int_equal(w.d.errors + w.d.warnings, 0);
    sr_sign_off s;
    sr_sign_off_read(w.a, &w.y, &s);
    assert_true(s.report.given);
    assert_int_equal(s.report.date, 20250912);
    assert_int_equal(s.report.nby, 3);
    assert_string_equal(s.report.by[2], "icb");
    assert_int_equal(s.budget.date, 20240328);
    assert_int_equal(s.budget.nby, 2);
    /* The ICB is named as it was called when it signed: 2025-26's name for
     * the report, 2023-24's for the budget. */
    assert_string_equal(sr_sign_off_words(w.a, w.p, &s, 2024),
                        "The lead safeguarding partners signed off this report on 12 September "
                        "2025: Fen City Council, Fenshire Police and NHS Fenshire and Wolds ICB. "
                        "The budget for 2024-25 was signed off on 28 March 2024 by Fen City "
                        "Council and Fenshire Police.");
    assert_int_equal(sr_sign_off_check(&w.d, w.p, &w.y, &asks, true), 0);
    tw_free(&w);
}

static void no_record_means_no_words(void **state)
{
    (void)state;
    tworld w;
    load_world(&w, HEAD "referrals: {total: 10}\n");
    sr_sign_off s;
    sr_sign_off_read(w.a, &w.y, &s);
    assert_false(s.report.given);
    assert_false(s.budget.given);
    assert_null(sr_sign_off_words(w.a, w.p, &s, 2024));
    tw_free(&w);
}

static void an_edition_without_sign_off_asks_nothing(void **state)
{
    (void)state;
    tworld w;
    load_world(&w, HEAD "referrals: {total: 10}\n");
    assert_int_equal(sr_sign_off_check(&w.d, w.p, &w.y, &not_asked, true), 0);
    assert_int_equal(sr_sign_off_check(&w.d, w.p, &w.y, NULL, true), 0);
    assert_int_equal(w.d.errors + w.d.warnings, 0);
    tw_free(&w);
}

static void a_missing_record_is_a_warning_in_a_draft_and_an_error_when_final(void **state)
{
    (void)state;
    tworld w;
    load_world(&w, HEAD "referrals: {total: 10}\n");
    assert_int_equal(sr_sign_off_check(&w.d, w.p, &w.y, &asks, false), 1);
    assert_int_equal(w.d.warnings, 1);
    assert_int_equal(w.d.errors, 0);
    assert_diag(&w, "sscp-report: warning: there is no record that the lead safeguarding "
                    "partners signed off the 2024-25 report\n"
                    "  hint: the guidance in force asks them to; add `sign_off: {report: {date: "
                    "YYYY-MM-DD, by: [partner ids]}}` to the business unit's file for 2024-25\n");
    assert_int_equal(sr_sign_off_check(&w.d, w.p, &w.y, &asks, true), 1);
    assert_int_equal(w.d.errors, 1);
    tw_free(&w);
}

static void every_lead_partner_signs_the_report(void **state)
{
    (void)state;
    tworld w;
    load_world(&w, HEAD "sign_off:\n"
                        "  report: {date: 2025-09-12, by: [council, school]}\n");
    assert_int_equal(sr_sign_off_check(&w.d, w.p, &w.y, &asks, true), 2);
    assert_int_equal(w.d.errors, 2);
    assert_diag(&w, "business-unit.yaml:5:35: error: `police` is a lead safeguarding partner, but "
                    "is not among those who signed off the report\n"
                    "     5 |   report: {date: 2025-09-12, by: [council, school]}\n"
                    "       |                                   ^^^^^^^\n"
                    "  note: named a lead safeguarding partner at partnership.yaml:11:5\n"
                    "  hint: every lead safeguarding partner signs off the report: add `police` "
                    "to `by` once it has\n");
    assert_diag(&w, "error: `icb` is a lead safeguarding partner");
    tw_free(&w);
}

static void signatories_are_partners_and_there_is_one_at_least(void **state)
{
    (void)state;
    tworld w;
    load_world(&w, HEAD "sign_off:\n"
                        "  report: {date: 2025-09-12, by: []}\n"
                        "  budget: {date: 2024-03-28, by: [council, fire]}\n");
    assert_int_equal(w.d.errors, 2);
    assert_diag(&w, "business-unit.yaml:5:30: error: a sign-off has an empty `by`\n"
                    "     5 |   report: {date: 2025-09-12, by: []}\n"
                    "       |                              ^^\n"
                    "  hint: give at least one: partner ids of those who signed it off\n");
    assert_diag(&w, "business-unit.yaml:6:44: error: unknown partner id `fire`\n");
    tw_free(&w);
}

/* A partnership without lead_partners, under an edition that asks for
 * their sign-off: the report's signatories are never called the lead
 * safeguarding partners, and --final stops at partnership.yaml. */
static const char no_leads[] = "format: 1\n"
                               "partnership: {name: Tarn SCP, short_name: TSCP, area: Tarn}\n"
                               "partners:\n"
                               "  - {id: council, name: Tarn Council, statutory: yes}\n"
                               "  - {id: police, name: Tarn Police, statutory: yes}\n"
                               "  - {id: icb, name: NHS Tarn ICB, statutory: yes}\n"
                               "  - {id: schools, name: Tarn Schools Forum}\n";

static void load_with(tworld *w, const char *partnership, const char *submission)
{
    memset(w, 0, sizeof *w);
    w->a = sr_arena_new();
    sr_diags_init(&w->d);
    w->p = sr_partnership_load_source(w->a, &w->d, tw_source(w, "partnership.yaml", partnership));
    assert_non_null(w->p);
    sr_year_init(&w->y, 2024);
    tw_load(w, "business-unit.yaml", submission, 2024);
    tw_check_year(w);
}

static void no_lead_partners_named_stops_a_final_build(void **state)
{
    (void)state;
    tworld w;
    load_with(&w, no_leads, HEAD "sign_off:\n  report: {date: 2025-07-01, by: [schools]}\n");
    assert_int_equal(w.d.errors + w.d.warnings, 0);
    assert_int_equal(sr_sign_off_check(&w.d, w.p, &w.y, &not_asked, true), 0);
    assert_int_equal(sr_sign_off_check(&w.d, w.p, &w.y, &asks, false), 1);
    assert_int_equal(w.d.warnings, 1);
    assert_int_equal(sr_sign_off_check(&w.d, w.p, &w.y, &asks, true), 1);
    assert_int_equal(w.d.errors, 1);
    assert_diag(&w, "partnership.yaml:3:1: error: Working Together 2023 asks for the lead "
                    "safeguarding partners to be named, but partnership.yaml has no "
                    "`lead_partners`\n"
                    "     3 | partners:\n"
                    "       | ^^^^^^^^\n"
                    "  hint: add them after `partners`, with an entry for each (council, police "
                    "and icb), such as `lead_partners: [{partner: council, lead: Chief "
                    "Executive, delegate: Director of Children's Services}]`; they are the ones "
                    "who sign off the report\n");
    sr_sign_off s;
    sr_sign_off_read(w.a, &w.y, &s);
    assert_string_equal(sr_sign_off_words(w.a, w.p, &s, 2024),
                        "This report was signed off on 1 July 2025 by Tarn Schools Forum.");
    tw_free(&w);
}

static void only_the_lead_partners_are_called_so(void **state)
{
    (void)state;
    tworld w;
    sr_sign_off s;
    /* One lead partner and a body that is not one. */
    load_world(&w, HEAD "sign_off:\n  report: {date: 2025-09-12, by: [council, school]}\n");
    sr_sign_off_read(w.a, &w.y, &s);
    assert_false(sr_sign_off_by_lead_partners(w.p, &s.report));
    assert_string_equal(sr_sign_off_words(w.a, w.p, &s, 2024),
                        "This report was signed off on 12 September 2025 by Fen City Council and "
                        "Fen Schools Trust.");
    tw_free(&w);
    /* Lead partners only, but not all of them. */
    load_world(&w, HEAD "sign_off:\n  report: {date: 2025-09-12, by: [council, police]}\n");
    sr_sign_off_read(w.a, &w.y, &s);
    assert_false(sr_sign_off_by_lead_partners(w.p, &s.report));
    assert_string_equal(sr_sign_off_words(w.a, w.p, &s, 2024),
                        "This report was signed off on 12 September 2025 by Fen City Council and "
                        "Fenshire Police.");
    tw_free(&w);
    /* All of them, and no one else. */
    load_world(&w, HEAD "sign_off:\n  report: {date: 2025-09-12, by: [icb, council, police]}\n");
    sr_sign_off_read(w.a, &w.y, &s);
    assert_true(sr_sign_off_by_lead_partners(w.p, &s.report));
    tw_free(&w);
}

/* The report is signed off once its year is over, and not after today. */
static void the_report_is_signed_off_after_the_year_and_not_after_today(void **state)
{
    (void)state;
    tworld w;
    setenv("SSCP_TODAY", "2025-08-01", 1);
    load_world(&w, HEAD "sign_off:\n  report: {date: 2024-01-01, by: [council, police, icb]}\n");
    assert_int_equal(w.d.errors, 1);
    assert_diag(&w, "business-unit.yaml:5:18: error: the report is signed off on 1 January 2024, "
                    "before the reporting year 2024-25 ended on 31 March 2025\n"
                    "     5 |   report: {date: 2024-01-01, by: [council, police, icb]}\n"
                    "       |                  ^^^^^^^^^^\n"
                    "  hint: the report on 2024-25 is signed off once the year is over: give the "
                    "day it was signed off, 1 April 2025 or later\n");
    tw_free(&w);
    load_world(&w, HEAD "sign_off:\n  report: {date: 2035-07-20, by: [council, police, icb]}\n");
    assert_int_equal(w.d.errors, 1);
    assert_diag(&w, "business-unit.yaml:5:18: error: the report is signed off on 20 July 2035, "
                    "which is after today (1 August 2025)\n"
                    "     5 |   report: {date: 2035-07-20, by: [council, police, icb]}\n"
                    "       |                  ^^^^^^^^^^\n"
                    "  hint: record the sign-off once it has happened, with the day it was "
                    "given\n");
    tw_free(&w);
    /* The first day after the year, and today itself, are fine; the
     * budget may be signed off before the year begins. */
    load_world(&w, HEAD "sign_off:\n  report: {date: 2025-04-01, by: [council, police, icb]}\n"
                        "  budget: {date: 2024-03-01, by: [council]}\n");
    assert_int_equal(w.d.errors + w.d.warnings, 0);
    tw_free(&w);
    load_world(&w, HEAD "sign_off:\n  report: {date: 2025-08-01, by: [council, police, icb]}\n");
    assert_int_equal(w.d.errors + w.d.warnings, 0);
    tw_free(&w);
    unsetenv("SSCP_TODAY");
}

/* The same both ways for the contributions an edition may ask for. */
static void contributions_are_asked_for_only_by_an_edition_that_needs_them(void **state)
{
    (void)state;
    tworld w;
    load_world(&w, HEAD "referrals: {total: 10}\n");
    sr_document doc = {0};
    assert_int_equal(sr_doc_contributions_check(&w.d, &doc, false, true), 0);
    assert_int_equal(w.d.errors + w.d.warnings, 0);
    assert_int_equal(sr_doc_contributions_check(&w.d, &doc, true, false), 1);
    assert_int_equal(w.d.warnings, 1);
    assert_int_equal(sr_doc_contributions_check(&w.d, &doc, true, true), 1);
    assert_int_equal(w.d.errors, 1);
    assert_diag(&w, "sscp-report: error: the report does not show each partner's contribution "
                    "to the shared budget\n");
    doc.shows_contributions = true;
    assert_int_equal(sr_doc_contributions_check(&w.d, &doc, true, true), 0);
    tw_free(&w);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(the_record_is_read_with_dates_outside_the_year),
        cmocka_unit_test(no_record_means_no_words),
        cmocka_unit_test(an_edition_without_sign_off_asks_nothing),
        cmocka_unit_test(a_missing_record_is_a_warning_in_a_draft_and_an_error_when_final),
        cmocka_unit_test(every_lead_partner_signs_the_report),
        cmocka_unit_test(signatories_are_partners_and_there_is_one_at_least),
        cmocka_unit_test(contributions_are_asked_for_only_by_an_edition_that_needs_them),
        cmocka_unit_test(no_lead_partners_named_stops_a_final_build),
        cmocka_unit_test(only_the_lead_partners_are_called_so),
        cmocka_unit_test(the_report_is_signed_off_after_the_year_and_not_after_today),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
