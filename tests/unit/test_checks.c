/* Unit tests for the checks across a year's files (src/data/checks.c and the
 * conflict reporting in loader.c). */
#include "testutil.h"

#define HEAD(p) "format: 1\npartner: " p "\nyear: 2019-20\n"

static void the_same_figure_from_two_files_names_both(void **state)
{
    (void)state;
    tworld w;
    tw_init(&w, 2019);
    tw_load(&w, "council.yaml",
            HEAD("council") "referrals:\n  total: 897\n  by_quarter: {q1: 897}\n", 2019);
    tw_load(&w, "police.yaml",
            HEAD("police") "referrals:\n  total: 897\n  by_quarter: {q1: 897}\n"
                           "performance:\n  children_in_need: {count: 2211}\n",
            2019);
    tw_check_year(&w);
    assert_int_equal(w.d.errors, 1); /* one message for the section, not one per figure */
    assert_diag(&w, "police.yaml:6:20: error: `referrals.by_quarter.q1` is also given in "
                    "council.yaml (and 1 more `referrals` figures are given in both files)\n");
    assert_diag(&w, "note: first given at council.yaml:6:20\n");
    assert_diag(&w, "hint: each figure must come from one file only:");
    tw_free(&w);
}

static const char income[] = "finance:\n  income:\n    - group: Partners\n      lines:\n"
                             "        - {partner: cafcass, amount: 550}\n"
                             "        - {partner: icb, amount: 32000}\n";

static void income_must_equal_expenditure_across_files(void **state)
{
    (void)state;
    tworld w;
    tw_init(&w, 2019);
    tw_load(&w, "in.yaml",
            HEAD("council") "finance:\n  income:\n    - group: Partners\n"
                            "      lines:\n        - {partner: cafcass, amount: 550}\n"
                            "        - {partner: icb, amount: 32000}\n",
            2019);
    tw_load(&w, "out.yaml",
            HEAD("council") "finance:\n  expenditure:\n    - group: Staffing\n"
                            "      lines:\n        - {label: Chair, amount: 32000}\n"
                            "  total_expenditure: 32000\n",
            2019);
    tw_check_year(&w);
    assert_int_equal(w.d.errors, 1);
    assert_diag(&w, "out.yaml:9:22: error: income (£32,550) and expenditure (£32,000) differ by "
                    "£550, and the difference is not declared\n");
    assert_diag(&w, "hint: if the difference went into reserves, say so with `to_reserves: 550` "
                    "under `finance`; otherwise check the lines\n");
    tw_free(&w);
}

static void a_declared_reserve_balances_the_books(void **state)
{
    (void)state;
    tworld w;
    tw_init(&w, 2019);
    char text[1024];
    snprintf(text, sizeof text,
             HEAD("council") "%s  expenditure:\n    - group: Staffing\n      lines:\n"
                             "        - {label: Chair, amount: 32000}\n  to_reserves: 550\n",
             income);
    tw_load(&w, "f.yaml", text, 2019);
    tw_check_year(&w);
    assert_int_equal(w.d.errors + w.d.warnings, 0);
    tw_free(&w);
    /* ...but a wrong reserve does not. */
    tw_init(&w, 2019);
    snprintf(text, sizeof text,
             HEAD("council") "%s  expenditure:\n    - group: Staffing\n      lines:\n"
                             "        - {label: Chair, amount: 32000}\n  to_reserves: 500\n",
             income);
    tw_load(&w, "f.yaml", text, 2019);
    tw_check_year(&w);
    assert_diag(&w, "f.yaml:14:16: error: the reserves declared (£500 into reserves) do not "
                    "match income (£32,550) less expenditure (£32,000): a surplus of £550\n");
    tw_free(&w);
    /* Books that balance with a reserve declared anyway. */
    tw_init(&w, 2019);
    snprintf(text, sizeof text,
             HEAD("council") "%s  expenditure:\n    - group: Staffing\n      lines:\n"
                             "        - {label: Chair, amount: 32550}\n  from_reserves: 100\n",
             income);
    tw_load(&w, "f.yaml", text, 2019);
    tw_check_year(&w);
    assert_diag(&w, "f.yaml:14:18: error: the reserves declared (£100 from reserves) do not "
                    "match income (£32,550) less expenditure (£32,550): they are equal\n");
    tw_free(&w);
}

static void training_totals_by_course_and_agency_are_compared(void **state)
{
    (void)state;
    tworld w;
    tw_init(&w, 2019);
    tw_load(&w, "t.yaml",
            HEAD("council") "training:\n  courses:\n    - {title: A, attendees: 300}\n"
                            "    - {title: B, attendees: 271}\n  courses_total: 571\n"
                            "  by_agency:\n    - {partner: council, attendees: 500}\n"
                            "    - {agency: Schools, attendees: 68}\n  by_agency_total: 568\n",
            2019);
    tw_check_year(&w);
    assert_int_equal(w.d.errors, 0);
    assert_int_equal(w.d.warnings, 1);
    assert_diag(&w, "t.yaml:12:20: warning: training attendees counted by agency (568) and by "
                    "course (571) differ by 3\n");
    assert_diag(&w, "note: the courses are counted at t.yaml:8:18\n");
    assert_diag(&w, "hint: both count the same people; find the 3 attendees missing from one "
                    "list, or explain the difference in the report\n");
    tw_free(&w);
}

/* Figures of up to a trillion pounds each, in files of tens of thousands of
 * lines, can add up to more than 64 bits hold. That must be an error, never
 * a wrapped sum that lets a wrong total pass. */
static void sums_past_64_bits_are_errors_not_wrapped(void **state)
{
    (void)state;
    tworld w;
    tw_init(&w, 2019);
    sr_buf b = SR_BUF_INIT;
    for (int f = 0; f < 3; f++) {
        char name[16];
        snprintf(name, sizeof name, "f%d.yaml", f);
        sr_buf_clear(&b);
        sr_buf_puts(&b, HEAD("council") "finance:\n");
        if (f == 0)
            sr_buf_puts(&b, "  total_expenditure: 5\n"
                            "  income:\n    - group: Partners\n      lines:\n"
                            "        - {partner: cafcass, amount: 10}\n");
        sr_buf_printf(&b, "  expenditure:\n    - group: G%d\n      lines:\n", f);
        for (int i = 0; i < 31000; i++)
            sr_buf_printf(&b, "        - {label: x%d, amount: 1000000000000}\n", i);
        tw_load(&w, name, sr_buf_str(&b), 2019);
    }
    sr_buf_free(&b);
    tw_check_year(&w);
    assert_diag(&w, "f0.yaml:5:22: error: `total_expenditure` is £5, but the amounts of all the "
                    "expenditure lines add up to more than £92,233,720,368,547,758.07\n");
    assert_diag(&w, "note: some of them are given in another file, for example at f1.yaml:");
    assert_diag(&w, "f0.yaml:13:31: error: the expenditure lines add up to more than "
                    "£92,233,720,368,547,758.07, too much to be real\n");
    assert_int_equal(w.d.errors, 2); /* and no comparison of income with a wrapped sum */
    tw_free(&w);
}

static void a_member_is_recorded_once_per_meeting(void **state)
{
    (void)state;
    tworld w;
    tw_init(&w, 2019);
    tw_load(&w, "a.yaml",
            HEAD("council") "attendance:\n  meetings:\n    - body: Executive\n"
                            "      date: 2019-06-18\n      attended: [council, police]\n"
                            "      apologies: [police]\n",
            2019);
    tw_check_year(&w);
    assert_int_equal(w.d.errors, 1);
    assert_diag(&w, "a.yaml:9:19: error: `police` is recorded as attending and as sending "
                    "apologies at the same meeting\n");
    assert_diag(&w, "note: recorded as attended at a.yaml:8:27\n");
    tw_free(&w);
}

static const char meetings[] = "attendance:\n  meetings:\n"
                               "    - {body: Executive, date: 2019-06-18, attended: [police]}\n"
                               "    - {body: Executive, date: 2019-09-17, apologies: [police]}\n"
                               "    - {body: Executive, date: 2019-12-10, attended: [council]}\n";

static void attendance_counts_cannot_exceed_meetings(void **state)
{
    (void)state;
    tworld w;
    tw_init(&w, 2019);
    tw_load(&w, "m.yaml",
            HEAD("council") "attendance:\n  meetings:\n"
                            "    - {body: Executive, date: 2019-06-18}\n"
                            "    - {body: Executive, date: 2019-09-17}\n",
            2019);
    tw_load(&w, "p.yaml",
            HEAD("police") "attendance:\n  members:\n"
                           "    - {partner: police, body: executive, attended: 2, "
                           "apologies: 1}\n",
            2019);
    tw_check_year(&w);
    assert_int_equal(w.d.errors, 1);
    assert_diag(&w, "p.yaml:6:52: error: `police` is counted at 3 meetings of Executive (2 "
                    "attended, 1 apologies, 0 absent), but only 2 were held\n");
    tw_free(&w);
}

static void attendance_counts_must_agree_with_meeting_records(void **state)
{
    (void)state;
    tworld w;
    tw_init(&w, 2019);
    char text[1024];
    snprintf(text, sizeof text, HEAD("council") "%s", meetings);
    tw_load(&w, "m.yaml", text, 2019);
    tw_load(&w, "p.yaml",
            HEAD("police") "attendance:\n  members:\n"
                           "    - {partner: police, body: Executive, attended: 2}\n",
            2019);
    tw_check_year(&w);
    assert_int_equal(w.d.errors, 1);
    assert_diag(&w, "p.yaml:6:52: error: `police` is counted as attending 2 meetings of "
                    "Executive, but the meeting records show 1\n");
    tw_free(&w);
    /* Agreeing figures pass. */
    tw_init(&w, 2019);
    tw_load(&w, "m.yaml", text, 2019);
    tw_load(&w, "p.yaml",
            HEAD("police") "attendance:\n  members:\n"
                           "    - {partner: police, body: Executive, attended: 1, "
                           "apologies: 1}\n",
            2019);
    tw_check_year(&w);
    assert_int_equal(w.d.errors + w.d.warnings, 0);
    tw_free(&w);
}

static void attendance_for_an_unlisted_body_is_a_warning(void **state)
{
    (void)state;
    tworld w;
    tw_init(&w, 2019);
    tw_load(&w, "p.yaml",
            HEAD("police") "attendance:\n  members:\n"
                           "    - {partner: police, body: Subgroup, attended: 2}\n",
            2019);
    tw_check_year(&w);
    assert_int_equal(w.d.errors, 0);
    assert_diag(&w, "p.yaml:6:31: warning: no meetings of `Subgroup` are listed for this year, "
                    "so this attendance cannot be checked\n");
    tw_free(&w);
}

static void measures_part_of_must_exist_and_fit(void **state)
{
    (void)state;
    tworld w;
    tw_init(&w, 2019);
    tw_load(&w, "m.yaml",
            HEAD("council") "performance:\n  measures:\n"
                            "    - {id: closed, label: Children closed, count: 18}\n"
                            "    - {id: trusted, label: Trusted relationship, count: 19, "
                            "part_of: closed}\n"
                            "    - {id: goal, label: Goal, count: 3, part_of: clsoed}\n",
            2019);
    tw_check_year(&w);
    assert_int_equal(w.d.errors, 2);
    assert_diag(&w, "m.yaml:7:57: error: `trusted` (19) is more than `closed` (18), which it is "
                    "part of\n");
    assert_diag(&w, "m.yaml:8:50: error: no measure has the id `clsoed`\n");
    tw_free(&w);
}

static void totals_are_checked_across_files(void **state)
{
    (void)state;
    tworld w;
    tw_init(&w, 2019);
    tw_load(&w, "quarters.yaml",
            HEAD("council") "referrals:\n  by_quarter: {q1: 1000, q2: 1000, q3: 1000, q4: 1096}\n",
            2019);
    tw_load(&w, "total.yaml", HEAD("police") "referrals:\n  total: 4100\n", 2019);
    tw_check_year(&w);
    assert_int_equal(w.d.errors, 1);
    assert_diag(&w, "total.yaml:5:10: error: `total` is 4,100, but the quarters under `by_quarter` "
                    "add up to 4,096\n");
    assert_diag(&w, "note: some of them are given in another file, for example at "
                    "quarters.yaml:5:20\n");
    tw_free(&w);
}

static void lines_from_two_files_make_one_group(void **state)
{
    (void)state;
    /* Two files each add lines to the same income group; the subtotal
     * stated in one covers both, and that is right. */
    tworld w;
    tw_init(&w, 2019);
    tw_load(&w, "a.yaml",
            HEAD("council") "finance:\n  income:\n    - group: Partners\n      subtotal: 650\n"
                            "      lines: [{partner: cafcass, amount: 550}]\n",
            2019);
    tw_load(&w, "b.yaml",
            HEAD("police") "finance:\n  income:\n    - group: Partners\n"
                           "      lines: [{partner: police, amount: 100}]\n",
            2019);
    tw_check_year(&w);
    assert_int_equal(w.d.errors, 0);
    tw_free(&w);
}

static void part_of_whole_is_checked_across_files(void **state)
{
    (void)state;
    tworld w;
    tw_init(&w, 2019);
    tw_load(&w, "a.yaml", HEAD("council") "performance:\n  section_47: {enquiries: 420}\n", 2019);
    tw_load(&w, "b.yaml", HEAD("police") "performance:\n  section_47: {leading_to_icpc: 450}\n",
            2019);
    tw_check_year(&w);
    assert_int_equal(w.d.errors, 1);
    assert_diag(&w, "b.yaml:5:33: error: `leading_to_icpc` (450) is more than `enquiries` (420)\n");
    assert_diag(&w, "note: `enquiries` is given at a.yaml:5:27\n");
    tw_free(&w);
}

static void a_period_ends_after_it_starts(void **state)
{
    (void)state;
    tworld w;
    tw_init(&w, 2019);
    tw_load(&w, "a.yaml",
            HEAD("council") "performance:\n  contacts:\n    period: {from: 2020-03-01, to: "
                            "2019-07-01}\n",
            2019);
    tw_check_year(&w);
    assert_diag(&w, "a.yaml:6:20: error: `from` (1 March 2020) is after `to` (1 July 2019)\n");
    tw_free(&w);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(the_same_figure_from_two_files_names_both),
        cmocka_unit_test(income_must_equal_expenditure_across_files),
        cmocka_unit_test(a_declared_reserve_balances_the_books),
        cmocka_unit_test(training_totals_by_course_and_agency_are_compared),
        cmocka_unit_test(sums_past_64_bits_are_errors_not_wrapped),
        cmocka_unit_test(a_member_is_recorded_once_per_meeting),
        cmocka_unit_test(attendance_counts_cannot_exceed_meetings),
        cmocka_unit_test(attendance_counts_must_agree_with_meeting_records),
        cmocka_unit_test(attendance_for_an_unlisted_body_is_a_warning),
        cmocka_unit_test(measures_part_of_must_exist_and_fit),
        cmocka_unit_test(totals_are_checked_across_files),
        cmocka_unit_test(lines_from_two_files_make_one_group),
        cmocka_unit_test(part_of_whole_is_checked_across_files),
        cmocka_unit_test(a_period_ends_after_it_starts),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
