/* alt: a chart's text alternative, written from its data (chart.h). */
#include "chart/chart.h"

#include "core/buf.h"
#include "core/fmt.h"

#include <stdlib.h>
#include <string.h>

static const char *kind_name(sr_chart_kind k)
{
    switch (k) {
    case SR_CHART_BAR:
        return "Bar chart";
    case SR_CHART_GROUPED_BAR:
        return "Bar chart";
    case SR_CHART_HBAR:
        return "Horizontal bar chart";
    case SR_CHART_LINE:
        return "Line chart";
    case SR_CHART_STACKED_BAR:
        return "Stacked bar chart";
    case SR_CHART_DONUT:
        return "Donut chart";
    case SR_CHART_KPI:
        return "Key figures";
    case SR_CHART_MATRIX:
        return "Attendance table";
    case SR_CHART_COMPARE:
        return "Dot plot";
    }
    return "Chart";
}

/* Largest and smallest shown value of series s. */
static void extremes(const sr_chart *c, size_t s, size_t *hi, size_t *lo, size_t *hidden)
{
    *hi = *lo = (size_t)-1;
    *hidden = 0;
    for (size_t i = 0; i < c->ncat; i++) {
        const sr_chart_value *v = &c->series[s].values[i];
        if (v->missing) {
            (*hidden)++;
            continue;
        }
        if (*hi == (size_t)-1 || v->v > c->series[s].values[*hi].v)
            *hi = i;
        if (*lo == (size_t)-1 || v->v < c->series[s].values[*lo].v)
            *lo = i;
    }
}

/* Whether a value not drawn is hidden by disclosure control ([c]), rather
 * than not available: only a hidden value is "not shown". */
static bool is_hidden(const sr_chart_value *v)
{
    return v->missing && v->label && strcmp(v->label, "[c]") == 0;
}

/* The names of the series not drawn in category i that are hidden (or,
 * with hidden false, not available): "A", "A and B". Returns how many;
 * with b NULL, only counts. */
static size_t missing_names(sr_buf *b, const sr_chart *c, size_t i, bool hidden)
{
    size_t n = 0, k = 0;
    for (size_t s = 0; s < c->nseries; s++)
        n += c->series[s].values[i].missing && is_hidden(&c->series[s].values[i]) == hidden;
    for (size_t s = 0; b && s < c->nseries; s++)
        if (c->series[s].values[i].missing && is_hidden(&c->series[s].values[i]) == hidden) {
            sr_buf_printf(b, "%s%s", k == 0 ? "" : k + 1 == n ? " and " : ", ", c->series[s].name);
            k++;
        }
    return n;
}

/* The series' names as a list: "A", "A and B", "A, B and C". */
static void series_names(sr_buf *b, const sr_chart *c)
{
    for (size_t s = 0; s < c->nseries; s++)
        sr_buf_printf(b, "%s%s",
                      s == 0                ? ""
                      : s + 1 == c->nseries ? " and "
                                            : ", ",
                      c->series[s].name);
}

/* The attendance matrix with more than SR_CHART_ALT_MEMBERS members: the
 * counts at each meeting, and how many attended every one; each member's
 * attendance is left to the table of the chart's figures (one sentence a
 * member would run to thousands of characters). */
static void matrix_summary(sr_buf *b, const sr_chart *c)
{
    static const char *const words[] = {"attended", "sent apologies", "absent", "not recorded"};
    for (size_t s = 0; s < c->nseries; s++) {
        size_t n[4] = {0};
        for (size_t i = 0; i < c->ncat; i++) {
            int st = (int)c->series[s].values[i].v;
            if (st >= 0 && st < 4)
                n[st]++;
        }
        sr_buf_printf(b, " %s: %zu attended", c->series[s].name, n[0]);
        for (int k = 1; k < 4; k++)
            if (n[k])
                sr_buf_printf(b, ", %zu %s", n[k], words[k]);
        sr_buf_putc(b, '.');
    }
    size_t all = 0;
    for (size_t i = 0; i < c->ncat; i++) {
        size_t at = 0;
        for (size_t s = 0; s < c->nseries; s++)
            at += (int)c->series[s].values[i].v == SR_MATRIX_ATTENDED;
        all += at == c->nseries;
    }
    sr_buf_printf(b, " %zu of the %zu members attended every meeting.", all, c->ncat);
    sr_buf_puts(b, " Each member's attendance at each meeting is in the table of the chart's "
                   "figures.");
}

/* A dot plot: each category's values, series by series, as shown, and how
 * the first compares with the others in words (the chart's notes). */
static void compare_alt(sr_buf *b, const sr_chart *c)
{
    sr_buf_printf(b, " %zu %s, each with figures for ", c->ncat,
                  c->ncat == 1 ? "measure" : "measures");
    series_names(b, c);
    sr_buf_puts(b, ".");
    size_t hidden = 0, absent = 0;
    for (size_t i = 0; i < c->ncat; i++) {
        sr_buf_printf(b, " %s:", c->categories[i]);
        for (size_t s = 0; s < c->nseries; s++) {
            const sr_chart_value *v = &c->series[s].values[i];
            sr_buf_printf(b, "%s %s %s", s ? "," : "", c->series[s].name, v->label);
            hidden += is_hidden(v);
            absent += v->missing && !is_hidden(v);
        }
        if (c->notes && c->notes[i] && c->notes[i][0])
            sr_buf_printf(b, "; %s", c->notes[i]);
        sr_buf_puts(b, ".");
    }
    if (hidden)
        sr_buf_printf(b, " %zu %s hidden to protect small numbers.", hidden,
                      hidden == 1 ? "value is" : "values are");
    if (absent)
        sr_buf_printf(b, " %zu %s not available.", absent, absent == 1 ? "value is" : "values are");
}

char *sr_chart_alt(const sr_chart *c)
{
    sr_buf b = SR_BUF_INIT;
    sr_buf_printf(&b, "%s: %s.", kind_name(c->kind), c->title ? c->title : "");
    if (c->ncat == 0 || c->nseries == 0) {
        sr_buf_puts(&b, " No figures.");
        return sr_buf_take(&b);
    }
    switch (c->kind) {
    case SR_CHART_KPI:
        for (size_t i = 0; i < c->ncat; i++) {
            sr_buf_printf(&b, " %s: %s", c->categories[i], c->series[0].values[i].label);
            if (c->notes && c->notes[i])
                sr_buf_printf(&b, ", %s", c->notes[i]);
            sr_buf_puts(&b, ".");
        }
        return sr_buf_take(&b);
    case SR_CHART_MATRIX: {
        sr_buf_printf(&b, " %zu members at %zu meetings.", c->ncat, c->nseries);
        if (c->ncat > SR_CHART_ALT_MEMBERS) {
            matrix_summary(&b, c);
            return sr_buf_take(&b);
        }
        for (size_t i = 0; i < c->ncat; i++) {
            size_t n[4] = {0};
            for (size_t s = 0; s < c->nseries; s++) {
                int st = (int)c->series[s].values[i].v;
                if (st >= 0 && st < 4)
                    n[st]++;
            }
            sr_buf_printf(&b, " %s attended %zu of %zu", c->categories[i], n[0], c->nseries);
            if (n[1])
                sr_buf_printf(&b, ", sent apologies to %zu", n[1]);
            if (n[2])
                sr_buf_printf(&b, ", was absent from %zu", n[2]);
            if (n[3])
                sr_buf_printf(&b, ", not recorded at %zu", n[3]);
            sr_buf_puts(&b, ".");
        }
        return sr_buf_take(&b);
    }
    case SR_CHART_COMPARE:
        compare_alt(&b, c);
        if (c->break_note)
            sr_buf_printf(&b, " %s", c->break_note);
        if (c->source)
            sr_buf_printf(&b, " %s", c->source);
        return sr_buf_take(&b);
    default:
        break;
    }
    const char *what = c->what ? c->what : "";
    const char *sp = what[0] ? " " : "";
    size_t hidden = 0;
    if (c->kind == SR_CHART_STACKED_BAR) {
        /* Each bar is a whole: say what it is split into and its total. */
        sr_buf_printf(&b, " %zu %s split into ", c->ncat, c->ncat == 1 ? "bar," : "bars, each");
        series_names(&b, c);
        sr_buf_puts(&b, ".");
        for (size_t i = 0; i < c->ncat; i++) {
            double sum = 0;
            size_t nh = 0;
            for (size_t s = 0; s < c->nseries; s++) {
                if (c->series[s].values[i].missing)
                    nh++;
                else
                    sum += c->series[s].values[i].v;
            }
            hidden += nh;
            /* The total the data states, hidden parts included; the sum of
             * the parts only when there is no stated total and every part
             * is shown. */
            const sr_chart_value *tv = c->totals ? &c->totals[i] : NULL;
            if (tv && tv->missing) {
                sr_buf_printf(&b, " %s: the total is %s.", c->categories[i],
                              strcmp(tv->label, "[c]") == 0 ? "hidden to protect small numbers"
                                                            : "not available");
                continue;
            }
            size_t nc = missing_names(NULL, c, i, true), nx = nh - nc;
            if (!tv && nh) {
                sr_buf_printf(&b, " %s: the total is not known, as ", c->categories[i]);
                if (nc) {
                    missing_names(&b, c, i, true);
                    sr_buf_printf(&b, " %s not shown%s", nc == 1 ? "is" : "are", nx ? " and " : "");
                }
                if (nx) {
                    missing_names(&b, c, i, false);
                    sr_buf_printf(&b, " %s not available", nx == 1 ? "is" : "are");
                }
                sr_buf_puts(&b, ".");
                continue;
            }
            char t[48];
            if (tv)
                snprintf(t, sizeof t, "%s", tv->label);
            else
                sr_fmt_count((int64_t)(sum + 0.5), t, sizeof t);
            sr_buf_printf(&b, " %s: %s%s%s in all", c->categories[i], t, sp, what);
            if (nc) {
                sr_buf_puts(&b, ", including ");
                missing_names(&b, c, i, true);
                sr_buf_printf(&b, ", which %s not shown", nc == 1 ? "is" : "are");
            }
            if (nx) {
                sr_buf_puts(&b, "; ");
                missing_names(&b, c, i, false);
                sr_buf_printf(&b, " %s not available", nx == 1 ? "is" : "are");
            }
            if (!nh && tv && tv->v > sum + 1e-6 * (tv->v > 1 ? tv->v : 1))
                sr_buf_puts(&b, ", some of them in no part shown");
            sr_buf_puts(&b, ".");
        }
    } else {
        sr_buf_printf(&b, " %zu %s", c->ncat, c->ncat == 1 ? "category" : "categories");
        if (c->nseries > 1) {
            sr_buf_puts(&b, ", for ");
            series_names(&b, c);
        }
        sr_buf_puts(&b, ".");
        /* The extremes of the latest series (series run oldest first). */
        size_t last = c->nseries - 1, hi, lo;
        extremes(c, last, &hi, &lo, &hidden);
        const char *in = c->nseries > 1 ? c->series[last].name : NULL;
        if (hi != (size_t)-1) {
            sr_buf_printf(&b, " Largest%s%s: %s, %s%s%s.", in ? " in " : "", in ? in : "",
                          c->categories[hi], c->series[last].values[hi].label, sp, what);
            if (lo != hi)
                sr_buf_printf(&b, " Smallest%s%s: %s, %s%s%s.", in ? " in " : "", in ? in : "",
                              c->categories[lo], c->series[last].values[lo].label, sp, what);
        }
    }
    if (c->kind == SR_CHART_DONUT) {
        /* The parts the key groups as Other, each with its value: the
         * picture does not give them one by one. */
        bool *grouped = malloc((c->ncat ? c->ncat : 1) * sizeof *grouped);
        size_t ng = grouped ? sr_chart_donut_grouped(c, grouped) : 0;
        if (ng) {
            sr_buf_printf(&b, " The key groups the %zu smallest parts as Other:", ng);
            size_t k = 0;
            for (size_t i = 0; i < c->ncat; i++)
                if (grouped[i])
                    sr_buf_printf(&b, "%s %s, %s", k++ ? ";" : "", c->categories[i],
                                  c->series[0].values[i].label);
            sr_buf_puts(&b, ".");
        }
        free(grouped);
    }
    if (c->kind == SR_CHART_DONUT && c->total) {
        /* The whole the data states, hidden parts included. */
        sr_buf_printf(&b, " Total: %s", c->total);
        for (int hidden_ones = 1; hidden_ones >= 0 && c->totals && !c->totals[0].missing;
             hidden_ones--) {
            size_t nh = 0;
            for (size_t i = 0; i < c->ncat; i++)
                nh += c->series[0].values[i].missing &&
                      is_hidden(&c->series[0].values[i]) == (bool)hidden_ones;
            if (!nh)
                continue;
            sr_buf_puts(&b, hidden_ones ? ", including " : "; ");
            for (size_t i = 0, k = 0; i < c->ncat; i++)
                if (c->series[0].values[i].missing &&
                    is_hidden(&c->series[0].values[i]) == (bool)hidden_ones) {
                    sr_buf_printf(&b, "%s%s",
                                  k == 0        ? ""
                                  : k + 1 == nh ? " and "
                                                : ", ",
                                  c->categories[i]);
                    k++;
                }
            sr_buf_printf(&b, hidden_ones ? ", which %s not shown" : " %s not available",
                          nh == 1 ? "is" : "are");
        }
        sr_buf_puts(&b, ".");
    }
    if (c->change)
        sr_buf_printf(&b, " Overall: %s.", c->change);
    if (c->break_note)
        sr_buf_printf(&b, " %s", c->break_note);
    if (c->source)
        sr_buf_printf(&b, " %s", c->source);
    if (hidden)
        sr_buf_printf(&b, " %zu %s not shown (%s).", hidden,
                      hidden == 1 ? "value is" : "values are",
                      "hidden to protect small numbers, or not available");
    return sr_buf_take(&b);
}
