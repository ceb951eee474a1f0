/* Unit tests for src/data/schema.c and the format in schema_defs.c: one
 * test per rule, asserting the exact message a data lead would see and the
 * figures recorded. */
#include "testutil.h"

#include "data/figures.h"
#include "data/schema.h"

#define HEAD "format: 1\npartner: police\nyear: 2019-20\n"

/* Loads HEAD + body as police.yaml in the 2019-20 folder. */
static tworld *load(const char *body)
{
    static tworld w;
    static char text[8192];
    tw_init(&w, 2019);
    snprintf(text, sizeof text, HEAD "%s", body);
    tw_load(&w, "police.yaml", text, 2019);
    tw_check_year(&w); /* totals and part-of-whole rules are checked over the year */
    return &w;
}

static const sr_figure *fig(tworld *w, const char *path)
{
    return sr_figures_get(&w->y.figs, path);
}

static void a_valid_file_records_its_figures_by_path(void **state)
{
    (void)state;
    tworld *w =
        load("referrals:\n  by_quarter: {q1: 897, q2: 848, q3: 802, q4: 696}\n"
             "  total: 3243\n  repeat_within_12_months: 21.4%\n"
             "finance:\n  income:\n    - group: Partner contributions\n"
             "      lines:\n        - {partner: cafcass, amount: 550}\n"
             "        - {partner: council, label: Reserves for reviews, amount: 15477.25}\n");
    assert_int_equal(w->d.errors + w->d.warnings, 0);
    const sr_figure *f = fig(w, "referrals.by_quarter.q1");
    assert_non_null(f);
    assert_int_equal(f->v.kind, SR_V_COUNT);
    assert_int_equal(f->v.i, 897);
    assert_int_equal(f->loc.line, 5);
    assert_string_equal(f->submitter, "police");
    assert_int_equal(fig(w, "referrals.repeat_within_12_months")->v.i, 2140);
    f = fig(w, "finance.income[partner-contributions].lines[council/reserves-for-reviews].amount");
    assert_non_null(f);
    assert_int_equal(f->v.kind, SR_V_MONEY);
    assert_int_equal(f->v.i, 1547725);
    assert_null(fig(w, "format")); /* the header is not a figure */
    tw_free(w);
}

static void counts_explain_commas_signs_and_decimals(void **state)
{
    (void)state;
    tworld *w = load("referrals:\n  by_quarter:\n    q1: 1,014\n    q2: -5\n    q3: 12.5\n"
                     "    q4: lots\n");
    assert_int_equal(w->d.errors, 4);
    assert_diag(w, "police.yaml:6:9: error: expected a whole number for `q1`, got `1,014`\n"
                   "     6 |     q1: 1,014\n"
                   "       |         ^^^^^\n"
                   "  hint: write 1014, without commas or spaces\n");
    assert_diag(w, "police.yaml:7:9: error: `q2` cannot be negative (got `-5`)\n");
    assert_diag(w, "police.yaml:8:9: error: expected a whole number for `q3`, got `12.5`\n");
    assert_diag(w, "hint: counts are whole numbers, with no decimal point\n");
    assert_diag(w, "police.yaml:9:9: error: expected a whole number for `q4`, got `lots`\n");
    tw_free(w);
}

static void overflowing_numbers_are_refused(void **state)
{
    (void)state;
    tworld *w = load("referrals:\n  total: 99999999999999999999999\n");
    assert_diag(w, "police.yaml:5:10: error: `99999999999999999999999` is too large to be a "
                   "real figure\n");
    assert_diag(w, "hint: the largest figure accepted is 1,000,000,000,000;");
    tw_free(w);
}

static void not_available_is_not_zero(void **state)
{
    (void)state;
    tworld *w = load("referrals:\n  by_quarter: {q1: not available, q2: \"[x]\", q3: 0, q4: 1}\n");
    assert_int_equal(w->d.errors, 0);
    assert_int_equal(fig(w, "referrals.by_quarter.q1")->v.avail, SR_NOT_AVAILABLE);
    assert_int_equal(fig(w, "referrals.by_quarter.q2")->v.avail, SR_NOT_AVAILABLE);
    assert_int_equal(fig(w, "referrals.by_quarter.q3")->v.avail, SR_AVAILABLE);
    assert_int_equal(fig(w, "referrals.by_quarter.q3")->v.i, 0);
    tw_free(w);
    /* Without quotes, YAML reads [x] as a list; it still means "not available". */
    w = load("referrals:\n  by_quarter: {q1: [x], q2: [z], q3: 1, q4: 2}\n");
    assert_int_equal(w->d.errors, 0);
    assert_int_equal(fig(w, "referrals.by_quarter.q1")->v.avail, SR_NOT_AVAILABLE);
    assert_int_equal(fig(w, "referrals.by_quarter.q2")->v.avail, SR_NOT_APPLICABLE);
    tw_free(w);
}

static void suppressed_input_is_refused(void **state)
{
    (void)state;
    tworld *w = load("referrals:\n  total: \"[c]\"\n");
    assert_diag(w, "police.yaml:5:10: error: `total` is marked `[c]` (suppressed)\n");
    assert_diag(w, "hint: give the real figure:");
    tw_free(w);
}

static void empty_values_ask_for_the_figure(void **state)
{
    (void)state;
    /* A required value left blank in an entry with a figure is an error... */
    tworld *w = load("training:\n  evaluations:\n    - title: All\n      ratings:\n"
                     "        - {label: Good, score: 4, count: }\n");
    assert_int_equal(w->d.errors, 1);
    assert_diag(w, "police.yaml:8:42: error: no value given for `count`\n");
    assert_diag(w, "hint: write the figure, or `not available` if you do not have it");
    tw_free(w);
    /* ...an entry with no figure at all, as a request gives it, is left
     * out with a warning... */
    w = load("training:\n  courses:\n    - title: Basic awareness\n      attendees:\n");
    assert_int_equal(w->d.errors, 0);
    assert_diag(w, "police.yaml:6:7: warning: `Basic awareness` in `courses` has no figures, so "
                   "it is left out\n");
    assert_diag(w, "hint: fill in its figures, or delete the entry if there are none to send");
    tw_free(w);
    /* ...an optional one is a warning, and is not recorded as a figure. */
    w = load("referrals:\n  total:\n  by_quarter: {q1: 5, q2: 5, q3: 5, q4: 5}\n");
    assert_int_equal(w->d.errors, 0);
    assert_diag(w, "police.yaml:5:3: warning: `total` is left blank, so it is treated as not "
                   "given\n");
    assert_null(fig(w, "referrals.total"));
    tw_free(w);
}

static void money_explains_pounds_sign_and_pence(void **state)
{
    (void)state;
    tworld *w = load("finance:\n  income:\n    - group: G\n      lines:\n"
                     "        - {partner: cafcass, amount: \"£13,800\"}\n"
                     "        - {partner: council, amount: 12.345}\n");
    assert_diag(w, "police.yaml:8:38: error: expected an amount in pounds for `amount`, got "
                   "`£13,800`\n");
    assert_diag(w, "hint: write 13800, without the £ sign or commas\n");
    assert_diag(w, "police.yaml:9:38: error: expected an amount in pounds for `amount`, got "
                   "`12.345`\n");
    assert_diag(w, "hint: amounts have at most two decimal places (pence)\n");
    tw_free(w);
}

static void percentages_need_their_unit_and_a_range(void **state)
{
    (void)state;
    tworld *w = load("referrals:\n  repeat_within_12_months: 21.4\n  to_assessment: 188.6%\n"
                     "performance:\n  children_in_need: {with_disability: 13.755%}\n");
    assert_diag(w, "police.yaml:5:28: error: `repeat_within_12_months` is a percentage, but "
                   "`21.4` has no `%` sign\n");
    assert_diag(w, "hint: percentages carry their unit: write 21.4%\n");
    assert_diag(w, "police.yaml:6:18: error: `188.6%` is not between 0% and 100%\n");
    assert_diag(w, "error: `13.755%` has more than two decimal places\n");
    tw_free(w);
}

static void dates_must_be_real_and_inside_the_year(void **state)
{
    (void)state;
    tworld *w = load("attendance:\n  meetings:\n"
                     "    - {body: Executive, date: 2019-02-30}\n"
                     "    - {body: Executive, date: 2020-04-01}\n"
                     "    - {body: Executive, date: 18/06/2019}\n"
                     "    - {body: Executive, date: 2020-03-31}\n");
    assert_int_equal(w->d.errors, 3);
    assert_diag(w, "police.yaml:6:31: error: `2019-02-30` is not a real date: February 2019 has 28 "
                   "days\n");
    assert_diag(w, "police.yaml:7:31: error: 1 April 2020 is outside the reporting year "
                   "2019-20\n");
    assert_diag(w, "hint: 2019-20 runs from 1 April 2019 to 31 March 2020;");
    assert_diag(w, "police.yaml:8:31: error: expected a date for `date`, got `18/06/2019`\n");
    assert_diag(w, "hint: write dates as YYYY-MM-DD: 2019-06-18\n");
    tw_free(w);
}

static void leap_days(void **state)
{
    (void)state;
    assert_true(sr_date_valid(2020, 2, 29));
    assert_false(sr_date_valid(2019, 2, 29));
    assert_false(sr_date_valid(2100, 2, 29));
    assert_true(sr_date_valid(2000, 2, 29));
    assert_false(sr_date_valid(2019, 4, 31));
    assert_false(sr_date_valid(2019, 13, 1));
}

static void years_are_written_one_way(void **state)
{
    (void)state;
    tworld w;
    tw_init(&w, 2019);
    tw_load(&w, "a.yaml", "format: 1\npartner: police\nyear: 2019/20\n", 0);
    tw_load(&w, "b.yaml", "format: 1\npartner: police\nyear: 2019-2020\n", 0);
    tw_load(&w, "c.yaml", "format: 1\npartner: police\nyear: 2019-21\n", 0);
    assert_diag(&w, "a.yaml:3:7: error: write the year `2019/20` as 2019-20\n");
    assert_diag(&w, "b.yaml:3:7: error: write the year `2019-2020` as 2019-20\n");
    assert_diag(&w, "c.yaml:3:7: error: `2019-21` is not a reporting year: the year after 2019 "
                    "is 20, not 21\n");
    tw_free(&w);
}

static void the_year_must_match_its_folder(void **state)
{
    (void)state;
    tworld w;
    tw_init(&w, 2019);
    tw_load(&w, "x.yaml", "format: 1\npartner: police\nyear: 2018-19\n", 2019);
    assert_diag(&w, "x.yaml:3:7: error: this file is for 2018-19 but it is in the folder for "
                    "2019-20\n");
    tw_free(&w);
}

static void header_keys_are_required(void **state)
{
    (void)state;
    tworld w;
    tw_init(&w, 2019);
    tw_load(&w, "h.yaml", "referrals: {total: 5}\n", 2019);
    assert_diag(&w, "h.yaml: error: a submission has no `format`\n"
                    "  hint: add `format: 1` as the first line\n");
    assert_diag(&w, "h.yaml: error: a submission has no `partner`\n");
    assert_diag(&w, "h.yaml: error: a submission has no `year`\n");
    assert_diag(&w, "hint: add `partner:` (who is sending this file: your partner id from "
                    "partnership.yaml)\n");
    tw_free(&w);
    tw_init(&w, 2019);
    tw_load(&w, "f.yaml", "format: 2\npartner: police\nyear: 2019-20\n", 2019);
    assert_diag(&w, "f.yaml:1:9: error: this file says it is in format `2`, which this version "
                    "of sscp-report does not read\n");
    tw_free(&w);
}

static void unknown_keys_are_errors_with_a_suggestion(void **state)
{
    (void)state;
    /* In a submission: the figures under them would be left out. */
    tworld *w = load("atendance:\n  meetings: []\nreferrals:\n  budget: 5\n");
    assert_int_equal(w->d.errors, 2);
    assert_int_equal(w->d.warnings, 0);
    assert_diag(w, "police.yaml:4:1: error: unknown key `atendance`; did you mean "
                   "`attendance`?\n");
    assert_diag(w, "hint: rename it to `attendance`; until then its figures cannot be read and "
                   "would be left out of the report\n");
    assert_diag(w, "police.yaml:7:3: error: unknown key `budget`: what it holds cannot be "
                   "read\n");
    assert_diag(w, "hint: the keys allowed in the referrals section are: by_quarter, total, "
                   "repeat_within_12_months, to_assessment, percentages_period, break\n");
    tw_free(w);
}

static void unknown_partner_ids_are_errors_with_suggestions(void **state)
{
    (void)state;
    tworld w;
    tw_init(&w, 2019);
    tw_load(&w, "p.yaml",
            "format: 1\npartner: polcie\nyear: 2019-20\n"
            "training:\n  by_agency:\n    - {partner: ../etc, attendees: 3}\n",
            2019);
    assert_diag(&w, "p.yaml:2:10: error: unknown partner id `polcie`\n");
    assert_diag(&w, "hint: did you mean `police`?\n");
    assert_diag(&w, "p.yaml:6:17: error: unknown partner id `../etc`\n");
    assert_diag(&w, "hint: partner ids are defined in partnership.yaml under `partners`\n");
    tw_free(&w);
}

static void stated_totals_must_add_up(void **state)
{
    (void)state;
    tworld *w = load("referrals:\n  by_quarter: {q1: 1014, q2: 924, q3: 846, q4: 869}\n"
                     "  total: 3654\n");
    assert_int_equal(w->d.errors, 1);
    assert_diag(w, "police.yaml:6:10: error: `total` is 3,654, but the quarters under "
                   "`by_quarter` add up to 3,653\n");
    tw_free(w);
}

static void totals_are_not_checked_against_a_part_that_is_wrong(void **state)
{
    (void)state;
    /* One bad quarter is one error, not two. (In a {...} list the comma of
     * 1,014 would end the value, so the quarters are on lines of their own.) */
    tworld *w = load("referrals:\n  by_quarter:\n    q1: 1,014\n    q2: 924\n    q3: 846\n"
                     "    q4: 869\n  total: 3653\n");
    assert_int_equal(w->d.errors, 1);
    tw_free(w);
    w = load("referrals:\n  by_quarter: {q1: not available, q2: 924}\n  total: 3653\n");
    assert_int_equal(w->d.errors, 0);
    tw_free(w);
}

static void finance_subtotals_and_totals(void **state)
{
    (void)state;
    tworld *w = load("finance:\n  income:\n    - group: Partners\n      subtotal: 4550\n"
                     "      lines:\n        - {partner: cafcass, amount: 550}\n"
                     "        - {partner: icb, amount: 4000}\n"
                     "  total_income: 4551\n");
    assert_int_equal(w->d.errors, 1);
    assert_diag(w, "police.yaml:11:17: error: `total_income` is £4,551, but the amounts of all "
                   "the income lines add up to £4,550\n");
    tw_free(w);
}

static void a_part_cannot_exceed_its_whole(void **state)
{
    (void)state;
    tworld *w = load("performance:\n  section_47: {enquiries: 727, leading_to_icpc: 800}\n");
    assert_diag(w, "police.yaml:5:49: error: `leading_to_icpc` (800) is more than `enquiries` "
                   "(727)\n");
    assert_diag(w, "note: `enquiries` is given at police.yaml:5:27\n");
    tw_free(w);
}

static void list_entries_are_given_once(void **state)
{
    (void)state;
    tworld *w = load("training:\n  courses:\n    - {title: Basic awareness, attendees: 127}\n"
                     "    - {title: Basic  Awareness, attendees: 12}\n  courses_total: 127\n");
    assert_int_equal(w->d.errors, 1);
    assert_diag(w, "police.yaml:7:7: error: `Basic  Awareness` appears twice in `courses`\n");
    assert_diag(w, "note: first given as `Basic awareness` at police.yaml:6:7\n");
    /* The second entry is not counted: the total of 127 holds. */
    assert_int_equal(fig(w, "training.courses[basic-awareness].attendees")->v.i, 127);
    tw_free(w);
}

static void structure_mistakes_say_what_was_expected(void **state)
{
    (void)state;
    tworld *w = load("training:\n  courses:\n    title: Basic awareness\n"
                     "referrals: 3243\n");
    assert_diag(w, "police.yaml:6:5: error: expected a list under `courses`, got a mapping "
                   "(key: value lines)\n");
    assert_diag(w, "police.yaml:7:12: error: expected `key: value` lines for the referrals "
                   "section, got `3243`\n");
    tw_free(w);
}

static void one_of_rules(void **state)
{
    (void)state;
    tworld *w = load("performance:\n  measures:\n"
                     "    - {id: a, label: A, count: 3, percent: 5%}\n"
                     "    - {id: b, label: B}\n");
    assert_diag(w, "police.yaml:6:35: error: a measure (`a`) gives both `count` and `percent`\n");
    assert_diag(w, "police.yaml:7:7: error: a measure (`b`) needs `count` or `percent`\n");
    tw_free(w);
}

static void bad_ids_are_refused(void **state)
{
    (void)state;
    tworld *w = load("performance:\n  measures:\n    - {id: ../x, label: A, count: 3}\n"
                     "    - {id: Big Id, label: B, count: 3}\n");
    assert_diag(w, "police.yaml:6:12: error: `../x` cannot be used as an id\n");
    assert_diag(w, "police.yaml:7:12: error: `Big Id` cannot be used as an id\n");
    tw_free(w);
}

static void partnership_names_change_by_year(void **state)
{
    (void)state;
    tworld w;
    tw_init(&w, 2019);
    const sr_partner *icb = sr_partnership_find(w.p, "icb");
    assert_non_null(icb);
    assert_string_equal(sr_partner_name_in(icb, 2019), "Test CCG");
    assert_string_equal(sr_partner_name_in(icb, 2021), "Test CCG");
    assert_string_equal(sr_partner_name_in(icb, 2022), "Test ICB");
    assert_string_equal(sr_partner_name_in(icb, 2030), "Test ICB");
    assert_string_equal(sr_partner_name_in(sr_partnership_find(w.p, "police"), 2019),
                        "Test Police");
    assert_int_equal(sr_partnership_population(w.p, 2019), 60000);
    assert_int_equal(sr_partnership_population(w.p, 2018), -1);
    assert_false(w.p->disclosure_control);
    assert_int_equal(w.p->suppression_threshold, 5);
    tw_free(&w);
}

/* The old CCG is not labelled with the ICB's abbreviation in the years
 * before it became the ICB. */
static void short_names_change_by_year(void **state)
{
    (void)state;
    tworld w;
    tw_init(&w, 2019);
    sr_partnership *p = sr_partnership_load_source(
        w.a, &w.d,
        tw_source(&w, "p.yaml",
                  "format: 1\npartnership: {name: F, short_name: FSCP, area: F}\npartners:\n"
                  "  - id: icb\n    names: {2019-20: NHS Fen CCG, 2022-23: NHS Fen ICB}\n"
                  "    short_names: {2022-23: Fen ICB, 2024-25: Fen and Wolds ICB}\n"
                  "  - {id: police, name: Fen Police, short_name: FP}\n"
                  "  - {id: council, name: Fen Council}\n"));
    assert_non_null(p);
    assert_int_equal(w.d.errors + w.d.warnings, 0);
    const sr_partner *icb = sr_partnership_find(p, "icb");
    assert_string_equal(sr_partner_short_in(icb, 2019), "NHS Fen CCG"); /* no short name yet */
    assert_string_equal(sr_partner_short_in(icb, 2022), "Fen ICB");
    assert_string_equal(sr_partner_short_in(icb, 2023), "Fen ICB");
    assert_string_equal(sr_partner_short_in(icb, 2024), "Fen and Wolds ICB");
    assert_string_equal(sr_partner_short_in(sr_partnership_find(p, "police"), 2019), "FP");
    assert_string_equal(sr_partner_short_in(sr_partnership_find(p, "council"), 2019),
                        "Fen Council");
    tw_free(&w);
}

static void lead_partners_are_read_and_checked(void **state)
{
    (void)state;
    tworld w;
    tw_init(&w, 2024);
    static const char head[] =
        "format: 1\npartnership: {name: F, short_name: FSCP, area: F}\npartners:\n"
        "  - {id: council, name: Fen Council}\n  - {id: police, name: Fen Police}\n";
    char text[1024];
    snprintf(text, sizeof text,
             "%slead_partners:\n"
             "  - {partner: council, lead: Chief Executive, lead_name: A. Person,\n"
             "     delegate: Director of Children's Services}\n"
             "  - {partner: police, lead: Chief Constable, delegate: Head of Public Protection,\n"
             "     delegate_name: B. Person}\n",
             head);
    sr_partnership *p = sr_partnership_load_source(w.a, &w.d, tw_source(&w, "p.yaml", text));
    assert_non_null(p);
    assert_int_equal(p->nlead_partners, 2);
    assert_string_equal(p->lead_partners[0].partner, "council");
    assert_string_equal(p->lead_partners[0].lead, "Chief Executive");
    assert_string_equal(p->lead_partners[0].lead_name, "A. Person");
    assert_string_equal(p->lead_partners[0].delegate, "Director of Children's Services");
    assert_null(p->lead_partners[0].delegate_name);
    assert_string_equal(sr_partnership_lead(p, "police")->delegate_name, "B. Person");
    assert_null(sr_partnership_lead(p, "icb"));
    assert_int_equal(p->lead_partners_loc.line, 6);
    /* Without the list: none, and nothing said. */
    assert_int_equal(w.p->nlead_partners, 0);

    snprintf(text, sizeof text,
             "%slead_partners:\n  - {partner: counsil, lead: Chief Executive, delegate: DCS}\n",
             head);
    assert_null(sr_partnership_load_source(w.a, &w.d, tw_source(&w, "q.yaml", text)));
    assert_diag(&w, "q.yaml:7:15: error: `counsil` is not one of the partners listed\n"
                    "     7 |   - {partner: counsil, lead: Chief Executive, delegate: DCS}\n"
                    "       |               ^^^^^^^\n"
                    "  hint: did you mean `council`?\n");
    tw_free(&w);
}

static void partnership_errors_give_no_model(void **state)
{
    (void)state;
    tworld w;
    tw_init(&w, 2019);
    sr_partnership *p = sr_partnership_load_source(
        w.a, &w.d,
        tw_source(&w, "bad.yaml",
                  "format: 1\npartnership: {short_name: X, area: Y}\npartners:\n"
                  "  - {id: a, name: A, names: {2019-20: A2}}\n  - {id: a, name: Again}\n"));
    assert_null(p);
    assert_diag(&w, "bad.yaml:2:14: error: the partnership has no `name`\n");
    assert_diag(&w, "bad.yaml:4:22: error: a partner (`a`) gives both `name` and `names`\n");
    assert_diag(&w, "bad.yaml:5:5: error: `a` appears twice in `partners`\n");
    tw_free(&w);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(a_valid_file_records_its_figures_by_path),
        cmocka_unit_test(counts_explain_commas_signs_and_decimals),
        cmocka_unit_test(overflowing_numbers_are_refused),
        cmocka_unit_test(not_available_is_not_zero),
        cmocka_unit_test(suppressed_input_is_refused),
        cmocka_unit_test(empty_values_ask_for_the_figure),
        cmocka_unit_test(money_explains_pounds_sign_and_pence),
        cmocka_unit_test(percentages_need_their_unit_and_a_range),
        cmocka_unit_test(dates_must_be_real_and_inside_the_year),
        cmocka_unit_test(leap_days),
        cmocka_unit_test(years_are_written_one_way),
        cmocka_unit_test(the_year_must_match_its_folder),
        cmocka_unit_test(header_keys_are_required),
        cmocka_unit_test(unknown_keys_are_errors_with_a_suggestion),
        cmocka_unit_test(unknown_partner_ids_are_errors_with_suggestions),
        cmocka_unit_test(stated_totals_must_add_up),
        cmocka_unit_test(totals_are_not_checked_against_a_part_that_is_wrong),
        cmocka_unit_test(finance_subtotals_and_totals),
        cmocka_unit_test(a_part_cannot_exceed_its_whole),
        cmocka_unit_test(list_entries_are_given_once),
        cmocka_unit_test(structure_mistakes_say_what_was_expected),
        cmocka_unit_test(one_of_rules),
        cmocka_unit_test(bad_ids_are_refused),
        cmocka_unit_test(partnership_names_change_by_year),
        cmocka_unit_test(partnership_errors_give_no_model),
        cmocka_unit_test(short_names_change_by_year),
        cmocka_unit_test(lead_partners_are_read_and_checked),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
