/* Unit tests for src/metrics: rounding, comparisons in words, breaks and
 * baselines, disclosure control, and the published 2019-20 figures computed
 * from the bundled sample data (not typed in). */
#include "testutil.h"

#include "data/dataset.h"
#include "doc/build.h"
#include "metrics/catalogue.h"
#include "metrics/metrics.h"
#include "metrics/suppress.h"

/* ---- rounding ---------------------------------------------------------------- */

static void rounding_is_half_away_from_zero(void **state)
{
    (void)state;
    assert_int_equal(sr_round_frac(625, 100, 1), 63);   /* 6.25 -> 6.3 */
    assert_int_equal(sr_round_frac(-625, 100, 1), -63); /* -6.25 -> -6.3 */
    assert_int_equal(sr_round_frac(635, 100, 1), 64);   /* 6.35 -> 6.4 (not banker's 6.4/6.3) */
    assert_int_equal(sr_round_frac(5, 2, 0), 3);        /* 2.5 -> 3 */
    assert_int_equal(sr_round_frac(-5, 2, 0), -3);
    assert_int_equal(sr_round_frac(38100, 727, 1), 524); /* 52.407 -> 52.4 */
    assert_int_equal(sr_round_frac(1, 20, 1), 1);        /* 0.05 -> 0.1 */
    assert_int_equal(sr_round_frac(-1, 25, 1), 0);       /* -0.04 -> 0.0 */
    assert_int_equal(sr_round_frac(7, -2, 0), -4);       /* negative denominator */
}

/* ---- comparisons -------------------------------------------------------------- */

static const char *words(const sr_metrics *m, const char *id, size_t row)
{
    static char buf[256];
    const sr_metric *mt = sr_metrics_find(m, id);
    if (!mt)
        fail_msg("no metric %s", id);
    sr_cmp c = sr_metric_compare(m, mt, &mt->rows[row], 0);
    sr_cmp_words(&c, mt->def->unit, buf, sizeof buf);
    return buf;
}

static const char *shown(const sr_metrics *m, const char *id, size_t row, size_t year)
{
    static char buf[64];
    const sr_metric *mt = sr_metrics_find(m, id);
    if (!mt)
        fail_msg("no metric %s", id);
    if (row >= mt->nrows)
        fail_msg("metric %s has %zu rows", id, mt->nrows);
    sr_mval_format(&mt->rows[row].cells[year].v, mt->def->unit, buf, sizeof buf);
    return buf;
}

static const char *pct(const sr_metrics *m, const char *id)
{
    static char buf[64];
    const sr_metric *mt = sr_metrics_find(m, id);
    sr_cmp c = sr_metric_compare(m, mt, &mt->rows[0], 0);
    sr_cmp_percent(&c, buf, sizeof buf);
    return buf;
}

static const char catalogue_text[] =
    "format: 1\n"
    "metrics:\n"
    "  - {id: cases, label: Cases, unit: count, value: referrals.total}\n"
    "  - {id: cases-rate, label: Cases per 10000, unit: rate, rate: [referrals.total]}\n"
    "  - {id: share, label: Share, unit: percentage,\n"
    "     share: {part: performance.section_47.leading_to_icpc, of: "
    "performance.section_47.enquiries}}\n"
    "  - {id: started, label: Plans, unit: count,\n"
    "     sum: [\"performance.child_protection.plans_started_by_category.*\"],\n"
    "     total: performance.child_protection.plans_started}\n"
    "  - {id: by-category, label: Plans by category, unit: count,\n"
    "     each: \"performance.child_protection.plans_started_by_category.*\"}\n"
    "  - {id: contacts, label: Contacts, unit: count, sum: "
    "[\"performance.contacts.outcomes[*].count\"],\n"
    "     break: performance.contacts.break, period: performance.contacts.period}\n"
    "  - {id: maar, label: MAAR, unit: count, value: \"performance.measures[maar].count\",\n"
    "     baseline: \"performance.measures[maar].baseline\", break: performance.early_help.break}\n"
    "  - {id: repeat, label: Repeat referrals, unit: percentage,\n"
    "     value: referrals.repeat_within_12_months, period: referrals.percentages_period}\n"
    "  - {id: money, label: Income, unit: money, sum: [\"finance.income[*].lines[*].amount\"]}\n"
    "  - {id: bal, label: Balance, unit: money, difference:\n"
    "     [\"finance.income[*].lines[*].amount\", \"finance.expenditure[*].lines[*].amount\"]}\n"
    "  - {id: by-line, label: Income by line, unit: money, each: \"finance.income[*].lines[*]\",\n"
    "     row_label: label, sum: [amount]}\n"
    "  - {id: by-partner, label: Contributions, unit: money, each: "
    "\"finance.income[*].lines[*]\",\n"
    "     group_by: [partner, source], sum: [amount]}\n"
    "tables:\n"
    "  - {id: plans, total: started, parts: [by-category]}\n";

typedef struct {
    tworld w;
    sr_catalogue *cat;
    sr_year prev;
    sr_metrics *m;
} mworld;

/* This year's and last year's submissions, computed with the catalogue above. */
static void mw_compute(mworld *mw, const char *now, const char *before, bool disclosure)
{
    tw_init(&mw->w, 2019);
    mw->cat = sr_catalogue_load_source(mw->w.a, &mw->w.d,
                                       tw_source(&mw->w, "metrics.yaml", catalogue_text));
    assert_non_null(mw->cat);
    tw_load(&mw->w, "now.yaml", now, 2019);
    sr_year_init(&mw->prev, 2018);
    if (before) {
        sr_loader l = {mw->w.a, &mw->w.d, mw->w.p, NULL};
        sr_load_submission_source(&l, &mw->prev, tw_source(&mw->w, "before.yaml", before), 2018);
    }
    if (mw->w.d.errors)
        fail_msg("%s", tw_text(&mw->w));
    sr_year *years[2] = {&mw->w.y, before ? &mw->prev : NULL};
    mw->m = sr_metrics_compute(mw->w.a, mw->cat, mw->w.p, 2019, years, 2);
    if (disclosure)
        sr_suppress(mw->m, mw->cat, 5);
}

static void mw_free(mworld *mw)
{
    sr_year_free(&mw->prev);
    tw_free(&mw->w);
}

#define NOW    "format: 1\npartner: council\nyear: 2019-20\n"
#define BEFORE "format: 1\npartner: council\nyear: 2018-19\n"

static void changes_in_words(void **state)
{
    (void)state;
    mworld mw;
    mw_compute(&mw, NOW "referrals: {total: 3243}\n", BEFORE "referrals: {total: 3653}\n", false);
    assert_string_equal(shown(mw.m, "cases", 0, 0), "3,243");
    assert_string_equal(words(mw.m, "cases", 0), "down 11.2% from 3,653");
    assert_string_equal(pct(mw.m, "cases"), "-11.2%");
    /* A rate per 10,000 children aged 0-17 (the test partnership has 60,000). */
    assert_string_equal(shown(mw.m, "cases-rate", 0, 0), "540.5");
    mw_free(&mw);

    mw_compute(&mw, NOW "referrals: {total: 212}\n", BEFORE "referrals: {total: 212}\n", false);
    assert_string_equal(words(mw.m, "cases", 0), "no change from 212");
    assert_string_equal(pct(mw.m, "cases"), "0.0%");
    mw_free(&mw);
}

static void change_from_zero_has_no_percentage(void **state)
{
    (void)state;
    mworld mw;
    mw_compute(&mw, NOW "referrals: {total: 5}\n", BEFORE "referrals: {total: 0}\n", false);
    assert_string_equal(words(mw.m, "cases", 0), "up 5 from 0");
    assert_string_equal(pct(mw.m, "cases"), "[z]");
    mw_free(&mw);
}

static void not_available_is_never_zero(void **state)
{
    (void)state;
    mworld mw;
    mw_compute(&mw, NOW "referrals: {total: 40}\n", BEFORE "referrals: {total: not available}\n",
               false);
    assert_string_equal(shown(mw.m, "cases", 0, 1), "[x]");
    assert_string_equal(words(mw.m, "cases", 0), "no figure for 2018-19 to compare with");
    assert_string_equal(pct(mw.m, "cases"), "[x]");
    mw_free(&mw);
    /* No year before at all. */
    mw_compute(&mw, NOW "referrals: {total: 40}\n", NULL, false);
    assert_string_equal(words(mw.m, "cases", 0), "no figure for 2018-19 to compare with");
    /* A figure not given is not available, and a sum with it is too. */
    assert_string_equal(shown(mw.m, "money", 0, 0), "[x]");
    mw_free(&mw);
}

static void a_share_of_nothing_is_not_applicable(void **state)
{
    (void)state;
    mworld mw;
    mw_compute(&mw, NOW "performance:\n  section_47: {enquiries: 0, leading_to_icpc: 0}\n", NULL,
               false);
    assert_string_equal(shown(mw.m, "share", 0, 0), "[z]");
    mw_free(&mw);
}

static void a_break_stops_the_comparison(void **state)
{
    (void)state;
    mworld mw;
    mw_compute(&mw,
               NOW "performance:\n  contacts:\n    outcomes: [{outcome: A, count: 70}]\n"
                   "    break: {date: 2019-07-01, reason: a new recording system}\n",
               BEFORE "performance:\n  contacts:\n    outcomes: [{outcome: A, count: 50}]\n",
               false);
    assert_string_equal(words(mw.m, "contacts", 0),
                        "not compared with earlier years: the series was broken on 1 July 2019");
    assert_string_equal(pct(mw.m, "contacts"), "[z]");
    const sr_metric *mt = sr_metrics_find(mw.m, "contacts");
    assert_string_equal(mt->break_reason[0]->v.text, "a new recording system");
    mw_free(&mw);
}

/* A stated total is the figure, whether the parts are sent or not; without
 * one, the parts are added up. */
static void a_stated_total_wins(void **state)
{
    (void)state;
    mworld mw;
    mw_compute(&mw, NOW "performance:\n  child_protection:\n    plans_started: 66\n",
               BEFORE "performance:\n  child_protection:\n    plans_started_by_category:\n"
                      "      {emotional_abuse: 28, neglect: 25, physical_abuse: 6, "
                      "sexual_abuse: 1, multiple: 0}\n",
               false);
    assert_string_equal(shown(mw.m, "started", 0, 0), "66");
    assert_string_equal(shown(mw.m, "started", 0, 1), "60");
    assert_string_equal(words(mw.m, "started", 0), "up 10.0% from 60");
    const sr_metric *mt = sr_metrics_find(mw.m, "started");
    assert_true(mt->rows[0].cells[0].stated_total);
    assert_false(mt->rows[0].cells[1].stated_total);
    mw_free(&mw);
    /* A total of `not available` with every part given: the parts. */
    mw_compute(&mw,
               NOW "performance:\n  child_protection:\n    plans_started: not available\n"
                   "    plans_started_by_category:\n      {emotional_abuse: 2, neglect: 3, "
                   "physical_abuse: 0, sexual_abuse: 0, multiple: 0}\n",
               NULL, false);
    assert_string_equal(shown(mw.m, "started", 0, 0), "5");
    mw_free(&mw);
}

/* `total` belongs to a sum or a rate. */
static void a_total_needs_a_sum(void **state)
{
    (void)state;
    tworld w;
    tw_init(&w, 2019);
    assert_null(sr_catalogue_load_source(
        w.a, &w.d,
        tw_source(&w, "m.yaml",
                  "format: 1\nmetrics:\n"
                  "  - {id: s, label: S, unit: count, value: a.b, total: a.c}\n")));
    assert_diag(&w, "error: the metric `s` has a `total`, but it is not a sum or a rate\n");
    tw_free(&w);
}

/* No percentage change across a change of sign, from a negative value, or
 * from a count of a few: the change is given as a number. */
static void no_percentage_without_a_base(void **state)
{
    (void)state;
    mworld mw;
    mw_compute(
        &mw,
        NOW
        "finance:\n  income: [{group: A, lines: [{partner: council, label: X, amount: 25600}]}]\n"
        "  expenditure: [{group: B, lines: [{label: Y, amount: 35900}]}]\n"
        "referrals: {total: 7}\n",
        BEFORE
        "finance:\n  income: [{group: A, lines: [{partner: council, label: X, amount: 71800}]}]\n"
        "  expenditure: [{group: B, lines: [{label: Y, amount: 35900}]}]\n"
        "referrals: {total: 3}\n",
        false);
    assert_string_equal(shown(mw.m, "bal", 0, 0), "-£10,300");
    assert_string_equal(words(mw.m, "bal", 0), "down £46,200 from £35,900");
    assert_string_equal(pct(mw.m, "bal"), "[z]");
    assert_string_equal(words(mw.m, "cases", 0), "up 4 from 3");
    assert_string_equal(pct(mw.m, "cases"), "[z]");
    mw_free(&mw);
}

/* A path with a typo is an error when the catalogue loads, with a hint. */
static void a_path_no_submission_gives_is_an_error(void **state)
{
    (void)state;
    tworld w;
    tw_init(&w, 2019);
    assert_null(sr_catalogue_load_source(
        w.a, &w.d,
        tw_source(&w, "m.yaml",
                  "format: 1\nmetrics:\n"
                  "  - {id: r, label: R, unit: count, sum: [\"referals.by_quarter.*\"]}\n")));
    assert_diag(&w, "m.yaml:3:42: error: `referals.by_quarter.*` in the metric `r` names no "
                    "figure a submission can give\n");
    assert_diag(&w, "hint: there is no `referals` there; did you mean `referrals`?");
    tw_free(&w);
    /* Relative to `each`, and deeper down. */
    tw_init(&w, 2019);
    assert_null(sr_catalogue_load_source(
        w.a, &w.d,
        tw_source(&w, "m.yaml",
                  "format: 1\nmetrics:\n"
                  "  - {id: c, label: C, unit: count, each: \"training.courses[*]\",\n"
                  "     sum: [atendees]}\n")));
    assert_diag(&w, "error: `training.courses[*].atendees` in the metric `c` names no figure");
    assert_diag(&w, "did you mean `attendees`?");
    tw_free(&w);
}

/* A sum over any number of paths adds them all (it stopped at 8). */
static void a_sum_over_many_paths_adds_them_all(void **state)
{
    (void)state;
    tworld w;
    tw_init(&w, 2019);
    sr_catalogue *cat = sr_catalogue_load_source(
        w.a, &w.d,
        tw_source(
            &w, "m.yaml",
            "format: 1\nmetrics:\n"
            "  - {id: s, label: S, unit: count, sum: [referrals.by_quarter.q1,\n"
            "     referrals.by_quarter.q2, referrals.by_quarter.q3, referrals.by_quarter.q4,\n"
            "     performance.section_47.enquiries, performance.children_in_need.count,\n"
            "     performance.looked_after.at_year_end, "
            "performance.early_help.assessments_started,\n"
            "     training.evaluations_returned]}\n"));
    assert_non_null(cat);
    tw_load(&w, "now.yaml",
            NOW "referrals:\n  by_quarter: {q1: 1, q2: 2, q3: 3, q4: 4}\n"
                "performance:\n  section_47: {enquiries: 5}\n  children_in_need: {count: 6}\n"
                "  looked_after: {at_year_end: 7}\n  early_help: {assessments_started: 8}\n"
                "training: {evaluations_returned: 9}\n",
            2019);
    sr_year *years[1] = {&w.y};
    sr_metrics *m = sr_metrics_compute(w.a, cat, w.p, 2019, years, 1);
    assert_string_equal(shown(m, "s", 0, 0), "45");
    assert_int_equal(sr_metrics_find(m, "s")->rows[0].cells[0].ninputs, 9);
    tw_free(&w);
}

/* Words for running text: a hidden count is not "[c]" in a sentence, and a
 * change below the shown precision is not "up 0.0 percentage points". */
static void wording_for_sentences(void **state)
{
    (void)state;
    mworld mw;
    mw_compute(&mw,
               NOW
               "performance:\n  child_protection:\n    plans_started_by_category:\n"
               "      {emotional_abuse: 181, neglect: 114, physical_abuse: 3, sexual_abuse: 0}\n"
               "referrals: {total: 4, repeat_within_12_months: 20.24%}\n",
               BEFORE "referrals: {total: 7, repeat_within_12_months: 20.2%}\n", true);
    char buf[128];
    const sr_metric *bc = sr_metrics_find(mw.m, "by-category");
    sr_mcell_words(&bc->rows[2].cells[0], SR_U_COUNT, buf, sizeof buf);
    assert_string_equal(buf, "a small number of");
    sr_mcell_words(&bc->rows[1].cells[0], SR_U_COUNT, buf, sizeof buf); /* 114, secondary */
    assert_string_equal(buf, "an undisclosed number of");
    sr_mcell_words(&bc->rows[0].cells[0], SR_U_COUNT, buf, sizeof buf);
    assert_string_equal(buf, "181");
    /* "held 7 rapid reviews, not shown, to protect small numbers" read as if
     * the reviews were hidden. */
    mw_free(&mw);
    mw_compute(&mw, NOW "referrals: {total: 7}\n", BEFORE "referrals: {total: 3}\n", true);
    assert_string_equal(words(mw.m, "cases", 0),
                        "not compared with 2018-19, to protect small numbers");
    mw_free(&mw);
    /* The narrative's placeholder of a hidden count reads in words. */
    mw_compute(&mw, NOW "referrals: {total: 3}\n", NULL, true);
    assert_string_equal(sr_doc_fill(mw.w.a, &mw.w.d, NULL, 1,
                                    "commissioned {{value:cases}} local child safeguarding "
                                    "practice reviews",
                                    mw.m, NULL, false),
                        "commissioned a small number of local child safeguarding practice "
                        "reviews");
    mw_free(&mw);
    /* {{value:ID}} of a figure not available reads "not available" (not
     * "an unknown number of"), with a warning at the placeholder in a draft
     * and an error with --final. */
    for (int final = 0; final < 2; final++) {
        mw_compute(&mw,
                   NOW "referrals:\n  by_quarter: {q1: 900, q2: 850, q3: 800, q4: not available}\n",
                   NULL, false);
        sr_source *src = sr_diags_add_source(&mw.w.d, "intro.md", NULL, 0);
        assert_string_equal(sr_doc_fill(mw.w.a, &mw.w.d, src, 3,
                                        "Referrals came to {{value:cases}}, {{change:cases}}.",
                                        mw.m, NULL, final),
                            "Referrals came to not available, not available.");
        assert_int_equal(final ? mw.w.d.errors : mw.w.d.warnings, 1);
        const sr_diag *g = &mw.w.d.v[mw.w.d.n - 1];
        assert_int_equal(g->sev, final ? SR_ERROR : SR_WARNING);
        assert_int_equal(g->loc.line, 3);
        assert_int_equal(g->loc.col, 19);
        assert_non_null(strstr(g->msg, "`{{value:cases}}` is a figure that is not available"));
        mw_free(&mw);
    }
    mw_compute(&mw, NOW "referrals: {repeat_within_12_months: 20.24%}\n",
               BEFORE "referrals: {repeat_within_12_months: 20.2%}\n", false);
    assert_string_equal(words(mw.m, "repeat", 0), "up less than 0.1 percentage points from 20.2%");
    mw_free(&mw);
    mw_compute(&mw, NOW "referrals: {total: 100001}\n", BEFORE "referrals: {total: 100000}\n",
               false);
    assert_string_equal(words(mw.m, "cases", 0), "up less than 0.1% from 100,000");
    mw_free(&mw);
}

/* A break part-way through last year makes last year a mix: this year's
 * comparison with it crosses the break too. A break on 1 April does not. */
static void every_comparison_across_a_break_is_stopped(void **state)
{
    (void)state;
    mworld mw;
    mw_compute(&mw, NOW "performance:\n  contacts:\n    outcomes: [{outcome: A, count: 70}]\n",
               BEFORE "performance:\n  contacts:\n    outcomes: [{outcome: A, count: 50}]\n"
                      "    break: {date: 2018-10-01, reason: a new recording system}\n",
               false);
    assert_string_equal(words(mw.m, "contacts", 0),
                        "not compared with 2018-19: the series was broken on 1 October 2018, "
                        "part-way through that year");
    assert_string_equal(pct(mw.m, "contacts"), "[z]");
    const sr_metric *mt = sr_metrics_find(mw.m, "contacts");
    sr_cmp c = sr_metric_compare(mw.m, mt, &mt->rows[0], 0);
    assert_true(c.break_earlier);
    assert_int_equal(c.break_year, 2018);
    assert_string_equal(c.break_reason->v.text, "a new recording system");
    mw_free(&mw);
    mw_compute(&mw, NOW "performance:\n  contacts:\n    outcomes: [{outcome: A, count: 70}]\n",
               BEFORE "performance:\n  contacts:\n    outcomes: [{outcome: A, count: 50}]\n"
                      "    break: {date: 2018-04-01, reason: a new recording system}\n",
               false);
    assert_string_equal(words(mw.m, "contacts", 0), "up 40.0% from 50");
    mw_free(&mw);
    /* Against a baseline, a break in any year since stops the comparison. */
    mw_compute(&mw,
               NOW "performance:\n  measures:\n    - {id: maar, label: MAAR, count: 8,\n"
                   "       baseline: {year: 2017-18, count: 26}}\n",
               BEFORE "performance:\n  early_help:\n"
                      "    break: {date: 2018-04-01, reason: a new recording system}\n",
               false);
    assert_string_equal(words(mw.m, "maar", 0),
                        "not compared with the baseline in 2017-18: the series was broken on 1 "
                        "April 2018, in 2018-19");
    mw_free(&mw);
}

/* The period travels with the figure: periods of different length are not
 * compared, and the words say why. */
static void periods_of_different_length_are_not_compared(void **state)
{
    (void)state;
    mworld mw;
    mw_compute(&mw,
               NOW "referrals:\n  repeat_within_12_months: 21.4%\n"
                   "  percentages_period: Quarter 4\n"
                   "performance:\n  contacts:\n    period: {from: 2019-07-01, to: 2020-03-31}\n"
                   "    outcomes: [{outcome: A, count: 1035}]\n",
               BEFORE "referrals:\n  repeat_within_12_months: 20.2%\n"
                      "performance:\n  contacts:\n    outcomes: [{outcome: A, count: 1000}]\n",
               false);
    assert_string_equal(words(mw.m, "contacts", 0),
                        "not compared with 2018-19: these figures cover 1 July 2019 to 31 March "
                        "2020, and those for 2018-19 the whole year, a period of a different "
                        "length");
    assert_string_equal(pct(mw.m, "contacts"), "[z]");
    assert_string_equal(words(mw.m, "repeat", 0),
                        "not compared with 2018-19: these figures cover Quarter 4, and those for "
                        "2018-19 the whole year, a period of a different length");
    char buf[128];
    assert_true(sr_metric_period(sr_metrics_find(mw.m, "repeat"), 0, buf, sizeof buf));
    assert_string_equal(buf, "Quarter 4");
    mw_free(&mw);
    /* The same quarter both years, and a whole year given as dates: compared. */
    mw_compute(&mw,
               NOW "referrals:\n  repeat_within_12_months: 21.4%\n"
                   "  percentages_period: Quarter 4\n"
                   "performance:\n  contacts:\n    period: {from: 2019-04-01, to: 2020-03-31}\n"
                   "    outcomes: [{outcome: A, count: 1035}]\n",
               BEFORE "referrals:\n  repeat_within_12_months: 20.2%\n"
                      "  percentages_period: Quarter 4\n"
                      "performance:\n  contacts:\n    outcomes: [{outcome: A, count: 1000}]\n",
               false);
    assert_string_equal(words(mw.m, "contacts", 0), "up 3.5% from 1,000");
    assert_string_equal(words(mw.m, "repeat", 0), "up 1.2 percentage points from 20.2%");
    mw_free(&mw);
}

/* A line in one year and not the next did not happen that year: [z], with
 * words saying so, and not [x]. A year with no entries at all is [x]; a
 * true zero is 0. */
static void lines_that_stopped_did_not_happen(void **state)
{
    (void)state;
    mworld mw;
    mw_compute(&mw,
               NOW "finance:\n  income:\n    - group: Contributions\n      lines:\n"
                   "        - {partner: council, label: Core, amount: 95000}\n"
                   "        - {partner: police, label: Core, amount: 0}\n",
               BEFORE "finance:\n  income:\n    - group: Contributions\n      lines:\n"
                      "        - {partner: council, label: Core, amount: 90000}\n"
                      "        - {partner: police, label: Core, amount: 1000}\n"
                      "    - group: Grants\n      lines:\n"
                      "        - {source: Home Office, label: One-off grant, amount: 5000}\n",
               false);
    const sr_metric *bl = sr_metrics_find(mw.m, "by-line");
    assert_int_equal(bl->nrows, 3);
    assert_string_equal(bl->rows[2].label, "Home Office: One-off grant");
    assert_string_equal(shown(mw.m, "by-line", 2, 0), "[z]");
    assert_true(bl->rows[2].cells[0].v.absent);
    assert_string_equal(words(mw.m, "by-line", 2),
                        "did not happen this year: not in this year's figures");
    assert_string_equal(shown(mw.m, "by-line", 1, 0), "£0"); /* a true zero */
    assert_false(bl->rows[1].cells[0].v.absent);
    mw_free(&mw);
    /* No income given at all this year: not available. */
    mw_compute(&mw, NOW "referrals: {total: 5}\n",
               BEFORE "finance:\n  income:\n    - group: Grants\n      lines:\n"
                      "        - {source: Home Office, label: One-off grant, amount: 5000}\n",
               false);
    assert_string_equal(shown(mw.m, "by-line", 0, 0), "[x]");
    assert_string_equal(words(mw.m, "by-line", 0), "not available");
    mw_free(&mw);
}

/* A fixed key the schema defines (a category of abuse, a quarter) that a
 * year does not send is not available ([x]), never "new" or "stopped": only
 * entries the data names (lines, courses, outcomes) come and go. */
static void fixed_keys_not_sent_are_not_available(void **state)
{
    (void)state;
    mworld mw;
    mw_compute(&mw,
               NOW "performance:\n  child_protection:\n    plans_started_by_category:\n"
                   "      {emotional_abuse: 31, neglect: 22, physical_abuse: 2, sexual_abuse: 0,\n"
                   "       multiple: 0}\n",
               BEFORE
               "performance:\n  child_protection:\n    plans_started_by_category:\n"
               "      {emotional_abuse: 28, neglect: 25, physical_abuse: 6, sexual_abuse: 1}\n"
               "    plans_started: 60\n",
               false);
    const sr_metric *bc = sr_metrics_find(mw.m, "by-category");
    size_t r = 0;
    while (r < bc->nrows && strcmp(bc->rows[r].label, "Multiple") != 0)
        r++;
    assert_true(r < bc->nrows);
    assert_string_equal(shown(mw.m, "by-category", r, 1), "[x]");
    assert_false(bc->rows[r].cells[1].v.absent);
    assert_string_equal(words(mw.m, "by-category", r), "no figure for 2018-19 to compare with");
    mw_free(&mw);
    /* This year leaves one out (the stated total covers it): [x], not stopped. */
    mw_compute(&mw,
               NOW "performance:\n  child_protection:\n    plans_started_by_category:\n"
                   "      {emotional_abuse: 31, neglect: 22, physical_abuse: 2, sexual_abuse: 0}\n"
                   "    plans_started: 60\n",
               BEFORE
               "performance:\n  child_protection:\n    plans_started_by_category:\n"
               "      {emotional_abuse: 28, neglect: 25, physical_abuse: 6, sexual_abuse: 1,\n"
               "       multiple: 3}\n",
               false);
    bc = sr_metrics_find(mw.m, "by-category");
    for (r = 0; r < bc->nrows && strcmp(bc->rows[r].label, "Multiple") != 0;)
        r++;
    assert_true(r < bc->nrows);
    assert_string_equal(shown(mw.m, "by-category", r, 0), "[x]");
    assert_false(bc->rows[r].cells[0].v.absent);
    assert_string_equal(words(mw.m, "by-category", r), "not available");
    mw_free(&mw);
}

/* ---- disclosure control ------------------------------------------------------------- */

static void small_counts_are_hidden_with_a_second_cell(void **state)
{
    (void)state;
    mworld mw;
    mw_compute(
        &mw,
        NOW "performance:\n  child_protection:\n    plans_started_by_category:\n"
            "      {emotional_abuse: 181, neglect: 114, physical_abuse: 3, sexual_abuse: 0}\n"
            "referrals: {total: 4}\n",
        BEFORE "performance:\n  child_protection:\n    plans_started_by_category:\n"
               "      {emotional_abuse: 195, neglect: 113, physical_abuse: 14, sexual_abuse: 9}\n"
               "referrals: {total: 40}\n",
        true);
    /* Rows in data order: emotional, neglect, physical, sexual. */
    assert_string_equal(shown(mw.m, "by-category", 0, 0), "181");
    assert_string_equal(shown(mw.m, "by-category", 2, 0), "[c]"); /* 3: primary */
    assert_string_equal(shown(mw.m, "by-category", 1, 0), "[c]"); /* 114: secondary */
    assert_string_equal(shown(mw.m, "by-category", 3, 0), "0");   /* a true zero stays */
    /* explain says which was hidden to protect another, and how. */
    const sr_metric *bc = sr_metrics_find(mw.m, "by-category");
    assert_null(bc->rows[2].cells[0].protects);
    assert_non_null(bc->rows[1].cells[0].protects);
    assert_non_null(strstr(bc->rows[1].cells[0].protects, "it protects a small count"));
    assert_null(sr_metrics_find(mw.m, "cases-rate")->rows[0].cells[0].protects); /* rests on 4 */
    assert_string_equal(shown(mw.m, "started", 0, 0), "298");
    /* Last year: 9 and 14 are above the threshold, nothing hidden. */
    assert_string_equal(shown(mw.m, "by-category", 2, 1), "14");
    /* The change of a hidden value is hidden too. */
    assert_string_equal(words(mw.m, "by-category", 2),
                        "not compared with 2018-19, to protect small numbers");
    assert_string_equal(pct(mw.m, "cases"), "[c]");
    /* A rate computed from a hidden count would give it away. */
    assert_string_equal(shown(mw.m, "cases", 0, 0), "[c]");
    assert_string_equal(shown(mw.m, "cases-rate", 0, 0), "[c]");
    mw_free(&mw);
}

/* Evaluation tallies are shown as submitted (the workbook's evaluations
 * sheet): disclosure control protects them per evaluation too. */
static void evaluation_tallies_are_protected(void **state)
{
    (void)state;
    mworld mw;
    mw_compute(&mw,
               NOW "training:\n  evaluations:\n"
                   "    - title: All courses\n      ratings:\n"
                   "        - {label: Very useful, count: 4}\n"
                   "        - {label: Useful, count: 40}\n"
                   "        - {label: Not useful, count: 60}\n"
                   "    - title: Neglect\n      ratings:\n"
                   "        - {label: Good, count: 2}\n"
                   "        - {label: Poor, count: 3}\n"
                   "        - {label: Fair, count: 0}\n",
               NULL, true);
    const char *want[][2] = {
        {"training.evaluations[all-courses].ratings[very-useful].count", "1"},
        {"training.evaluations[all-courses].ratings[useful].count", "1"}, /* secondary */
        {"training.evaluations[all-courses].ratings[not-useful].count", "0"},
        {"training.evaluations[neglect].ratings[good].count", "1"},
        {"training.evaluations[neglect].ratings[poor].count", "1"},
        {"training.evaluations[neglect].ratings[fair].count", "0"}, /* a true zero */
    };
    for (size_t i = 0; i < sizeof want / sizeof *want; i++) {
        const sr_figure *f = sr_figures_get(&mw.w.y.figs, want[i][0]);
        assert_non_null(f);
        assert_int_equal(sr_metrics_figure_hidden(mw.m, f), want[i][1][0] == '1');
    }
    mw_free(&mw);
}

static void no_cell_can_be_recovered_from_the_total(void **state)
{
    (void)state;
    /* Every way the table can be summed leaves at least two unknowns. */
    mworld mw;
    mw_compute(&mw,
               NOW "performance:\n  child_protection:\n    plans_started_by_category:\n"
                   "      {emotional_abuse: 2, neglect: 0, physical_abuse: 50, sexual_abuse: 60}\n",
               NULL, true);
    const sr_metric *mt = sr_metrics_find(mw.m, "by-category");
    size_t hidden = 0;
    for (size_t r = 0; r < mt->nrows; r++)
        hidden += mt->rows[r].cells[0].v.suppressed;
    assert_int_equal(hidden, 2);
    assert_string_equal(shown(mw.m, "by-category", 0, 0), "[c]"); /* 2 */
    assert_string_equal(shown(mw.m, "by-category", 2, 0), "[c]"); /* 50, the smallest other */
    assert_string_equal(shown(mw.m, "by-category", 3, 0), "60");
    assert_string_equal(shown(mw.m, "by-category", 1, 0), "0");
    mw_free(&mw);
}

static void without_disclosure_control_nothing_is_hidden(void **state)
{
    (void)state;
    mworld mw;
    mw_compute(&mw, NOW "referrals: {total: 3}\n", NULL, false);
    assert_string_equal(shown(mw.m, "cases", 0, 0), "3");
    mw_free(&mw);
}

/* ---- the published report, from the sample data -------------------------------------- */

/* Income from a body that is not a partner is named by the body; a
 * partner's lines are one row of its contribution. */
static void contributions_are_grouped_by_partner_or_source(void **state)
{
    (void)state;
    mworld mw;
    mw_compute(&mw,
               NOW "finance:\n  income:\n"
                   "    - group: Contributions\n      lines:\n"
                   "        - {partner: council, label: Core, amount: 95000}\n"
                   "        - {partner: police, amount: 13800}\n"
                   "        - {partner: council, label: Reserves, amount: 15477.50}\n"
                   "    - group: Grants\n      lines:\n"
                   "        - {source: Department for Education, label: Tackling child "
                   "exploitation grant, amount: 20000}\n",
               BEFORE "finance:\n  income:\n"
                      "    - group: Contributions\n      lines:\n"
                      "        - {partner: council, label: Core, amount: 90000}\n"
                      "    - group: Grants\n      lines:\n"
                      "        - {source: Department for Education, label: Tackling child "
                      "exploitation grant, amount: 10000}\n",
               false);
    const sr_metric *bl = sr_metrics_find(mw.m, "by-line");
    assert_int_equal(bl->nrows, 4);
    assert_string_equal(bl->rows[3].label,
                        "Department for Education: Tackling child exploitation grant");
    assert_string_equal(bl->rows[1].label, "Test Police"); /* a partner line without a label */
    const sr_metric *bp = sr_metrics_find(mw.m, "by-partner");
    assert_int_equal(bp->nrows, 3);
    assert_string_equal(bp->rows[0].label, "Test Council");
    assert_string_equal(bp->rows[0].key, "partner: council");
    assert_string_equal(shown(mw.m, "by-partner", 0, 0), "£110,477.50");
    assert_string_equal(shown(mw.m, "by-partner", 0, 1), "£90,000");
    assert_int_equal(bp->rows[0].cells[0].ninputs, 2);
    assert_string_equal(bp->rows[1].label, "Test Police");
    /* Gave nothing last year, when others did: [z], not missing. */
    assert_string_equal(shown(mw.m, "by-partner", 1, 1), "[z]");
    assert_string_equal(words(mw.m, "by-partner", 1),
                        "new this year: not in the figures for 2018-19");
    assert_string_equal(bp->rows[2].label, "Department for Education");
    assert_string_equal(words(mw.m, "by-partner", 2), "up 100.0% from £10,000");
    mw_free(&mw);
}

static void group_by_needs_each_and_a_sum(void **state)
{
    (void)state;
    tworld w;
    tw_init(&w, 2019);
    assert_null(sr_catalogue_load_source(
        w.a, &w.d,
        tw_source(&w, "m.yaml",
                  "format: 1\nmetrics:\n"
                  "  - {id: s, label: S, unit: percentage, each: \"x[*]\", group_by: [partner],\n"
                  "     share: {part: a, of: b}}\n")));
    assert_diag(&w, "m.yaml:3:65: error: the metric `s` groups its rows, so it must be a count "
                    "or money added up\n");
    tw_free(&w);
}

/* A measure no catalogue metric uses is a local measure: a metric of its
 * own, named by its id, given where the partner gave it, with disclosure
 * control as for any count. One the catalogue uses is not. */
static void measures_the_catalogue_does_not_know_are_local(void **state)
{
    (void)state;
    static const char *now =
        NOW "performance:\n  measures:\n"
            "    - {id: missing-education, label: Children missing education, count: 4}\n"
            "    - {id: absence, label: Pupils persistently absent, percent: 18.6%,\n"
            "       baseline: {year: 2017-18, percent: 21%}}\n";
    static const char *before =
        BEFORE "performance:\n  measures:\n"
               "    - {id: missing-education, label: Missing education, count: 12}\n"
               "    - {id: gone, label: Dropped this year, count: 9}\n";
    mworld mw;
    mw_compute(&mw, now, before, false);
    assert_int_equal(mw.m->nmetrics, mw.cat->nmetrics + 2); /* not `gone`: not this year's */
    const sr_metric *me = sr_metrics_find(mw.m, "missing-education");
    assert_non_null(me);
    assert_true(me->def->local);
    assert_string_equal(me->def->label, "Children missing education"); /* this year's label */
    assert_int_equal(me->def->unit, SR_U_COUNT);
    assert_string_equal(me->def->loc.src->name, "now.yaml");
    assert_int_equal(me->def->loc.line, 6);
    assert_int_equal(me->def->loc.col, 12);
    assert_string_equal(words(mw.m, "missing-education", 0), "down 66.7% from 12");
    const sr_metric *ab = sr_metrics_find(mw.m, "absence");
    assert_int_equal(ab->def->unit, SR_U_PERCENTAGE);
    assert_string_equal(words(mw.m, "absence", 0),
                        "down 2.4 percentage points from 21.0% in 2017-18");
    assert_null(sr_metrics_find(mw.m, "gone"));
    assert_false(sr_metrics_find(mw.m, "cases")->def->local);
    mw_free(&mw);

    mw_compute(&mw, now, before, true);
    assert_string_equal(shown(mw.m, "missing-education", 0, 0), "[c]");
    assert_string_equal(words(mw.m, "missing-education", 0),
                        "not compared with 2018-19, to protect small numbers");
    mw_free(&mw);
}

static void a_measure_a_metric_uses_is_not_local(void **state)
{
    (void)state;
    tworld w;
    tw_init(&w, 2019);
    sr_catalogue *c = sr_catalogue_load_source(
        w.a, &w.d,
        tw_source(&w, "m.yaml",
                  "format: 1\nmetrics:\n"
                  "  - {id: a, label: A, unit: count, value: \"performance.measures[a].count\"}\n"
                  "  - {id: b, label: B, unit: percentage,\n"
                  "     share: {part: \"performance.measures[b].count\", of: "
                  "\"performance.measures[c].count\"}}\n"
                  "  - {id: all-p, label: P, unit: percentage, each: \"performance.measures[*]\",\n"
                  "     value: percent}\n"));
    assert_non_null(c);
    assert_true(sr_catalogue_uses_measure(c, "a"));
    assert_true(sr_catalogue_uses_measure(c, "b"));
    assert_true(sr_catalogue_uses_measure(c, "c"));        /* the whole of a share */
    assert_true(sr_catalogue_uses_measure(c, "anything")); /* every measure's percent */
    tw_free(&w);
    tw_init(&w, 2019);
    c = sr_catalogue_load_source(
        w.a, &w.d,
        tw_source(
            &w, "m.yaml",
            "format: 1\nmetrics:\n"
            "  - {id: a, label: A, unit: count, value: \"performance.measures[a].count\"}\n"));
    assert_non_null(c);
    assert_false(sr_catalogue_uses_measure(c, "ab"));
    assert_false(sr_catalogue_uses_measure(c, "b"));
    tw_free(&w);
}

static void the_published_figures(void **state)
{
    (void)state;
    const char *src = getenv("SSCP_SOURCE_DIR");
    char data[1024], tpl[1024];
    snprintf(data, sizeof data, "%s/data", src ? src : ".");
    snprintf(tpl, sizeof tpl, "%s/report-templates", src ? src : ".");
    sr_dataset ds;
    assert_int_equal(sr_dataset_load(&ds, data, 2019, SR_MAX_YEARS), SR_DS_OK);
    /* The sample's own measures are in data/templates/metrics.yaml. */
    sr_catalogue *c = sr_catalogue_load_layered(ds.a, &ds.d, tpl, data);
    assert_non_null(c);
    sr_metrics *m = sr_metrics_compute(ds.a, c, ds.p, 2019, ds.have, ds.nyears);

    /* Finance: income equals expenditure, with every sub-total. */
    assert_string_equal(shown(m, "income", 0, 0), "£180,491");
    assert_string_equal(shown(m, "expenditure", 0, 0), "£180,491");
    assert_string_equal(shown(m, "balance", 0, 0), "£0");
    assert_string_equal(shown(m, "income-by-group", 0, 0), "£70,014");
    assert_string_equal(shown(m, "income-by-group", 1, 0), "£110,477");
    assert_string_equal(shown(m, "expenditure-by-group", 0, 0), "£139,761");
    assert_string_equal(shown(m, "expenditure-by-group", 1, 0), "£40,730");

    assert_string_equal(shown(m, "referrals", 0, 0), "3,243");
    assert_string_equal(words(m, "referrals", 0), "down 11.2% from 3,653");
    assert_string_equal(words(m, "children-in-need", 0), "up 9.3% from 2,022");
    assert_string_equal(words(m, "s47-enquiries", 0), "down 27.0% from 996");
    assert_string_equal(shown(m, "cp-plans-started", 0, 0), "306");
    assert_string_equal(words(m, "cp-plans-started", 0), "down 7.6% from 331");
    assert_string_equal(shown(m, "s47-to-icpc", 0, 0), "381");
    assert_string_equal(shown(m, "s47-to-icpc-share", 0, 0), "52.4%");
    assert_string_equal(shown(m, "maar-presentations", 0, 0), "8");
    assert_string_equal(words(m, "maar-presentations", 0), "down 69.2% from 26 in 2017-18");
    assert_string_equal(shown(m, "cs-trusted-relationship", 0, 0), "83.3%");
    /* The contacts series starts in July 2019: no comparison across the break. */
    assert_string_equal(words(m, "contacts", 0),
                        "not compared with earlier years: the series was broken on 1 July 2019");
    /* Rates per 10,000 children aged 0-17, from partnership.yaml's population. */
    assert_string_equal(shown(m, "children-in-need-rate", 0, 0), "351.4");
    sr_dataset_free(&ds);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(rounding_is_half_away_from_zero),
        cmocka_unit_test(changes_in_words),
        cmocka_unit_test(change_from_zero_has_no_percentage),
        cmocka_unit_test(not_available_is_never_zero),
        cmocka_unit_test(a_share_of_nothing_is_not_applicable),
        cmocka_unit_test(a_break_stops_the_comparison),
        cmocka_unit_test(every_comparison_across_a_break_is_stopped),
        cmocka_unit_test(no_percentage_without_a_base),
        cmocka_unit_test(wording_for_sentences),
        cmocka_unit_test(a_path_no_submission_gives_is_an_error),
        cmocka_unit_test(a_sum_over_many_paths_adds_them_all),
        cmocka_unit_test(a_stated_total_wins),
        cmocka_unit_test(a_total_needs_a_sum),
        cmocka_unit_test(periods_of_different_length_are_not_compared),
        cmocka_unit_test(lines_that_stopped_did_not_happen),
        cmocka_unit_test(fixed_keys_not_sent_are_not_available),
        cmocka_unit_test(small_counts_are_hidden_with_a_second_cell),
        cmocka_unit_test(no_cell_can_be_recovered_from_the_total),
        cmocka_unit_test(evaluation_tallies_are_protected),
        cmocka_unit_test(without_disclosure_control_nothing_is_hidden),
        cmocka_unit_test(contributions_are_grouped_by_partner_or_source),
        cmocka_unit_test(group_by_needs_each_and_a_sum),
        cmocka_unit_test(measures_the_catalogue_does_not_know_are_local),
        cmocka_unit_test(a_measure_a_metric_uses_is_not_local),
        cmocka_unit_test(the_published_figures),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
