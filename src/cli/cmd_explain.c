/* cmd_explain: `sscp-report explain YEAR METRIC`, how one figure was
 * worked out, and the file:line of every submitted figure it used. */
#include "cli/args.h"
#include "cli/cli.h"
#include "cli/report_data.h"
#include "core/fmt.h"
#include "core/suggest.h"

#include <stdlib.h>
#include <string.h>

static const char usage[] =
    "Usage: sscp-report explain [OPTIONS] YEAR METRIC\n"
    "\n"
    "Show how one figure of the report was worked out: the rule in the metrics\n"
    "catalogue, the submitted figures it used with the file and line each came\n"
    "from, the year it is compared with, and the change.\n"
    "\n"
    "  METRIC   a metric's id, as listed by: sscp-report metrics --format csv YEAR\n"
    "\n"
    "Options:\n"
    "  --data DIR        the data folder (default: ./data)\n"
    "  --templates DIR   the report template folder (default: ./report-templates)\n"
    "\n"
    "Example: sscp-report explain 2019-20 referrals\n";

static void rule(FILE *out, const sr_metric_def *d)
{
    const char *const *o = d->operands;
    switch (d->compute) {
    case SR_C_ENTRY:
        fprintf(out, "the figure of each entry matching %s", d->each);
        break;
    case SR_C_VALUE:
        fprintf(out, "the figure %s", o[0]);
        break;
    case SR_C_SUM:
        fprintf(out, "the sum of the figures matching");
        for (size_t i = 0; i < d->noperands; i++)
            fprintf(out, "%s %s", i ? "," : "", o[i]);
        break;
    case SR_C_DIFFERENCE:
        fprintf(out, "the figures matching %s, less those matching %s", o[0], o[1]);
        break;
    case SR_C_RATIO:
        fprintf(out, "the figures matching %s, divided by those matching %s", o[0], o[1]);
        break;
    case SR_C_SHARE:
        fprintf(out, "the figures matching %s as a percentage of those matching %s", o[0], o[1]);
        break;
    case SR_C_RATE:
        fprintf(out, "the sum of the figures matching");
        for (size_t i = 0; i < d->noperands; i++)
            fprintf(out, "%s %s", i ? "," : "", o[i]);
        fprintf(out, ", per 10,000 children aged 0 to 17");
        break;
    }
    if (d->each && d->compute != SR_C_ENTRY)
        fprintf(out, ", for each entry matching %s", d->each);
    if (d->total)
        fprintf(out, "; or the total %s, when it is given", d->total);
    fputc('\n', out);
}

static void inputs(FILE *out, const sr_mcell *c)
{
    for (size_t i = 0; i < c->ninputs; i++) {
        const sr_figure *f = c->inputs[i];
        if (c->stated_total && i == 1)
            fprintf(out, "    its parts, checked against it:\n");
        char v[64], where[512];
        sr_value_format(&f->v, v, sizeof v);
        snprintf(where, sizeof where, "%s:%u", f->loc.src->name, f->loc.line);
        fprintf(out, "    %14s  %s  %s\n", v, where, f->path);
    }
    if (c->ninputs == 0 && c->v.absent)
        fprintf(out, "    (not in this year's figures, while other entries are: it did not "
                     "happen this year)\n");
    else if (c->ninputs == 0)
        fprintf(out, "    (no submitted figure matches)\n");
}

static void exact(FILE *out, const sr_mval *v, const sr_metric_def *d, int64_t population)
{
    if (v->avail != SR_AVAILABLE || v->suppressed)
        return;
    switch (d->compute) {
    case SR_C_SHARE:
        fprintf(out, "    worked out: %lld / %lld x 100, shown to one decimal place\n",
                (long long)(v->num / 100), (long long)v->den);
        break;
    case SR_C_RATE:
        fprintf(out, "    worked out: %lld / %lld children x 10,000, shown to one decimal place\n",
                (long long)(v->num / 10000), (long long)population);
        break;
    case SR_C_RATIO:
        fprintf(out, "    worked out: %lld / %lld, shown to one decimal place\n", (long long)v->num,
                (long long)v->den);
        break;
    default:
        break;
    }
}

static void explain_row(FILE *out, const sr_report_data *rd, const sr_metric *mt,
                        const sr_mrow *row)
{
    const sr_metrics *m = rd->m;
    const sr_metric_def *d = mt->def;
    if (d->each)
        fprintf(out, "\n  %s (%s)\n", row->label, row->key);
    for (size_t i = 0; i < m->nyears; i++) {
        if (!m->have[i] && i > 0)
            continue;
        char y[16], v[48];
        sr_fmt_year(m->years[i], y, sizeof y);
        sr_mval_format(&row->cells[i].v, d->unit, v, sizeof v);
        const sr_mcell *cell = &row->cells[i];
        fprintf(out, "  %s: %s%s\n", y, v,
                cell->v.suppressed && cell->protects ? " (hidden to protect another figure)"
                : cell->v.suppressed                 ? " (hidden to protect small numbers)"
                                                     : "");
        if (cell->v.suppressed && cell->protects)
            fprintf(out, "    not a small number itself: %s\n", cell->protects);
        char period[128];
        if (sr_metric_period(mt, i, period, sizeof period))
            fprintf(out, "    covers: %s, not the whole year\n", period);
        if (!row->cells[i].v.suppressed) {
            if (row->cells[i].stated_total)
                fprintf(out, "    the total as stated, which wins over its parts\n");
            exact(out, &row->cells[i].v, d, sr_partnership_population(m->p, m->years[i]));
            inputs(out, &row->cells[i]);
        }
        if (mt->break_date[i] && mt->break_reason[i]) {
            char when[40];
            sr_fmt_date((int32_t)mt->break_date[i]->v.i, when, sizeof when);
            fprintf(out, "    series break on %s: %s (%s:%u)\n", when, mt->break_reason[i]->v.text,
                    mt->break_date[i]->loc.src->name, mt->break_date[i]->loc.line);
        }
    }
    if (row->baseline_year) {
        char y[16], v[48];
        sr_fmt_year(row->baseline_year, y, sizeof y);
        sr_mval_format(&row->baseline.v, d->unit, v, sizeof v);
        fprintf(out, "  baseline %s: %s\n", y, v);
        inputs(out, &row->baseline);
    }
    sr_cmp c = sr_metric_compare(m, mt, row, 0);
    char words[200], pct[48], diff[48];
    sr_cmp_words(&c, d->unit, words, sizeof words);
    sr_cmp_percent(&c, pct, sizeof pct);
    sr_cmp_diff(&c, d->unit, diff, sizeof diff);
    if (c.status == SR_CMP_OK)
        fprintf(out, "  change: %s (%s, %s)\n", words, diff, pct);
    else
        fprintf(out, "  change: %s\n", words);
    if (c.status == SR_CMP_BREAK && c.break_reason)
        fprintf(out, "    because: %s\n", c.break_reason->v.text);
}

/* Characters (not bytes) of UTF-8 text s. */
static size_t chars_of(const char *s)
{
    size_t n = 0;
    for (; *s; s++)
        n += ((unsigned char)*s & 0xC0) != 0x80;
    return n;
}

/* where f was read: "file:line  column", or why it has no place. */
static void bench_place(FILE *out, const sr_bfigure *f)
{
    if (f->src.file)
        fprintf(out, "%s:%u  %s", f->src.file, f->src.line, f->src.column);
    else if (f->why)
        fprintf(out, "(%s)", f->why);
    else
        fprintf(out, "(no row in the file)");
}

/* who, then the figure and its place, in columns w characters from the
 * start (a long name, such as "Kingston upon Hull, City of", widens the
 * column for the whole block rather than pushing its line out of it). A
 * figure worked out says from what: a rate per 10,000 children its count
 * and population, on one line; local authorities together each part (and
 * what it is weighted by) on lines of their own, indented. */
static void bench_line(FILE *out, const char *who, size_t w, const sr_bfigure *f, sr_unit u,
                       int depth)
{
    size_t c = chars_of(who) + 2 * (size_t)depth;
    fprintf(out, "    %*s%s%*s %10s  ", 2 * depth, "", who, (int)(c < w ? w - c : 0), "", f->shown);
    if (f->how == SR_BHOW_PER_10000 && f->nparts == 2) {
        const sr_bfigure *n = &f->parts[0], *p = &f->parts[1];
        if (f->sym == SR_BSYM_NONE)
            fprintf(out, "%s / %s children x 10,000: ", n->shown, p->shown);
        else if (f->why)
            fprintf(out, "%s: ", f->why);
        bench_place(out, n);
        if (p->src.file) {
            fprintf(out, "; ");
            bench_place(out, p);
        }
        fprintf(out, "\n");
        return;
    }
    if (f->how != SR_BHOW_COMBINED) {
        bench_place(out, f);
        fprintf(out, "\n");
        return;
    }
    fprintf(out, "the %zu local authorities together", f->nparts);
    if (f->sym == SR_BSYM_C)
        fprintf(out, ": not shown, to protect small numbers, as %s",
                f->why ? f->why : "one of them is not shown");
    else if (f->why)
        fprintf(out, ": not available, as %s", f->why);
    else if (!f->weights)
        fprintf(out, ", added");
    else if (f->nparts && f->parts[0].how == SR_BHOW_PER_10000)
        fprintf(out, ": their counts added / their children added x 10,000");
    else
        fprintf(out, ", weighted by %s",
                u == SR_U_RATE             ? "their numbers of children aged 0 to 17"
                : f->weights[0].src.column ? f->weights[0].src.column
                                           : "the counts they are of");
    fprintf(out, "\n");
    for (size_t k = 0; k < f->nparts; k++) {
        bench_line(out, f->parts[k].name ? f->parts[k].name : "", w, &f->parts[k], u, depth + 1);
        if (f->weights && f->parts[k].how != SR_BHOW_PER_10000)
            bench_line(out, "weight", w, &f->weights[k], SR_U_COUNT, depth + 2);
    }
}

/* The DfE's figures the metric is compared with, each traced to its line. */
static void explain_bench(FILE *out, const sr_report_data *rd, const sr_metric *mt)
{
    const char *id = mt->def->id;
    const sr_bench_cmp *first = sr_bench_next(rd->bench, id, NULL);
    if (first)
        fprintf(out, "  compared with the DfE's published figures:\n");
    for (const sr_bench_cmp *c = first; c; c = sr_bench_next(rd->bench, id, c)) {
        char y[16];
        sr_fmt_year(c->year, y, sizeof y);
        const sr_bsource *s = &c->table;
        fprintf(out, "  %s: %s, %s (%s), %s%d decimal place%s%s\n", y,
                s->publication ? s->publication : "", s->table ? s->table : "",
                s->release ? s->release : "",
                c->per_10000 ? "worked out per 10,000 children to " : "to ", c->places,
                c->places == 1 ? "" : "s",
                c->per_10000 ? " (the DfE publishes the count, not the rate)" : "");
        const char *an = c->area.name ? c->area.name : "the area",
                   *rn = c->region.name ? c->region.name : "the region";
        size_t w = 24;
        if (chars_of(an) > w)
            w = chars_of(an);
        if (chars_of(rn) > w)
            w = chars_of(rn);
        for (size_t k = 0; k < c->nneighbours; k++)
            if (c->neighbours[k].name && chars_of(c->neighbours[k].name) + 2 > w)
                w = chars_of(c->neighbours[k].name) + 2;
        for (size_t k = 0; k < c->area.nparts && c->area.how == SR_BHOW_COMBINED; k++)
            if (c->area.parts[k].name && chars_of(c->area.parts[k].name) + 4 > w)
                w = chars_of(c->area.parts[k].name) + 4;
        bench_line(out, an, w, &c->area, c->unit, 0);
        bench_line(out, "England", w, &c->england, c->unit, 0);
        bench_line(out, rn, w, &c->region, c->unit, 0);
        for (size_t k = 0; k < c->nneighbours; k++) {
            char who[160];
            snprintf(who, sizeof who, "  %s", c->neighbours[k].name);
            bench_line(out, who, w, &c->neighbours[k], c->unit, 0);
        }
        if (c->nneighbours)
            fprintf(out, "    %-*s %10s  the mean of %zu of the %zu neighbours (the list of %s)\n",
                    (int)w, "neighbours' mean", c->neighbours_mean_shown, c->nmean, c->nneighbours,
                    c->neighbours_as_of ? c->neighbours_as_of : "an unknown date");
        char lv[48] = "";
        if (c->local_differs)
            sr_mval_format(&c->local, c->unit, lv, sizeof lv);
        if (c->rank && c->local_differs)
            fprintf(out,
                    "    rank: %d of %zu, 1 the highest, of the DfE's figure for the area (%s), "
                    "not the submissions' (%s)\n",
                    c->rank, c->rank_of, c->area.shown, lv);
        else if (c->rank)
            fprintf(out, "    rank: %d of %zu, 1 the highest\n", c->rank, c->rank_of);
        if (c->local_differs)
            fprintf(out, "    differs from the submissions' %s\n", lv);
        if (c->break_note)
            fprintf(out, "    note: %s\n", c->break_note);
    }
}

static int run(int argc, char **argv)
{
    sr_report_data rd = {0};
    const char *pos[2] = {0};
    const sr_opt opts[] = {
        {"--data", NULL, &rd.data, NULL}, {"--templates", NULL, &rd.templates, NULL}, {0}};
    int npos;
    if (!sr_parse_args("explain", argc, argv, opts, pos, 2, &npos))
        return SR_EXIT_USAGE;
    if (npos < 2) {
        sr_usage_error("explain", "name a year and a metric, such as: explain 2019-20 referrals");
        return SR_EXIT_USAGE;
    }
    int year = sr_year_from_name(pos[0]);
    if (!year) {
        sr_usage_error("explain", "'%s' is not a reporting year; write it like 2019-20", pos[0]);
        return SR_EXIT_USAGE;
    }
    int code = sr_report_data_load(&rd, year, stderr);
    if (code != SR_EXIT_OK) {
        sr_report_data_free(&rd);
        return code;
    }
    const sr_metric *mt = sr_metrics_find(rd.m, pos[1]);
    if (!mt) {
        /* The catalogue's metrics and the year's local measures. */
        const char **ids = malloc((rd.m->nmetrics + 1) * sizeof *ids);
        if (!ids) {
            sr_fail("out of memory");
            sr_report_data_free(&rd);
            return SR_EXIT_IO;
        }
        for (size_t i = 0; i < rd.m->nmetrics; i++)
            ids[i] = rd.m->metrics[i].def->id;
        const char *best = sr_suggest(pos[1], ids, rd.m->nmetrics);
        if (best)
            sr_usage_error("explain", "there is no metric '%s'; did you mean '%s'?", pos[1], best);
        else
            sr_usage_error("explain", "there is no metric '%s' in %s/metrics.yaml", pos[1],
                           rd.templates);
        free(ids);
        sr_report_data_free(&rd);
        return SR_EXIT_USAGE;
    }
    const sr_metric_def *d = mt->def;
    printf("%s (%s)\n", d->label, d->id);
    printf("  computed as: ");
    rule(stdout, d);
    if (d->local)
        printf("  a local measure: not in the metrics catalogue, so it is shown in the report's "
               "Local measures table\n  given at %s:%u:%u\n",
               d->loc.src->name, d->loc.line, d->loc.col);
    else
        printf("  defined at %s:%u\n", d->loc.src->name, d->loc.line);
    if (rd.ds.p->disclosure_control)
        printf("  disclosure control is on: counts from 1 to %lld are hidden\n",
               (long long)rd.ds.p->suppression_threshold);
    for (size_t r = 0; r < mt->nrows; r++)
        explain_row(stdout, &rd, mt, &mt->rows[r]);
    if (mt->nrows == 0)
        printf("  no entries match %s\n", d->each);
    explain_bench(stdout, &rd, mt);
    sr_report_data_free(&rd);
    return SR_EXIT_OK;
}

const sr_command sr_cmd_explain = {
    "explain",
    "show how one figure was worked out, and where each input came from",
    usage,
    run,
};
