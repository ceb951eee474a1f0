/* Unit tests for src/data/template.c: the blank submission is valid YAML,
 * carries last year's entries and figures, and validates once filled in. */
#include "testutil.h"

#include "core/buf.h"
#include "data/template.h"

static void template_without_last_year_is_blank_and_parses(void **state)
{
    (void)state;
    tworld w;
    tw_init(&w, 2020);
    sr_buf b = SR_BUF_INIT;
    sr_template_write(&b, w.p, sr_partnership_find(w.p, "cafcass"), 2020, NULL);
    const char *t = sr_buf_str(&b);
    assert_non_null(strstr(t, "# TSCP: figures from Cafcass for 2020-21.\n"));
    assert_non_null(strstr(t, "\nformat: 1\npartner: cafcass\nyear: 2020-21\n"));
    /* Cafcass sends finance only (partnership.yaml `submits`). */
    assert_non_null(strstr(t, "\nfinance:"));
    assert_null(strstr(t, "\nreferrals:"));
    assert_null(strstr(t, "\ntraining:"));
    assert_non_null(strstr(t, "  income:"));
    assert_non_null(strstr(t, "    - group:"));
    assert_non_null(strstr(t, "# pounds received, such as 13800 or 2664.50\n"));
    /* It is valid YAML, and sent as it is it has no errors: loading it
     * reports only the blanks still to fill in, as warnings. */
    tw_load(&w, "cafcass.yaml", t, 2020);
    for (size_t i = 0; i < w.d.n; i++)
        if (!strstr(w.d.v[i].msg, "left blank") && !strstr(w.d.v[i].msg, "has no figures"))
            fail_msg("unexpected: %s", w.d.v[i].msg);
    assert_int_equal(w.d.errors, 0);
    assert_true(w.d.n > 0);
    sr_buf_free(&b);
    tw_free(&w);
}

static void template_carries_last_years_entries_and_figures(void **state)
{
    (void)state;
    tworld w;
    tw_init(&w, 2019);
    tw_load(&w, "council.yaml",
            "format: 1\npartner: council\nyear: 2019-20\n"
            "referrals:\n  by_quarter: {q1: 897, q2: 848, q3: 802, q4: 696}\n  total: 3243\n"
            "training:\n  courses:\n    - {title: Basic awareness, attendees: 127}\n"
            "    - {title: \"FGM: awareness\", attendees: 56}\n",
            2019);
    /* Someone else's figures are not offered to the council. */
    tw_load(&w, "police.yaml",
            "format: 1\npartner: police\nyear: 2019-20\n"
            "performance:\n  children_in_need: {count: 2211}\n",
            2019);
    assert_int_equal(w.d.errors, 0);
    sr_buf b = SR_BUF_INIT;
    sr_template_write(&b, w.p, sr_partnership_find(w.p, "council"), 2020, &w.y.figs);
    const char *t = sr_buf_str(&b);
    assert_non_null(strstr(t, "# Figures in brackets are what you sent for 2019-20.\n"));
    assert_non_null(strstr(t, "    q1:                                 # April to June "
                              "(2019-20: 897)\n"));
    assert_non_null(strstr(t, "  total:                                # referrals in the year; "
                              "may be sent alone; checked against the quarters (2019-20: 3243)\n"));
    assert_non_null(strstr(t, "    - title: Basic awareness\n"
                              "      attendees:                        # people who attended in "
                              "the year (2019-20: 127)\n"));
    assert_non_null(strstr(t, "    - title: \"FGM: awareness\"\n")); /* quoted: it has ': ' */
    assert_null(strstr(t, "2,211"));

    sr_buf_free(&b);
    tw_free(&w);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(template_without_last_year_is_blank_and_parses),
        cmocka_unit_test(template_carries_last_years_entries_and_figures),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
