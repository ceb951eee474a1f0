/* TEMPORARY (this commit only): being rewritten for the new tree. */
#include "render/xlsx.h"
#include "render/render.h"
#include <stdio.h>
int sr_xlsx_write(const sr_document *doc, const sr_xlsx_options *o, sr_xlsx_stats *stats,
                  char *err, size_t errlen)
{
    (void)doc, (void)o, (void)stats;
    snprintf(err, errlen, "the workbook renderer is being rewritten");
    return -1;
}

static int write_stub(const sr_document *doc, const sr_render_options *o, const char *path,
                      sr_render_result *r, char *err, size_t errlen)
{
    (void)doc, (void)o, (void)path, (void)r;
    snprintf(err, errlen, "being rewritten");
    return -1;
}

const sr_output sr_output_xlsx = {"workbook", "%s-annual-report-%s-data.xlsx", false, true, write_stub};

#if 0 /* before the new tree: helper reference */
/* xlsx: the data annex with libxlsxwriter, see xlsx.h. */
#include "render/xlsx.h"

#include "core/arena.h"
#include "core/buf.h"
#include "core/fmt.h"
#include "core/fsutil.h"

#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <xlsxwriter.h>

typedef struct {
    const char *sheet;       /* sheet name (also the table's name, with a prefix) */
    const char *title;       /* A1 */
    const char *desc;        /* A2 */
    const sr_metric *metric; /* a metric with rows, or NULL for the others */
    int kind; /* 0 metric, 1 summary, 2 attendance, 3 evaluations, 4 local measures */
} sheet_plan;

typedef struct {
    lxw_workbook *wb;
    lxw_format *title, *wrap, *link, *fmt[5], *fmt_pence, *pct, *text;
    sr_arena *a;
    const sr_document *doc;
    const sr_dataset *ds;
    const sr_metrics *m;
    const char **notes; /* as many as the tables refer to (arena) */
    size_t nnotes, notes_cap;
    size_t tables;
} xw;

/* A note's number, adding it if new: "[note 3]". */
static int note(xw *x, const char *text)
{
    for (size_t i = 0; i < x->nnotes; i++)
        if (strcmp(x->notes[i], text) == 0)
            return (int)i + 1;
    if (x->nnotes == x->notes_cap) {
        size_t cap = x->notes_cap ? x->notes_cap * 2 : 16;
        const char **v = sr_arena_alloc(x->a, cap * sizeof *v);
        if (x->nnotes)
            memcpy(v, x->notes, x->nnotes * sizeof *v);
        x->notes = v;
        x->notes_cap = cap;
    }
    x->notes[x->nnotes++] = text;
    return (int)x->nnotes;
}

/* Sheet and table names: letters, digits and underscores, starting with a
 * capital letter: income-by-group -> Income_by_group. */
static const char *sheet_name(sr_arena *a, const char *id)
{
    char *s = sr_arena_strdup(a, id);
    for (char *p = s; *p; p++)
        if (!isalnum((unsigned char)*p))
            *p = '_';
    s[0] = (char)toupper((unsigned char)s[0]);
    if (strlen(s) > 31)
        s[31] = '\0';
    return s;
}

static lxw_format *format_for(xw *x, sr_unit u, const sr_mval *v)
{
    if (u == SR_U_MONEY && v && v->avail == SR_AVAILABLE && v->num % 100 != 0)
        return x->fmt_pence;
    return x->fmt[u];
}

/* The value as the spreadsheet holds it: pounds for money, a fraction for a
 * percentage. */
static double frac(double num, double den, sr_unit u)
{
    if (den == 0)
        den = 1;
    /* One division, so that 88.6% is stored as 0.886, not 0.88599999. */
    if (u == SR_U_MONEY || u == SR_U_PERCENTAGE)
        den *= 100;
    return num / den;
}

static double number(const sr_mval *v, sr_unit u)
{
    return frac((double)v->num, (double)v->den, u);
}

static const char *shorthand(const sr_mval *v)
{
    if (v->suppressed)
        return "[c]";
    return v->avail == SR_NOT_APPLICABLE ? "[z]" : "[x]";
}

static void write_value(xw *x, lxw_worksheet *ws, int row, int col, const sr_mval *v, sr_unit u)
{
    if (v->suppressed || v->avail != SR_AVAILABLE) {
        worksheet_write_string(ws, (lxw_row_t)row, (lxw_col_t)col, shorthand(v), x->text);
        return;
    }
    /* The exact value, shown to the places the report gives by the cell's
     * format: a change formula over two cells then gives the change the
     * report gives, which is worked out from the exact values too. */
    double d = number(v, u);
    worksheet_write_number(ws, (lxw_row_t)row, (lxw_col_t)col, d, format_for(x, u, v));
}

/* Change and percentage change: formulas over the two values beside them,
 * with cached results worked out from the exact values (what Excel gets when
 * it recalculates), shown to the places the PDF gives; the shorthand where there is no
 * comparison. */
static void write_change(xw *x, lxw_worksheet *ws, int row, int col, const sr_cmp *c, sr_unit u,
                         int prev_col, int cur_col)
{
    char f[128];
    lxw_row_t r = (lxw_row_t)row;
    if (c->status != SR_CMP_OK) {
        const char *s = c->status == SR_CMP_SUPPRESSED ? "[c]"
                        : c->status == SR_CMP_BREAK || c->status == SR_CMP_PERIOD ||
                                c->status == SR_CMP_STOPPED || c->status == SR_CMP_NEW
                            ? "[z]"
                            : "[x]";
        worksheet_write_string(ws, r, (lxw_col_t)col, s, x->text);
        worksheet_write_string(ws, r, (lxw_col_t)(col + 1), s, x->text);
        return;
    }
    char p[16], q[16];
    lxw_rowcol_to_cell(p, r, (lxw_col_t)prev_col);
    lxw_rowcol_to_cell(q, r, (lxw_col_t)cur_col);
    /* The cached change: the formula's result over the exact values the
     * two cells hold, so a recalculation changes nothing. */
    double diff = frac((double)c->dnum, (double)c->dden, u);
    snprintf(f, sizeof f, "=%s-%s", q, p);
    worksheet_write_formula_num(ws, r, (lxw_col_t)col, f, x->fmt[u], diff);
    if (!c->pct_ok) {
        worksheet_write_string(ws, r, (lxw_col_t)(col + 1), "[z]", x->text);
        return;
    }
    snprintf(f, sizeof f, "=(%s-%s)/%s", q, p, p);
    double pct = frac((double)c->pnum, (double)c->pden, SR_U_PERCENTAGE);
    worksheet_write_formula_num(ws, r, (lxw_col_t)(col + 1), f, x->pct, pct);
}

static const char *yname(sr_arena *a, int y)
{
    char b[16];
    sr_fmt_year(y, b, sizeof b);
    return sr_arena_strdup(a, b);
}

/* The note a comparison that was refused needs, worded as the PDF's table
 * note, with the figure's label in front (the notes sheet serves every
 * table): a break (in this year, or part-way through the year compared
 * with), or periods of different lengths. NULL for any other status. */
static const char *refused_note(xw *x, const sr_metric *mt, const sr_cmp *c)
{
    char w[400];
    if (c->status == SR_CMP_BREAK && c->break_reason && !c->break_earlier) {
        char when[40];
        sr_fmt_date((int32_t)c->break_date->v.i, when, sizeof when);
        return sr_arena_printf(x->a,
                               "%s: not compared with earlier years: the series was broken on "
                               "%s (%s).",
                               mt->def->label, when, c->break_reason->v.text);
    }
    if (c->status == SR_CMP_BREAK && c->break_reason) {
        sr_cmp_words(c, mt->def->unit, w, sizeof w);
        return sr_arena_printf(x->a, "%s: %s (%s).", mt->def->label, w, c->break_reason->v.text);
    }
    if (c->status == SR_CMP_PERIOD) {
        sr_cmp_words(c, mt->def->unit, w, sizeof w);
        return sr_arena_printf(x->a, "%s: %s.", mt->def->label, w);
    }
    return NULL;
}

/* The note of the first row of mt whose comparison was refused, as
 * " [note N]", or "". */
static const char *metric_note(xw *x, const sr_metric *mt)
{
    for (size_t r = 0; r < mt->nrows; r++) {
        const sr_mrow *row = &mt->rows[r];
        if (!sr_metric_row_shown(x->m, mt, row, 0))
            continue;
        sr_cmp c = sr_metric_compare(x->m, mt, row, 0);
        const char *t = refused_note(x, mt, &c);
        if (t)
            return sr_arena_printf(x->a, " [note %d]", note(x, t));
    }
    return "";
}

/* Title, description and a named table over rows x cols from row 3. */
static lxw_worksheet *begin_sheet(xw *x, const sheet_plan *s)
{
    lxw_worksheet *ws = workbook_add_worksheet(x->wb, s->sheet);
    worksheet_write_string(ws, 0, 0, s->title, x->title);
    worksheet_write_string(ws, 1, 0, s->desc, NULL);
    return ws;
}

static void add_table(xw *x, lxw_worksheet *ws, const char *name, int rows, int cols,
                      const char **heads)
{
    lxw_table_column **colv = sr_arena_alloc(x->a, (size_t)(cols + 1) * sizeof *colv);
    for (int c = 0; c < cols; c++) {
        colv[c] = sr_arena_alloc(x->a, sizeof **colv);
        colv[c]->header = (char *)heads[c];
    }
    if (rows == 0) {
        /* A table needs a row: say there is nothing, rather than leave the
         * sheet without its table. */
        worksheet_write_string(ws, 3, 0, "none given", x->text);
        rows = 1;
    }
    lxw_table_options opt = {0};
    opt.name = (char *)sr_arena_printf(x->a, "tbl_%s", name);
    opt.style_type = LXW_TABLE_STYLE_TYPE_LIGHT;
    opt.style_type_number = 1;
    opt.columns = colv;
    worksheet_add_table(ws, 2, 0, (lxw_row_t)(2 + rows), (lxw_col_t)(cols - 1), &opt);
    x->tables++;
}

static void metric_sheet(xw *x, const sheet_plan *s)
{
    const sr_metric *mt = s->metric;
    const sr_metrics *m = x->m;
    lxw_worksheet *ws = begin_sheet(x, s);
    const char *heads[5] = {mt->def->label, yname(x->a, m->years[0] - 1), yname(x->a, m->years[0]),
                            "Change", "Change (%)"};
    /* The first column's header: what the rows are. */
    heads[0] = "Item";
    worksheet_set_column(ws, 0, 0, 52, x->wrap);
    worksheet_set_column(ws, 1, 4, 14, NULL);
    int rows = 0;
    for (size_t r = 0; r < mt->nrows; r++) {
        const sr_mrow *row = &mt->rows[r];
        if (!sr_metric_row_shown(m, mt, row, 0))
            continue; /* no figure in either year, as in the report's tables */
        int rr = 3 + rows++;
        worksheet_write_string(ws, (lxw_row_t)rr, 0, row->label, x->wrap);
        sr_cmp c = sr_metric_compare(m, mt, row, 0);
        write_value(x, ws, rr, 1, &c.prev, mt->def->unit);
        write_value(x, ws, rr, 2, &row->cells[0].v, mt->def->unit);
        write_change(x, ws, rr, 3, &c, mt->def->unit, 1, 2);
    }
    add_table(x, ws, s->sheet, rows, 5, heads);
}

/* The summary (kind 4: the local measures). A figure compared with a
 * baseline the partner stated has the baseline and its year in columns of
 * their own, and its change formulas subtract that, not the year before. */
static void summary_sheet(xw *x, const sheet_plan *s)
{
    const sr_metrics *m = x->m;
    lxw_worksheet *ws = begin_sheet(x, s);
    const char *heads[9] = {s->kind == 4 ? "Measure" : "Figure",
                            "Unit",
                            yname(x->a, m->years[0] - 1),
                            yname(x->a, m->years[0]),
                            "Change",
                            "Change (%)",
                            "Baseline year",
                            "Baseline",
                            "Notes"};
    worksheet_set_column(ws, 0, 0, 60, x->wrap);
    worksheet_set_column(ws, 1, 1, 12, NULL);
    worksheet_set_column(ws, 2, 7, 14, NULL);
    worksheet_set_column(ws, 8, 8, 30, x->wrap);
    int rows = 0;
    for (size_t k = 0; k < m->nmetrics; k++) {
        const sr_metric *mt = &m->metrics[k];
        if (mt->def->each || mt->nrows != 1 || mt->def->local != (s->kind == 4) ||
            !sr_metric_row_shown(m, mt, &mt->rows[0], 0))
            continue;
        int rr = 3 + rows++;
        const sr_mrow *row = &mt->rows[0];
        sr_cmp c = sr_metric_compare(m, mt, row, 0);
        worksheet_write_string(ws, (lxw_row_t)rr, 0, mt->def->label, x->wrap);
        worksheet_write_string(ws, (lxw_row_t)rr, 1, sr_unit_name(mt->def->unit), NULL);
        sr_mval before = sr_metric_year_before(m, row);
        write_value(x, ws, rr, 2, &before, mt->def->unit);
        write_value(x, ws, rr, 3, &row->cells[0].v, mt->def->unit);
        if (c.from_baseline) {
            worksheet_write_string(ws, (lxw_row_t)rr, 6, yname(x->a, c.prev_year), NULL);
            write_value(x, ws, rr, 7, &c.prev, mt->def->unit);
        }
        write_change(x, ws, rr, 4, &c, mt->def->unit, c.from_baseline ? 7 : 2, 3);
        sr_buf n = SR_BUF_INIT;
        const char *refused = refused_note(x, mt, &c);
        if (refused)
            sr_buf_printf(&n, "[note %d]", note(x, refused));
        /* A figure over part of the year says so, in its label as the
         * report's does and in a note, whether or not it was compared. */
        char period[128], before_p[128];
        if (sr_metric_period(mt, 0, period, sizeof period)) {
            worksheet_write_string(ws, (lxw_row_t)rr, 0,
                                   sr_arena_printf(x->a, "%s (%s)", mt->def->label, period),
                                   x->wrap);
            if (c.status != SR_CMP_PERIOD) {
                bool pb = m->nyears > 1 && m->have[1] && m->years[1] == c.prev_year &&
                          sr_metric_period(mt, 1, before_p, sizeof before_p);
                const char *t =
                    pb ? sr_arena_printf(x->a,
                                         "%s: the figures for %s cover %s, and those for %s %s, "
                                         "not the whole year.",
                                         mt->def->label, yname(x->a, m->years[0]), period,
                                         yname(x->a, c.prev_year), before_p)
                       : sr_arena_printf(x->a,
                                         "%s: the figures for %s cover %s, not the whole year.",
                                         mt->def->label, yname(x->a, m->years[0]), period);
                sr_buf_printf(&n, "%s[note %d]", n.len ? " " : "", note(x, t));
            }
        }
        if (c.from_baseline)
            sr_buf_printf(&n, "%sCompared with %s, the baseline the partner gave.",
                          n.len ? " " : "", yname(x->a, c.prev_year));
        worksheet_write_string(ws, (lxw_row_t)rr, 8, sr_buf_str(&n), x->wrap);
        sr_buf_free(&n);
    }
    add_table(x, ws, s->sheet, rows, 9, heads);
}

/* The rows a sheet of each kind would have, when s is NULL; else the
 * sheet. */
static int attendance_sheet(xw *x, const sheet_plan *s)
{
    const sr_year *y = x->ds->have[0];
    lxw_worksheet *ws = s ? begin_sheet(x, s) : NULL;
    const char *heads[5] = {"Body", "Date", "Member", "Partner id", "Attendance"};
    if (ws) {
        worksheet_set_column(ws, 0, 0, 28, NULL);
        worksheet_set_column(ws, 1, 1, 18, NULL);
        worksheet_set_column(ws, 2, 2, 48, NULL);
        worksheet_set_column(ws, 3, 4, 16, NULL);
    }
    static const char *const lists[] = {"attended", "apologies", "absent"};
    static const char *const words[] = {"Attended", "Sent apologies", "Absent"};
    int rows = 0;
    for (size_t i = 0; y && i < y->figs.n; i++) {
        const sr_figure *f = &y->figs.v[i];
        if (strncmp(f->path, "attendance.meetings[", 20) != 0)
            continue;
        const char *close = strchr(f->path + 20, ']');
        if (!close)
            continue;
        int li = -1;
        for (int k = 0; k < 3; k++) {
            char key[32];
            snprintf(key, sizeof key, "].%s[", lists[k]);
            if (strstr(f->path, key))
                li = k;
        }
        if (li < 0)
            continue;
        char base[400];
        snprintf(base, sizeof base, "%.*s", (int)(close - f->path + 1), f->path);
        char p[460];
        snprintf(p, sizeof p, "%s.body", base);
        const sr_figure *body = sr_figures_get(&y->figs, p);
        snprintf(p, sizeof p, "%s.date", base);
        const sr_figure *date = sr_figures_get(&y->figs, p);
        if (!body || !date)
            continue;
        int rr = 3 + rows++;
        if (!ws)
            continue;
        char when[40];
        sr_fmt_date((int32_t)date->v.i, when, sizeof when);
        const sr_partner *pt = sr_partnership_find(x->ds->p, f->v.text);
        worksheet_write_string(ws, (lxw_row_t)rr, 0, body->v.text, NULL);
        worksheet_write_string(ws, (lxw_row_t)rr, 1, when, NULL);
        worksheet_write_string(ws, (lxw_row_t)rr, 2,
                               pt ? sr_partner_name_in(pt, x->ds->year0) : f->v.text, NULL);
        worksheet_write_string(ws, (lxw_row_t)rr, 3, f->v.text, NULL);
        worksheet_write_string(ws, (lxw_row_t)rr, 4, words[li], NULL);
    }
    if (ws)
        add_table(x, ws, s->sheet, rows, 5, heads);
    return rows;
}

static int evaluations_sheet(xw *x, const sheet_plan *s)
{
    const sr_year *y = x->ds->have[0];
    lxw_worksheet *ws = s ? begin_sheet(x, s) : NULL;
    const char *heads[4] = {"Evaluation", "Answer", "Score", "Responses"};
    if (ws) {
        worksheet_set_column(ws, 0, 0, 52, x->wrap);
        worksheet_set_column(ws, 1, 1, 30, NULL);
        worksheet_set_column(ws, 2, 3, 12, NULL);
    }
    int rows = 0;
    for (size_t i = 0; y && i < y->figs.n; i++) {
        const sr_figure *f = &y->figs.v[i];
        if (!sr_path_match("training.evaluations[*].ratings[*].count", f->path))
            continue;
        char base[400], p[460];
        snprintf(base, sizeof base, "%.*s", (int)(strlen(f->path) - strlen(".count")), f->path);
        snprintf(p, sizeof p, "%s.label", base);
        const sr_figure *label = sr_figures_get(&y->figs, p);
        snprintf(p, sizeof p, "%s.score", base);
        const sr_figure *score = sr_figures_get(&y->figs, p);
        const char *ev = strstr(base, "].ratings[");
        char epath[400];
        snprintf(epath, sizeof epath, "%.*s].title", (int)(ev - base), base);
        const sr_figure *title = sr_figures_get(&y->figs, epath);
        int rr = 3 + rows++;
        if (!ws)
            continue;
        worksheet_write_string(ws, (lxw_row_t)rr, 0, title ? title->v.text : "", x->wrap);
        worksheet_write_string(ws, (lxw_row_t)rr, 1, label ? label->v.text : "", NULL);
        if (score && score->v.avail == SR_AVAILABLE)
            worksheet_write_number(ws, (lxw_row_t)rr, 2, (double)score->v.i, x->fmt[SR_U_COUNT]);
        else
            worksheet_write_string(ws, (lxw_row_t)rr, 2, "[z]", x->text);
        if (sr_metrics_figure_hidden(x->m, f)) /* disclosure control */
            worksheet_write_string(ws, (lxw_row_t)rr, 3, "[c]", x->text);
        else if (f->v.avail == SR_AVAILABLE)
            worksheet_write_number(ws, (lxw_row_t)rr, 3, (double)f->v.i, x->fmt[SR_U_COUNT]);
        else
            worksheet_write_string(ws, (lxw_row_t)rr, 3, "[x]", x->text);
    }
    if (ws)
        add_table(x, ws, s->sheet, rows, 4, heads);
    return rows;
}

/* The rows of a metric's sheet: those with a figure in either year. */
static size_t metric_rows(const sr_metrics *m, const sr_metric *mt)
{
    size_t n = 0;
    for (size_t r = 0; r < mt->nrows; r++)
        n += sr_metric_row_shown(m, mt, &mt->rows[r], 0);
    return n;
}

/* The rows of the summary (local: of the local measures). */
static size_t summary_rows(const sr_metrics *m, bool local)
{
    size_t n = 0;
    for (size_t k = 0; k < m->nmetrics; k++) {
        const sr_metric *mt = &m->metrics[k];
        n += !mt->def->each && mt->nrows == 1 && mt->def->local == local &&
             sr_metric_row_shown(m, mt, &mt->rows[0], 0);
    }
    return n;
}

int sr_xlsx_write(const sr_document *doc, const sr_dataset *ds, const sr_metrics *m,
                  const sr_xlsx_options *o, sr_xlsx_stats *stats, char *err, size_t errlen)
{
    sr_arena *a = sr_arena_new();
    xw x = {.a = a, .doc = doc, .ds = ds, .m = m};
    /* Written beside the destination, renamed into place when complete. */
    char *tname = sr_temp_name(o->path, "xlsx");
    char *tmp = sr_arena_strdup(a, tname);
    free(tname);
    lxw_workbook_options wo = {.constant_memory = LXW_FALSE};
    x.wb = workbook_new_opt(tmp, &wo);
    if (!x.wb) {
        snprintf(err, errlen, "cannot create %s", tmp);
        sr_arena_free(a);
        return -1;
    }
    lxw_doc_properties props = {0};
    props.title = (char *)sr_arena_printf(a, "%s: data tables", doc->title);
    props.subject = (char *)doc->subject;
    props.author = (char *)doc->partnership;
    props.company = (char *)doc->partnership;
    props.keywords = (char *)doc->keywords;
    props.comments = "Made by sscp-report " SSCP_VERSION;
    props.created = (time_t)o->created;
    workbook_set_properties(x.wb, &props);
    workbook_set_custom_property_string(x.wb, "Language", (char *)doc->lang);

    x.title = workbook_add_format(x.wb);
    format_set_bold(x.title);
    format_set_font_size(x.title, 14);
    x.wrap = workbook_add_format(x.wb);
    format_set_text_wrap(x.wrap);
    format_set_align(x.wrap, LXW_ALIGN_VERTICAL_TOP);
    x.text = workbook_add_format(x.wb);
    format_set_align(x.text, LXW_ALIGN_RIGHT);
    x.link = workbook_add_format(x.wb);
    format_set_underline(x.link, LXW_UNDERLINE_SINGLE);
    format_set_font_color(x.link, 0x0B4F8A);
    static const char *const nf[] = {"#,##0", "\xC2\xA3#,##0", "0.0%", "#,##0.0", "#,##0.0"};
    for (int i = 0; i < 5; i++) {
        x.fmt[i] = workbook_add_format(x.wb);
        format_set_num_format(x.fmt[i], nf[i]);
    }
    x.fmt_pence = workbook_add_format(x.wb);
    format_set_num_format(x.fmt_pence, "\xC2\xA3#,##0.00");
    x.pct = workbook_add_format(x.wb);
    format_set_num_format(x.pct, "0.0%");

    /* The plan: every metric with rows, the summary, attendance, evaluations. */
    /* Room for every sheet: the summary, one per metric with rows, the
     * local measures, attendance and evaluations. */
    sheet_plan *plan = sr_arena_alloc(a, (m->nmetrics + 5) * sizeof *plan);
    size_t np = 0;
    char yr[16];
    sr_fmt_year(ds->year0, yr, sizeof yr);
    note(&x, "[x] means not available, [z] not applicable (such as a change across a series "
             "break or from 0), [c] hidden to protect small numbers.");
    if (ds->p->disclosure_control)
        note(&x, sr_arena_printf(a,
                                 "Counts from 1 to %lld are hidden as [c], and a second "
                                 "figure is hidden wherever a hidden one could be worked "
                                 "out from a total.",
                                 (long long)ds->p->suppression_threshold));
    /* A sheet only for a table with figures: no sheet (and no entry in the
     * contents) is all [x], or "none given". */
    if (summary_rows(m, false))
        plan[np++] =
            (sheet_plan){"Summary", sr_arena_printf(a, "Every figure, %s and the year before", yr),
                         "Each figure of the report with the year before and the change. "
                         "Change columns are formulas. [note 1]",
                         NULL, 1};
    for (size_t k = 0; k < m->nmetrics; k++) {
        const sr_metric *mt = &m->metrics[k];
        if (!mt->def->each || !sr_metric_has_figures(mt, 0) || metric_rows(m, mt) == 0)
            continue;
        /* A sheet whose comparisons a break (or periods of different
         * lengths) stops says why, as the report's table note does. */
        const char *d = sr_arena_printf(
            a, "Rows as submitted by partners, with the year before and the change. [note 1]%s",
            metric_note(&x, mt));
        /* Figures over a part of the year give that period, as the report's
         * caption does. */
        char period[128];
        const char *when = sr_metric_period(mt, 0, period, sizeof period) ? period : yr;
        plan[np++] = (sheet_plan){sheet_name(a, mt->def->id),
                                  sr_arena_printf(a, "%s, %s", mt->def->label, when), d, mt, 0};
    }
    if (summary_rows(m, true))
        plan[np++] = (sheet_plan){"Local_measures", sr_arena_printf(a, "Local measures, %s", yr),
                                  "Measures partners sent that are not in the metrics catalogue, "
                                  "with the year before and the change. Change columns are "
                                  "formulas. [note 1]",
                                  NULL, 4};
    if (attendance_sheet(&x, NULL))
        plan[np++] = (sheet_plan){"Attendance",
                                  sr_arena_printf(a, "Attendance at partnership meetings, %s", yr),
                                  "One row per member and meeting, as recorded.", NULL, 2};
    if (evaluations_sheet(&x, NULL))
        plan[np++] = (sheet_plan){"Evaluations", sr_arena_printf(a, "Training evaluations, %s", yr),
                                  "What attendees answered, as tallies. [note 1]", NULL, 3};

    /* Cover sheet. */
    lxw_worksheet *cover = workbook_add_worksheet(x.wb, "Cover_sheet");
    worksheet_set_column(cover, 0, 0, 110, x.wrap);
    worksheet_write_string(cover, 0, 0,
                           sr_arena_printf(a, "%s: data tables for %s, 1 April %d to 31 March %d",
                                           doc->partnership, ds->p->area, ds->year0, ds->year0 + 1),
                           x.title);
    worksheet_write_string(cover, 1, 0,
                           "This workbook holds every figure in the partnership's annual report, "
                           "with the year before and the change, one table per sheet.",
                           x.wrap);
    worksheet_write_string(cover, 2, 0,
                           "Source: the figures partner agencies sent to the "
                           "partnership, checked and computed by sscp-report.",
                           x.wrap);
    time_t ct = (time_t)o->created;
    struct tm tm;
    gmtime_r(&ct, &tm);
    char made[64];
    sr_fmt_date((tm.tm_year + 1900) * 10000 + (tm.tm_mon + 1) * 100 + tm.tm_mday, made,
                sizeof made);
    worksheet_write_string(
        cover, 3, 0, sr_arena_printf(a, "Reporting year: %s. Area: %s.", yr, ds->p->area), x.wrap);
    worksheet_write_string(
        cover, 4, 0, sr_arena_printf(a, "Contact: %s", ds->p->email ? ds->p->email : ds->p->name),
        x.wrap);
    worksheet_write_string(cover, 5, 0,
                           "Shorthand used in the tables, and notes on the figures, are on the "
                           "Notes sheet.",
                           x.wrap);
    worksheet_write_string(cover, 6, 0, sr_arena_printf(a, "Prepared: %s.", made), x.wrap);

    /* Contents. */
    lxw_worksheet *toc = workbook_add_worksheet(x.wb, "Table_of_contents");
    worksheet_write_string(toc, 0, 0, "Table of contents", x.title);
    worksheet_write_string(
        toc, 1, 0, "Each table is on its own sheet; select a sheet name to go to it.", NULL);
    worksheet_set_column(toc, 0, 0, 32, NULL);
    worksheet_set_column(toc, 1, 1, 90, x.wrap);
    for (size_t i = 0; i < np; i++) {
        char *url = sr_arena_printf(a, "internal:'%s'!A1", plan[i].sheet);
        worksheet_write_url_opt(toc, (lxw_row_t)(3 + i), 0, url, x.link, plan[i].sheet, NULL);
        worksheet_write_string(toc, (lxw_row_t)(3 + i), 1, plan[i].title, x.wrap);
    }

    /* Notes: filled once the tables have added theirs, so written last into
     * a sheet added now (sheet order is the order added). */
    lxw_worksheet *notes = workbook_add_worksheet(x.wb, "Notes");

    for (size_t i = 0; i < np; i++) {
        switch (plan[i].kind) {
        case 0:
            metric_sheet(&x, &plan[i]);
            break;
        case 1:
        case 4:
            summary_sheet(&x, &plan[i]);
            break;
        case 2:
            attendance_sheet(&x, &plan[i]);
            break;
        default:
            evaluations_sheet(&x, &plan[i]);
            break;
        }
    }
    {
        const char *heads[2] = {"Note number", "Note text"};
        worksheet_write_string(notes, 0, 0, "Notes", x.title);
        worksheet_write_string(notes, 1, 0,
                               "Notes referred to in the tables as [note 1] and so on.", NULL);
        worksheet_set_column(notes, 0, 0, 14, NULL);
        worksheet_set_column(notes, 1, 1, 100, x.wrap);
        for (size_t i = 0; i < x.nnotes; i++) {
            worksheet_write_string(notes, (lxw_row_t)(3 + i), 0,
                                   sr_arena_printf(a, "note %zu", i + 1), NULL);
            worksheet_write_string(notes, (lxw_row_t)(3 + i), 1, x.notes[i], x.wrap);
        }
        add_table(&x, notes, "Notes", (int)x.nnotes, 2, heads);
    }
    {
        const char *heads[2] = {"Sheet", "Table"};
        add_table(&x, toc, "Contents", (int)np, 2, heads);
    }
    lxw_error e = workbook_close(x.wb);
    int rc = 0;
    if (e != LXW_NO_ERROR) {
        snprintf(err, errlen, "cannot write the workbook: %s", lxw_strerror(e));
        unlink(tmp);
        rc = -1;
    } else if (sr_fsync_path(tmp) != 0 || rename(tmp, o->path) != 0) {
        snprintf(err, errlen, "cannot write %s: %s", o->path, strerror(errno));
        unlink(tmp);
        rc = -1;
    }
    if (stats) {
        stats->sheets = np + 3;
        stats->tables = x.tables;
    }
    sr_arena_free(a);
    return rc;
}

#endif
