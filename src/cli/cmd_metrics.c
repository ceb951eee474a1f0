/* cmd_metrics: `sscp-report metrics YEAR`, every figure of the catalogue
 * for a year, with the year before, the change and the trend, as a table,
 * CSV or JSON. */
#include "cli/args.h"
#include "cli/cli.h"
#include "cli/report_data.h"
#include "core/buf.h"
#include "core/csv.h"
#include "core/fmt.h"
#include "core/json.h"

#include <stdlib.h>
#include <string.h>

static const char usage[] =
    "Usage: sscp-report metrics [OPTIONS] YEAR\n"
    "\n"
    "Print every figure in the metrics catalogue for a reporting year: its value,\n"
    "last year's, the change in words, and the findings of the checks across the\n"
    "year's files. The year's data and up to four years before it are read and\n"
    "checked first; errors stop it.\n"
    "\n"
    "Options:\n"
    "  --data DIR        the data folder (default: ./data)\n"
    "  --templates DIR   the report template folder with metrics.yaml\n"
    "                    (default: ./report-templates)\n"
    "  --format FORMAT   table (default), csv or json\n"
    "\n"
    "[x] not available, [z] not applicable, [c] hidden to protect small numbers\n"
    "(when disclosure control is switched on in partnership.yaml).\n"
    "\n"
    "See how one figure was worked out with: sscp-report explain YEAR METRIC\n";

static void yname(int y, char *buf, size_t n)
{
    sr_fmt_year(y, buf, n);
}

/* ---- table ------------------------------------------------------------------ */

#define LABEL_W 58

static void table_line(FILE *out, const sr_metrics *m, const sr_metric *mt, const sr_mrow *row,
                       const char *label, int indent)
{
    char cur[48], prev[48], words[200];
    sr_mval_format(&row->cells[0].v, mt->def->unit, cur, sizeof cur);
    sr_cmp c = sr_metric_compare(m, mt, row, 0);
    /* The column is the year before, as in the report: a stated baseline
     * of an earlier year is not shown in it (the change says its year). */
    sr_mval before = sr_metric_year_before(m, row);
    sr_mval_format(&before, mt->def->unit, prev, sizeof prev);
    sr_cmp_words(&c, mt->def->unit, words, sizeof words);
    int w = LABEL_W - indent;
    if ((int)strlen(label) > w)
        fprintf(out, "%*s%s\n%*s", indent, "", label, LABEL_W, "");
    else
        fprintf(out, "%*s%-*s", indent, "", w, label);
    fprintf(out, " %12s %12s   %s\n", cur, prev, words);
}

static void print_table(FILE *out, const sr_report_data *rd)
{
    const sr_metrics *m = rd->m;
    char y0[16], y1[16];
    yname(m->years[0], y0, sizeof y0);
    yname(m->years[0] - 1, y1, sizeof y1);
    fprintf(out, "%s: figures for %s\n\n", rd->ds.p->name, y0);
    fprintf(out, "%-*s %12s %12s   %s\n", LABEL_W, "Metric", y0, y1, "Change");
    for (size_t k = 0; k < m->nmetrics; k++) {
        const sr_metric *mt = &m->metrics[k];
        if (!mt->def->each) {
            table_line(out, m, mt, &mt->rows[0], mt->def->label, 0);
            continue;
        }
        fprintf(out, "%s\n", mt->def->label);
        for (size_t r = 0; r < mt->nrows; r++)
            table_line(out, m, mt, &mt->rows[r], mt->rows[r].label, 2);
        if (mt->nrows == 0)
            fprintf(out, "  (none given)\n");
    }
}

/* ---- benchmarks ------------------------------------------------------------------ */

/* The year's comparisons with the DfE's figures, when there are any. */
static void print_bench_text(FILE *out, const sr_report_data *rd)
{
    size_t n;
    const sr_bench_cmp *all = sr_bench_all(rd->bench, &n);
    bool any = false;
    for (size_t i = 0; i < n; i++) {
        const sr_bench_cmp *c = &all[i];
        if (c->year != rd->m->years[0])
            continue;
        const sr_metric *mt = sr_metrics_find(rd->m, c->metric_id);
        if (!any) {
            char y[16];
            yname(c->year, y, sizeof y);
            fprintf(out, "\nCompared with the DfE's figures for %s:\n", y);
            /* A name longer than its column is said above the table. */
            const char *an = c->area.name ? c->area.name : "Area";
            bool fits = strlen(an) <= 10;
            if (!fits && c->area.how != SR_BHOW_COMBINED)
                fprintf(out, "(Area: %s)\n", an);
            if (c->area.how == SR_BHOW_COMBINED) {
                fprintf(out, "(Area: %s, its %zu local authorities together:", an, c->area.nparts);
                for (size_t k = 0; k < c->area.nparts; k++) {
                    const sr_bfigure *pt = &c->area.parts[k];
                    bool coded = pt->name && pt->code && strcmp(pt->name, pt->code) != 0;
                    fprintf(out, "%s%s%s%s%s",
                            k == 0                    ? " "
                            : k + 1 == c->area.nparts ? " and "
                                                      : ", ",
                            pt->name ? pt->name : pt->code, coded ? " (" : "",
                            coded ? pt->code : "", coded ? ")" : "");
                }
                fprintf(out, ")\n");
            }
            fprintf(out, "%-*s %10s %10s %10s %10s  %s\n", LABEL_W - 10, "Metric",
                    fits ? an : "Area", "England", "Region", "Neighbours", "Rank");
        }
        any = true;
        const char *label = mt ? mt->def->label : c->metric_id;
        char rank[48] = "", mean[64];
        if (c->rank)
            snprintf(rank, sizeof rank, "%d of %zu", c->rank, c->rank_of);
        snprintf(mean, sizeof mean, "%s", c->neighbours_mean_shown);
        if ((int)strlen(label) > LABEL_W - 10)
            fprintf(out, "%s\n%-*s", label, LABEL_W - 10, "");
        else
            fprintf(out, "%-*s", LABEL_W - 10, label);
        fprintf(out, " %10s %10s %10s %10s  %s\n", c->area.shown, c->england.shown, c->region.shown,
                mean, rank);
        if (c->nmean < c->nneighbours)
            fprintf(out,
                    "%*s(the neighbours' mean is of %zu of %zu: the others have no "
                    "figure)\n",
                    4, "", c->nmean, c->nneighbours);
        if (c->per_10000)
            fprintf(out, "%*s(worked out per 10,000 children: the DfE publishes the count)\n", 4,
                    "");
        if (c->area.why)
            fprintf(out, "%*s(%s: %s, as %s)\n", 4, "", c->area.name,
                    c->area.sym == SR_BSYM_C ? "not shown, to protect small numbers"
                                             : "not available",
                    c->area.why);
        if (c->break_note)
            fprintf(out, "%*snote: %s\n", 4, "", c->break_note);
    }
    if (!any)
        return;
    size_t nf;
    const sr_bench_file *files = sr_bench_files(rd->bench, &nf);
    fprintf(out, "Sources:\n");
    for (size_t i = 0; i < nf; i++)
        fprintf(out, "  - %s: %s, %s (%s)\n", files[i].file, files[i].publication, files[i].table,
                files[i].release);
    const sr_bench_cmp *c0 = NULL;
    for (size_t i = 0; i < n && !c0; i++)
        if (all[i].nneighbours)
            c0 = &all[i];
    if (c0)
        fprintf(out, "  - statistical neighbours: %zu, the list of %s%s%s\n", c0->nneighbours,
                c0->neighbours_as_of ? c0->neighbours_as_of : "an unknown date",
                c0->neighbours_source ? ", from the " : "",
                c0->neighbours_source ? c0->neighbours_source : "");
    fprintf(out, "Rank: 1 is the highest of the area and its neighbours with a figure.\n");
}

/* ---- findings ------------------------------------------------------------------ */

static void print_findings_text(FILE *out, const sr_report_data *rd)
{
    const sr_diags *d = &rd->ds.d;
    size_t n = 0;
    for (size_t i = 0; i < d->n; i++)
        n += d->v[i].sev == SR_WARNING;
    /* Series breaks: why some figures are not compared. */
    bool any = false;
    for (size_t k = 0; k < rd->m->nmetrics; k++) {
        const sr_metric *mt = &rd->m->metrics[k];
        if (mt->def->each || mt->nrows != 1)
            continue;
        sr_cmp c = sr_metric_compare(rd->m, mt, &mt->rows[0], 0);
        if (c.status != SR_CMP_BREAK || !c.break_reason)
            continue;
        if (!any)
            fprintf(out, "\nNot compared with earlier years:\n");
        any = true;
        char when[40], y[16];
        sr_fmt_date((int32_t)c.break_date->v.i, when, sizeof when);
        sr_fmt_year(c.break_year, y, sizeof y);
        fprintf(out, "  - %s: the series was broken on %s%s%s: %s\n", mt->def->label, when,
                c.break_earlier ? ", in " : "", c.break_earlier ? y : "", c.break_reason->v.text);
    }
    /* Periods: figures that cover part of the year. */
    any = false;
    for (size_t k = 0; k < rd->m->nmetrics; k++) {
        const sr_metric *mt = &rd->m->metrics[k];
        char period[128];
        if (!sr_metric_period(mt, 0, period, sizeof period))
            continue;
        if (!any)
            fprintf(out, "\nFigures for part of the year:\n");
        any = true;
        fprintf(out, "  - %s: %s\n", mt->def->label, period);
    }
    if (n)
        fprintf(out, "\nFindings from the checks across the year's files:\n");
    else
        fprintf(out, "\nFindings from the checks across the year's files: none\n");
    for (size_t i = 0; i < d->n; i++) {
        if (d->v[i].sev != SR_WARNING)
            continue;
        char where[512];
        sr_loc_format(d->v[i].loc, where, sizeof where);
        fprintf(out, "  - %s (%s)\n", d->v[i].msg, where);
    }
    fprintf(out, "\n[x] not available  [z] not applicable  [c] hidden to protect small "
                 "numbers\n");
}

/* ---- CSV ------------------------------------------------------------------------ */

/* The value as a plain number for a spreadsheet: no separators or signs of
 * unit, rounded as shown; the shorthand when there is no number. */
static void plain(const sr_mval *v, sr_unit u, char *buf, size_t size)
{
    if (v->suppressed || v->avail != SR_AVAILABLE) {
        sr_mval_format(v, u, buf, size);
        return;
    }
    if (u == SR_U_COUNT) {
        snprintf(buf, size, "%lld", (long long)sr_round_frac(v->num, v->den, 0));
    } else if (u == SR_U_MONEY) {
        int64_t p = sr_round_frac(v->num, v->den, 0);
        if (p % 100)
            snprintf(buf, size, "%s%lld.%02lld", p < 0 ? "-" : "", llabs(p) / 100, llabs(p) % 100);
        else
            snprintf(buf, size, "%lld", (long long)(p / 100));
    } else {
        int64_t t = sr_round_frac(v->num, v->den, 1);
        snprintf(buf, size, "%s%lld.%lld", t < 0 ? "-" : "", llabs(t) / 10, llabs(t) % 10);
    }
}

static void print_csv(FILE *out, const sr_report_data *rd)
{
    const sr_metrics *m = rd->m;
    fputs("metric,label,row,unit,year,value,shown,compared_year,compared_value,change,"
          "change_percent,change_in_words,rate_per_10000,period\n",
          out);
    for (size_t k = 0; k < m->nmetrics; k++) {
        const sr_metric *mt = &m->metrics[k];
        for (size_t r = 0; r < mt->nrows; r++) {
            const sr_mrow *row = &mt->rows[r];
            char y[16], py[16], val[48], shown[48], pv[48], diff[48], pct[48], words[200], rate[48];
            sr_mcell_rate(m, mt, &row->cells[0], 0, rate, sizeof rate);
            yname(m->years[0], y, sizeof y);
            plain(&row->cells[0].v, mt->def->unit, val, sizeof val);
            sr_mval_format(&row->cells[0].v, mt->def->unit, shown, sizeof shown);
            sr_cmp c = sr_metric_compare(m, mt, row, 0);
            yname(c.prev_year, py, sizeof py);
            plain(&c.prev, mt->def->unit, pv, sizeof pv);
            sr_cmp_diff(&c, mt->def->unit, diff, sizeof diff);
            sr_cmp_percent(&c, pct, sizeof pct);
            sr_cmp_words(&c, mt->def->unit, words, sizeof words);
            sr_csv_field(out, mt->def->id, false);
            sr_csv_field(out, mt->def->label, false);
            sr_csv_field(out, row->label, false);
            sr_csv_field(out, sr_unit_name(mt->def->unit), false);
            sr_csv_field(out, y, false);
            sr_csv_field(out, val, false);
            sr_csv_field(out, shown, false);
            sr_csv_field(out, py, false);
            sr_csv_field(out, pv, false);
            sr_csv_field(out, diff, false);
            sr_csv_field(out, pct, false);
            sr_csv_field(out, words, false);
            sr_csv_field(out, rate, false);
            /* The part of the year the figure covers, as the report's
             * captions give it; empty for the whole year. */
            char period[128];
            if (!sr_metric_period(mt, 0, period, sizeof period))
                period[0] = '\0';
            sr_csv_field(out, period, true);
        }
    }
}

/* ---- JSON ------------------------------------------------------------------------- */

static void jval(sr_json *j, const sr_mval *v, sr_unit u)
{
    char p[48], s[48];
    plain(v, u, p, sizeof p);
    sr_mval_format(v, u, s, sizeof s);
    sr_json_object(j, false);
    sr_json_key(j, "value");
    if (!v->suppressed && v->avail == SR_AVAILABLE)
        sr_json_number(j, p);
    else
        sr_json_null(j);
    sr_json_key(j, "shown"), sr_json_str(j, s);
    sr_json_end(j);
}

/* A benchmark figure's digits as the DfE wrote them ("191.6"): its den is
 * a power of ten (the places written, or those worked out to). */
static void bdigits(const sr_mval *v, char *buf, size_t size)
{
    int places = 0;
    for (int64_t d = v->den; d > 1 && places < 18; d /= 10)
        places++;
    sr_fmt_fixed(v->num, places, false, buf, size);
}

static void jbfigure(sr_json *j, const sr_bfigure *f)
{
    sr_json_object(j, false);
    if (f->code)
        sr_json_key(j, "code"), sr_json_str(j, f->code);
    if (f->name)
        sr_json_key(j, "name"), sr_json_str(j, f->name);
    sr_json_key(j, "value");
    if (f->sym == SR_BSYM_NONE && f->v.avail == SR_AVAILABLE) {
        char n[48];
        bdigits(&f->v, n, sizeof n);
        sr_json_number(j, n);
    } else {
        sr_json_null(j);
    }
    sr_json_key(j, "shown"), sr_json_str(j, f->shown ? f->shown : "[x]");
    if (f->src.file) {
        sr_json_key(j, "source");
        sr_json_object(j, false);
        sr_json_key(j, "file"), sr_json_str(j, f->src.file);
        sr_json_key(j, "line"), sr_json_int(j, f->src.line);
        sr_json_key(j, "column"), sr_json_str(j, f->src.column);
        sr_json_key(j, "table"), sr_json_str(j, f->src.table);
        sr_json_key(j, "release"), sr_json_str(j, f->src.release);
        sr_json_end(j);
    }
    /* A figure worked out: how, from what, and why it is not available. */
    if (f->how == SR_BHOW_PER_10000 && f->nparts == 2) {
        sr_json_key(j, "worked_out"), sr_json_str(j, "per-10000-children");
        sr_json_key(j, "count"), jbfigure(j, &f->parts[0]);
        sr_json_key(j, "population"), jbfigure(j, &f->parts[1]);
    } else if (f->how == SR_BHOW_COMBINED) {
        sr_json_key(j, "worked_out"), sr_json_str(j, "local-authorities-together");
        sr_json_key(j, "parts");
        sr_json_array(j, false);
        /* Each part, with what it is weighted by for a rate or percentage. */
        for (size_t k = 0; k < f->nparts; k++) {
            sr_json_object(j, false);
            sr_json_key(j, "figure"), jbfigure(j, &f->parts[k]);
            if (f->weights)
                sr_json_key(j, "weight"), jbfigure(j, &f->weights[k]);
            sr_json_end(j);
        }
        sr_json_end(j);
    }
    if (f->why)
        sr_json_key(j, "why"), sr_json_str(j, f->why);
    sr_json_end(j);
}

/* The metric's comparisons with the DfE's figures, every year loaded. */
static void jbench(sr_json *j, const sr_report_data *rd, const sr_metric *mt)
{
    const char *id = mt->def->id;
    const sr_bench_cmp *first = sr_bench_next(rd->bench, id, NULL);
    if (first) {
        sr_json_key(j, "benchmarks");
        sr_json_array(j, false);
    }
    for (const sr_bench_cmp *c = first; c; c = sr_bench_next(rd->bench, id, c)) {
        char y[16];
        yname(c->year, y, sizeof y);
        sr_json_object(j, false);
        sr_json_key(j, "year"), sr_json_str(j, y);
        sr_json_key(j, "places"), sr_json_int(j, c->places);
        sr_json_key(j, "area"), jbfigure(j, &c->area);
        sr_json_key(j, "england"), jbfigure(j, &c->england);
        sr_json_key(j, "region"), jbfigure(j, &c->region);
        sr_json_key(j, "neighbours_mean");
        sr_json_object(j, false);
        sr_json_key(j, "value");
        /* As shown, to the places published, without separators or %. */
        if (c->neighbours_mean.avail == SR_AVAILABLE) {
            char mv[SR_FMT_MAX];
            sr_fmt_fixed(sr_round_frac(c->neighbours_mean.num, c->neighbours_mean.den, c->places),
                         c->places, false, mv, sizeof mv);
            sr_json_number(j, mv);
        } else {
            sr_json_null(j);
        }
        sr_json_key(j, "shown"), sr_json_str(j, c->neighbours_mean_shown);
        sr_json_key(j, "of"), sr_json_int(j, (long long)c->nmean);
        sr_json_key(j, "listed"), sr_json_int(j, (long long)c->nneighbours);
        if (c->neighbours_as_of)
            sr_json_key(j, "as_of"), sr_json_str(j, c->neighbours_as_of);
        sr_json_end(j);
        sr_json_key(j, "rank");
        if (c->rank) {
            sr_json_object(j, false);
            sr_json_key(j, "rank"), sr_json_int(j, c->rank);
            sr_json_key(j, "of"), sr_json_int(j, (long long)c->rank_of);
            sr_json_end(j);
        } else {
            sr_json_null(j);
        }
        sr_json_key(j, "neighbours");
        sr_json_array(j, false);
        for (size_t k = 0; k < c->nneighbours; k++)
            jbfigure(j, &c->neighbours[k]);
        sr_json_end(j);
        if (c->break_note)
            sr_json_key(j, "note"), sr_json_str(j, c->break_note);
        if (c->local_differs)
            sr_json_key(j, "differs_from_submissions"), sr_json_bool(j, true);
        sr_json_end(j);
    }
    if (first)
        sr_json_end(j);
}

static bool print_json(FILE *out, const sr_report_data *rd)
{
    const sr_metrics *m = rd->m;
    sr_buf b = SR_BUF_INIT;
    sr_json j;
    sr_json_init(&j, &b);
    char y[16];
    yname(m->years[0], y, sizeof y);
    sr_json_object(&j, true);
    sr_json_key(&j, "partnership"), sr_json_str(&j, rd->ds.p->name);
    sr_json_key(&j, "year"), sr_json_str(&j, y);
    sr_json_key(&j, "metrics");
    sr_json_array(&j, true);
    for (size_t k = 0; k < m->nmetrics; k++) {
        const sr_metric *mt = &m->metrics[k];
        sr_json_object(&j, false);
        sr_json_key(&j, "id"), sr_json_str(&j, mt->def->id);
        sr_json_key(&j, "label"), sr_json_str(&j, mt->def->label);
        sr_json_key(&j, "unit"), sr_json_str(&j, sr_unit_name(mt->def->unit));
        char period[128];
        if (sr_metric_period(mt, 0, period, sizeof period))
            sr_json_key(&j, "period"), sr_json_str(&j, period);
        sr_json_key(&j, "rows");
        sr_json_array(&j, false);
        for (size_t r = 0; r < mt->nrows; r++) {
            const sr_mrow *row = &mt->rows[r];
            sr_json_object(&j, false);
            if (mt->def->each)
                sr_json_key(&j, "label"), sr_json_str(&j, row->label);
            sr_json_key(&j, "value");
            jval(&j, &row->cells[0].v, mt->def->unit);
            if (mt->def->unit == SR_U_COUNT) {
                char rate[48];
                sr_mcell_rate(m, mt, &row->cells[0], 0, rate, sizeof rate);
                sr_json_key(&j, "rate_per_10000"), sr_json_str(&j, rate);
            }
            sr_cmp c = sr_metric_compare(m, mt, row, 0);
            char py[16], diff[48], pct[48], words[200];
            yname(c.prev_year, py, sizeof py);
            sr_cmp_diff(&c, mt->def->unit, diff, sizeof diff);
            sr_cmp_percent(&c, pct, sizeof pct);
            sr_cmp_words(&c, mt->def->unit, words, sizeof words);
            sr_json_key(&j, "compared_with");
            sr_json_object(&j, false);
            sr_json_key(&j, "year"), sr_json_str(&j, py);
            sr_json_key(&j, "value");
            jval(&j, &c.prev, mt->def->unit);
            sr_json_end(&j);
            sr_json_key(&j, "change"), sr_json_str(&j, diff);
            sr_json_key(&j, "change_percent"), sr_json_str(&j, pct);
            sr_json_key(&j, "change_in_words"), sr_json_str(&j, words);
            if (c.status == SR_CMP_BREAK && c.break_reason)
                sr_json_key(&j, "note"), sr_json_str(&j, c.break_reason->v.text);
            else if (c.status == SR_CMP_PERIOD)
                sr_json_key(&j, "note"), sr_json_str(&j, words);
            /* The trend: every year loaded, oldest first, with breaks marked. */
            sr_json_key(&j, "trend");
            sr_json_array(&j, false);
            for (size_t i = m->nyears; i-- > 0;) {
                if (!m->have[i])
                    continue;
                char ty[16];
                yname(m->years[i], ty, sizeof ty);
                sr_json_object(&j, false);
                sr_json_key(&j, "year"), sr_json_str(&j, ty);
                sr_json_key(&j, "value");
                jval(&j, &row->cells[i].v, mt->def->unit);
                if (mt->break_date[i])
                    sr_json_key(&j, "break_before"), sr_json_bool(&j, true);
                char tp[128];
                if (sr_metric_period(mt, i, tp, sizeof tp))
                    sr_json_key(&j, "period"), sr_json_str(&j, tp);
                sr_json_end(&j);
            }
            sr_json_end(&j);
            sr_json_end(&j);
        }
        sr_json_end(&j);
        jbench(&j, rd, mt);
        sr_json_end(&j);
    }
    sr_json_end(&j);
    sr_json_key(&j, "findings");
    sr_json_array(&j, true);
    for (size_t i = 0; i < rd->ds.d.n; i++) {
        const sr_diag *g = &rd->ds.d.v[i];
        if (g->sev != SR_WARNING)
            continue;
        char where[512];
        sr_loc_format(g->loc, where, sizeof where);
        sr_json_object(&j, false);
        sr_json_key(&j, "message"), sr_json_str(&j, g->msg);
        sr_json_key(&j, "where"), sr_json_str(&j, where);
        sr_json_end(&j);
    }
    sr_json_end(&j);
    sr_json_end(&j);
    bool ok = sr_json_finish(&j);
    if (ok)
        fputs(sr_buf_str(&b), out);
    else
        sr_fail("internal error: the figures could not be written as JSON");
    sr_buf_free(&b);
    return ok;
}

static int run(int argc, char **argv)
{
    sr_report_data rd = {0};
    const char *format = "table", *year = NULL;
    const sr_opt opts[] = {{"--data", NULL, &rd.data, NULL},
                           {"--templates", NULL, &rd.templates, NULL},
                           {"--format", NULL, &format, NULL},
                           {0}};
    int npos;
    if (!sr_parse_args("metrics", argc, argv, opts, &year, 1, &npos))
        return SR_EXIT_USAGE;
    if (strcmp(format, "table") != 0 && strcmp(format, "csv") != 0 && strcmp(format, "json") != 0) {
        sr_usage_error("metrics", "unknown format '%s'; use table, csv or json", format);
        return SR_EXIT_USAGE;
    }
    if (!year) {
        sr_usage_error("metrics", "name a reporting year, such as: metrics 2019-20");
        return SR_EXIT_USAGE;
    }
    if (!sr_year_from_name(year)) {
        sr_usage_error("metrics", "'%s' is not a reporting year; write it like 2019-20", year);
        return SR_EXIT_USAGE;
    }
    int code = sr_report_data_load(&rd, sr_year_from_name(year), stderr);
    if (code == SR_EXIT_OK) {
        sr_diags_sort(&rd.ds.d);
        if (strcmp(format, "csv") == 0) {
            print_csv(stdout, &rd);
        } else if (strcmp(format, "json") == 0) {
            if (!print_json(stdout, &rd))
                code = SR_EXIT_IO;
        } else {
            print_table(stdout, &rd);
            print_bench_text(stdout, &rd);
            print_findings_text(stdout, &rd);
        }
    }
    sr_report_data_free(&rd);
    return code;
}

const sr_command sr_cmd_metrics = {
    "metrics",
    "print every figure of a year, the year before and the change",
    usage,
    run,
};
