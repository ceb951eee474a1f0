/* metrics: every figure the report shows, computed one way from the
 * catalogue and the years' submitted figures.
 *
 * Values are kept exact, as fractions, and rounded once, when shown, so a
 * percentage or a change never carries an earlier rounding. For each metric
 * (or each row of a metric with `each`) and year: the value, the figures it
 * came from (for `explain`), and whether disclosure control hides it.
 * Comparisons with the year before (or a stated baseline) stop at a declared
 * break in the series. Measures partners sent that no metric uses (local
 * measures) are computed as metrics of their own, after the catalogue's.
 * Everything lives in the arena passed in.
 */
#ifndef SR_METRICS_H
#define SR_METRICS_H

#include "data/dataset.h"
#include "data/figures.h"
#include "data/loader.h"
#include "data/partnership.h"
#include "metrics/catalogue.h"
#include "metrics/value.h"

typedef struct {
    sr_mval v;
    const sr_figure **inputs; /* the submitted figures used */
    size_t ninputs;
    size_t inputs_cap; /* room in inputs (0: not this cell's own array) */
    size_t nbasis;     /* the first nbasis inputs are the count it rests on */
    int64_t counts[2]; /* the counts it rests on, for disclosure control */
    size_t ncounts;
    /* The value is the total the partner stated (the metric's `total`), the
     * one input; the parts, when given, were checked against it. */
    bool stated_total;
    /* Hidden by disclosure control not for being small but to protect a
     * small count hidden elsewhere (secondary suppression); protects says
     * how, in words: "the total of Child protection plans started, by
     * category of abuse would give it away". NULL otherwise. */
    const char *protects;
} sr_mcell;

typedef struct {
    const char *key;   /* the entry's path ("" for a single-valued metric) */
    const char *label; /* the row's name ("" for a single-valued metric) */
    sr_mcell cells[SR_MAX_YEARS];
    sr_mcell baseline; /* when the metric has a baseline in the year asked for */
    int baseline_year;
} sr_mrow;

typedef struct {
    const sr_metric_def *def;
    sr_mrow *rows;
    size_t nrows;
    /* A break declared in year i stops comparing year i with year i+1. */
    const sr_figure *break_date[SR_MAX_YEARS];
    const sr_figure *break_reason[SR_MAX_YEARS];
    /* The period year i's figures cover, from the data (the metric's
     * `period` block) as yyyymmdd; 0 when the data gives none. */
    int32_t period_from[SR_MAX_YEARS], period_to[SR_MAX_YEARS];
    /* Or the period in words, when the metric's `period` names a text
     * figure (referrals.percentages_period: "Quarter 4"); NULL otherwise. */
    const char *period_text[SR_MAX_YEARS];
} sr_metric;

typedef struct {
    int years[SR_MAX_YEARS]; /* years[0] is the year asked for; then earlier */
    bool have[SR_MAX_YEARS]; /* whether that year's data was loaded */
    size_t nyears;
    sr_metric *metrics;
    size_t nmetrics;
    const sr_partnership *p;
    sr_arena *a;          /* the arena everything lives in */
    const sr_year *year0; /* the data of the year asked for, or NULL */
    /* Submitted figures of year0 that outputs show as given rather than
     * through a metric (the training evaluations' tallies), hidden by
     * disclosure control: see sr_metrics_figure_hidden. */
    const sr_figure **hidden_figs;
    size_t nhidden_figs;
} sr_metrics;

/* Computes every metric of cat, then the local measures of year0 (measures
 * a partner sent that no metric of cat uses: see sr_catalogue_uses_measure),
 * each as a single-valued metric of its own with def->local set, named by
 * the measure's id. years[i] is the data for year0 - i, or NULL when that
 * year has no folder. */
sr_metrics *sr_metrics_compute(sr_arena *a, const sr_catalogue *cat, const sr_partnership *p,
                               int year0, sr_year *const *years, size_t nyears);

const sr_metric *sr_metrics_find(const sr_metrics *m, const char *id);

/* A warning at the metric's definition for each entry id a path of cat
 * names in brackets (`performance.measures[maar-presentations].count`, not
 * `[*]`) that no figure of the nyears years gives, with a did-you-mean over
 * the ids the data gives there: a typo there is otherwise a silent [x].
 * Local measures, and years with no data at all, are not checked. */
void sr_metrics_check_entry_ids(sr_arena *a, const sr_catalogue *cat, sr_year *const *years,
                                size_t nyears, sr_diags *d);

/* Whether disclosure control hides f, a submitted figure of the year asked
 * for that an output shows as given (a training evaluation's tally): show
 * it as [c]. Such tallies are protected as a table per evaluation, as any
 * other: a count from 1 to the threshold, and a second one so that it
 * cannot be worked out from the evaluation's total. */
bool sr_metrics_figure_hidden(const sr_metrics *m, const sr_figure *f);

sr_cmp sr_metric_compare(const sr_metrics *m, const sr_metric *mt, const sr_mrow *row, size_t i);

/* A row's figure for the year before the one asked for, as a column headed
 * with that year shows it: never a stated baseline of another year, which
 * the change says with its year ("from 26 in 2017-18"). [x] when the year
 * before was not loaded. */
sr_mval sr_metric_year_before(const sr_metrics *m, const sr_mrow *row);

/* Whether a row has a figure to show in year i's report: a value (true, a
 * zero, a stated [z], or hidden by disclosure control), or one it is
 * compared with. A row
 * with neither, such as a measure this partnership does not send, is left
 * out of the report's summary rather than shown as [x] twice. */
bool sr_metric_row_shown(const sr_metrics *m, const sr_metric *mt, const sr_mrow *row, size_t i);

/* Whether some row of mt has a value in year i (true, a zero, a stated [z],
 * or hidden by disclosure control). A table of a metric without one (every
 * figure of the year [x], such as training no partner sent this year) is
 * not shown: not in the report, not as a sheet of the workbook. */
bool sr_metric_has_figures(const sr_metric *mt, size_t i);

/* A count as a rate per 10,000 children aged 0 to 17 in year i ("351.4"),
 * hidden when the count is; "" for a metric that is not a count. */
void sr_mcell_rate(const sr_metrics *m, const sr_metric *mt, const sr_mcell *c, size_t i, char *buf,
                   size_t size);

/* The period year i of mt covers, in words ("1 July 2019 to 31 March 2020",
 * or the data's own words: "Quarter 4"), into buf; false (buf "") when the
 * data gives none (the figure covers the whole year). */
bool sr_metric_period(const sr_metric *mt, size_t i, char *buf, size_t size);

/* The value for running text ({{value:ID}} in the narrative): as shown
 * when there is a number; otherwise words, not shorthand. A hidden count
 * reads "a small number of" ("commissioned a small number of reviews"), or
 * "an undisclosed number of" when it is hidden to protect another; not
 * applicable "no". Other units: "not shown, to protect small numbers",
 * "not applicable". Any figure not available reads "not available" (and
 * the narrative's {{value:ID}} of one is a warning, an error with --final). */
void sr_mcell_words(const sr_mcell *c, sr_unit u, char *buf, size_t size);

#endif
