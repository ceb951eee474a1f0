/* value: formatting values and comparisons, see value.h. */
#include "metrics/value.h"

#include "core/fmt.h"
#include "data/figures.h"

#include <stdio.h>
#include <string.h>

int64_t sr_round_frac(sr_i128 num, sr_i128 den, int places)
{
    sr_i128 n = num, d = den;
    for (int i = 0; i < places; i++)
        n *= 10;
    if (d < 0)
        n = -n, d = -d;
    /* Half away from zero: add half the divisor in the direction of the sign. */
    sr_i128 q = n >= 0 ? (2 * n + d) / (2 * d) : -((-2 * n + d) / (2 * d));
    return (int64_t)q;
}

/* ---- formatting --------------------------------------------------------------- */

static void fmt_tenths(int64_t t, char *buf, size_t size)
{
    sr_fmt_fixed(t, 1, false, buf, size);
}

/* A one-decimal number with thousands separators: 1234.5 -> "1,234.5". */
static void fmt_tenths_grouped(int64_t t, char *buf, size_t size)
{
    sr_fmt_fixed(t, 1, true, buf, size);
}

void sr_mval_format(const sr_mval *v, sr_unit u, char *buf, size_t size)
{
    if (v->suppressed) {
        snprintf(buf, size, "[c]");
        return;
    }
    if (v->avail == SR_NOT_AVAILABLE || v->avail == SR_INVALID) {
        snprintf(buf, size, "[x]");
        return;
    }
    if (v->avail == SR_NOT_APPLICABLE) {
        snprintf(buf, size, "[z]");
        return;
    }
    switch (u) {
    case SR_U_COUNT:
        sr_fmt_count(sr_round_frac(v->num, v->den, 0), buf, size);
        break;
    case SR_U_MONEY:
        sr_fmt_money(sr_round_frac(v->num, v->den, 0), buf, size);
        break;
    case SR_U_PERCENTAGE: {
        char n[40];
        fmt_tenths(sr_round_frac(v->num, v->den, 1), n, sizeof n);
        snprintf(buf, size, "%s%%", n);
        break;
    }
    case SR_U_RATE:
    case SR_U_RATIO:
        fmt_tenths_grouped(sr_round_frac(v->num, v->den, 1), buf, size);
        break;
    }
}

/* The shorthand for a comparison that has no number; false if it has one. */
static bool cmp_shorthand(const sr_cmp *c, char *buf, size_t size)
{
    if (c->status == SR_CMP_OK)
        return false;
    snprintf(buf, size, "%s",
             c->status == SR_CMP_SUPPRESSED ? "[c]"
             : c->status == SR_CMP_BREAK || c->status == SR_CMP_PERIOD ||
                     c->status == SR_CMP_STOPPED || c->status == SR_CMP_NEW
                 ? "[z]"
                 : "[x]");
    return true;
}

void sr_cmp_percent(const sr_cmp *c, char *buf, size_t size)
{
    if (cmp_shorthand(c, buf, size))
        return;
    if (!c->pct_ok) {
        snprintf(buf, size, "[z]");
        return;
    }
    int64_t t = sr_round_frac(c->pnum, c->pden, 1);
    char n[40];
    fmt_tenths(t, n, sizeof n);
    snprintf(buf, size, "%s%s%%", t > 0 ? "+" : "", n);
}

void sr_cmp_diff(const sr_cmp *c, sr_unit u, char *buf, size_t size)
{
    if (cmp_shorthand(c, buf, size))
        return;
    bool neg = c->dnum < 0;
    sr_i128 an = neg ? -c->dnum : c->dnum;
    char n[48];
    bool whole = u == SR_U_COUNT || u == SR_U_MONEY;
    int64_t r = sr_round_frac(an, c->dden, whole ? 0 : 1);
    if (u == SR_U_COUNT)
        sr_fmt_count(r, n, sizeof n);
    else if (u == SR_U_MONEY)
        sr_fmt_money(r, n, sizeof n);
    else
        fmt_tenths_grouped(r, n, sizeof n); /* percentages: the change is in points */
    bool zero = r == 0;
    snprintf(buf, size, "%s%s", zero ? "" : neg ? "-" : "+", n);
}

void sr_cmp_words(const sr_cmp *c, sr_unit u, char *buf, size_t size)
{
    char prev[48], yr[16], when[40];
    sr_fmt_year(c->prev_year, yr, sizeof yr);
    switch (c->status) {
    case SR_CMP_NO_VALUE:
        snprintf(buf, size, "not available");
        return;
    case SR_CMP_NO_PREVIOUS:
        snprintf(buf, size, "no figure for %s to compare with", yr);
        return;
    case SR_CMP_SUPPRESSED:
        snprintf(buf, size, "not compared with %s, to protect small numbers", yr);
        return;
    case SR_CMP_BREAK:
        sr_fmt_date((int32_t)c->break_date->v.i, when, sizeof when);
        if (c->break_earlier && c->from_baseline) {
            char by[16];
            sr_fmt_year(c->break_year, by, sizeof by);
            snprintf(buf, size,
                     "not compared with the baseline in %s: the series was broken on %s, in %s", yr,
                     when, by);
        } else if (c->break_earlier) {
            snprintf(buf, size,
                     "not compared with %s: the series was broken on %s, part-way through that "
                     "year",
                     yr, when);
        } else {
            snprintf(buf, size, "not compared with earlier years: the series was broken on %s",
                     when);
        }
        return;
    case SR_CMP_STOPPED:
        snprintf(buf, size, "did not happen this year: not in this year's figures");
        return;
    case SR_CMP_NEW:
        snprintf(buf, size, "new this year: not in the figures for %s", yr);
        return;
    case SR_CMP_PERIOD:
        snprintf(buf, size,
                 "not compared with %s: these figures cover %s, and those for %s %s, a period "
                 "of a different length",
                 yr, c->period[0], yr, c->period[1]);
        return;
    case SR_CMP_OK:
        break;
    }
    sr_mval_format(&c->prev, u, prev, sizeof prev);
    const char *since = c->from_baseline ? " in " : "";
    const char *syr = c->from_baseline ? yr : "";
    bool same = c->dnum == 0;
    if (same) {
        snprintf(buf, size, "no change from %s%s%s", prev, since, syr);
        return;
    }
    const char *dir = c->dnum > 0 ? "up" : "down";
    if (!c->pct_ok) {
        char d[48];
        sr_cmp_diff(c, u, d, sizeof d);
        snprintf(buf, size, "%s %s from %s%s%s", dir, d[0] == '+' || d[0] == '-' ? d + 1 : d, prev,
                 since, syr);
        return;
    }
    int64_t t = sr_round_frac(c->pnum, c->pden, 1);
    char n[40];
    fmt_tenths(t < 0 ? -t : t, n, sizeof n);
    if (u == SR_U_PERCENTAGE) {
        /* For a percentage, say the points, not a percentage of a percentage;
         * a change below 0.05 points is not "up 0.0 percentage points". */
        char d[48];
        sr_cmp_diff(c, u, d, sizeof d);
        const char *pts = d[0] == '+' || d[0] == '-' ? d + 1 : d;
        if (strcmp(pts, "0.0") == 0)
            snprintf(buf, size, "%s less than 0.1 percentage points from %s%s%s", dir, prev, since,
                     syr);
        else
            snprintf(buf, size, "%s %s percentage points from %s%s%s", dir, pts, prev, since, syr);
        return;
    }
    if (t == 0) {
        snprintf(buf, size, "%s less than 0.1%% from %s%s%s", dir, prev, since, syr);
        return;
    }
    snprintf(buf, size, "%s %s%% from %s%s%s", dir, n, prev, since, syr);
}
