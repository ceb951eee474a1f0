/* xlsx: the data annex with libxlsxwriter, see xlsx.h.
 *
 * A renderer of the tree's ANNEX: each table there is a sheet, written the
 * same way whatever it holds (title in A1, description in A2, a named
 * table from row 3 with the columns the workbook shows). Text cells are
 * strings; values are numbers in the units a spreadsheet uses (pounds, a
 * percentage as a fraction) with formats that show them to the report's
 * places; the shorthand ([x], [z], [c]) is a string set right; changes are
 * formulas over the cells of the columns they compare, with the results
 * the report gives cached. The cover, the contents and the notes sheet come
 * first, from the document's fields; the cover gives the publication date
 * (or that there is none yet) and links to the report's other forms beside
 * it. Each sheet's title is a heading (bold, larger); a row with wrapped
 * words is made as high as their lines, estimated from the column's width
 * (a spreadsheet does not measure them when it opens the file).
 */
#include "render/xlsx.h"

#include "core/arena.h"
#include "core/fmt.h"
#include "core/fsutil.h"
#include "render/render.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>
#include <xlsxwriter.h>

/* The row of a table's header (row 3), under the title (A1) and the
 * description (A2). */
#define TABLE_ROW 2

typedef struct {
    lxw_workbook *wb;
    lxw_format *title, *plain, *wrap, *head, *link, *fmt[5], *fmt_pence, *pct, *text;
    lxw_format *fmt_places[5][4]; /* by unit and decimal places, made when first needed */
    sr_arena *a;
    size_t tables;
    bool failed;
    char msg[512]; /* the first thing that went wrong */
} xw;

static void fail(xw *x, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static void fail(xw *x, const char *fmt, ...)
{
    if (x->failed)
        return;
    x->failed = true;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(x->msg, sizeof x->msg, fmt, ap);
    va_end(ap);
}

/* Notes a library error (where: the sheet); true when there was none. */
static bool ok(xw *x, lxw_error e, const char *where)
{
    if (e == LXW_NO_ERROR)
        return true;
    fail(x, "%s: %s", where, lxw_strerror(e));
    return false;
}

static lxw_format *new_format(xw *x)
{
    lxw_format *f = workbook_add_format(x->wb);
    if (!f)
        fail(x, "cannot add a cell format");
    return f;
}

/* ---- row heights ------------------------------------------------------------------------ */

/* The height of a line of the body's type (Calibri 11), and of a title's
 * (14 point), in points: Excel's own. */
#define LINE_HEIGHT  15.0
#define TITLE_HEIGHT 18.75

/* How many lines text takes in a wrapped cell `width` characters wide:
 * its words laid on lines greedily, a line for each line break. A width
 * counts the widest digit; words are mostly narrower letters, so counting
 * one character for each unit of width errs on the side of a line too
 * many, never of text cut off. */
static unsigned lines_in(const char *text, double width)
{
    size_t cap = width >= 1 ? (size_t)width : 1;
    unsigned lines = 1;
    size_t used = 0; /* characters on the line so far */
    const unsigned char *p = (const unsigned char *)(text ? text : "");
    while (*p) {
        if (*p == '\n') {
            lines++;
            used = 0;
            p++;
            continue;
        }
        if (*p == ' ') {
            p++;
            continue;
        }
        size_t w = 0; /* the word's characters, not bytes */
        for (; *p && *p != ' ' && *p != '\n'; p++)
            w += (*p & 0xC0) != 0x80;
        if (used && used + 1 + w <= cap) {
            used += 1 + w;
            continue;
        }
        if (used)
            lines++;
        /* A word longer than the line is broken where it reaches the edge. */
        while (w > cap) {
            lines++;
            w -= cap;
        }
        used = w;
    }
    return lines;
}

/* Sets row's height to fit `lines` lines of body text (nothing for one:
 * the default fits it). */
static void fit_row(xw *x, lxw_worksheet *ws, lxw_row_t row, unsigned lines, const char *sheet)
{
    if (lines > 1)
        ok(x, worksheet_set_row(ws, row, LINE_HEIGHT * lines, NULL), sheet);
}

/* ---- cells ----------------------------------------------------------------------------- */

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

static lxw_format *format_for(xw *x, sr_unit u, const sr_mval *v)
{
    if (u == SR_U_MONEY && v->avail == SR_AVAILABLE && v->num % 100 != 0)
        return x->fmt_pence;
    return x->fmt[u];
}

static bool unit_ok(sr_unit u)
{
    return u >= SR_U_COUNT && u <= SR_U_RATIO;
}

/* The format of a figure shown with `places` decimal places, as its
 * publisher gives it (a rate per 10,000 to 0 or 1 place, a percentage to
 * 1): made once for each unit and number of places. */
static lxw_format *format_places(xw *x, sr_unit u, int places)
{
    if (places < 0)
        places = 0;
    if (places > 3)
        places = 3;
    if (x->fmt_places[u][places])
        return x->fmt_places[u][places];
    lxw_format *f = new_format(x);
    if (!f)
        return x->fmt[u];
    const char *zeros = &"000"[3 - places];
    char nf[32];
    if (u == SR_U_PERCENTAGE)
        snprintf(nf, sizeof nf, "0%s%s%%", places ? "." : "", zeros);
    else
        snprintf(nf, sizeof nf, "#,##0%s%s", places ? "." : "", zeros);
    format_set_num_format(f, nf);
    return x->fmt_places[u][places] = f;
}

/* The decimal places in a figure as shown ("191.6": 1, "67": 0, "22.6%": 1). */
static int places_in(const char *shown)
{
    const char *dot = strchr(shown, '.');
    int n = 0;
    for (const char *p = dot ? dot + 1 : ""; *p >= '0' && *p <= '9'; p++)
        n++;
    return n;
}

static void write_value(xw *x, lxw_worksheet *ws, lxw_row_t row, lxw_col_t col, const sr_mval *v,
                        sr_unit u, const char *shown, const char *sheet)
{
    if (v->suppressed || v->avail != SR_AVAILABLE || (shown && shown[0] == '[')) {
        if (shown) {
            ok(x, worksheet_write_string(ws, row, col, shown, x->text), sheet);
            return;
        }
        char s[16];
        sr_mval_format(v, u, s, sizeof s); /* the shorthand */
        ok(x, worksheet_write_string(ws, row, col, s, x->text), sheet);
        return;
    }
    /* The exact value. Published to its own places (shown): shown with as
     * many. Otherwise shown to the places the report gives by the cell's
     * format: a change formula over two cells then gives the change the
     * report gives, which is worked out from the exact values too. */
    double d = frac((double)v->num, (double)v->den, u);
    lxw_format *f = shown ? format_places(x, u, places_in(shown)) : format_for(x, u, v);
    ok(x, worksheet_write_number(ws, row, col, d, f), sheet);
}

/* A change (pct: the percentage change) of the cell at (r, c) of t: a
 * formula over the cells of the columns compared, with its result cached,
 * worked out from the exact values (what Excel gets when it recalculates);
 * the shorthand where there is no comparison. pos maps t's columns to the
 * sheet's. */
static void write_change(xw *x, lxw_worksheet *ws, lxw_row_t row, lxw_col_t col, const sr_dtable *t,
                         size_t c, const sr_dcell *cell, const int *pos)
{
    const sr_dcol *dc = &t->cols[c];
    const sr_cmp *cmp = cell->cmp;
    bool pct = dc->kind == SR_COL_CHANGE_PCT;
    if (dc->kind != SR_COL_CHANGE && !pct) {
        fail(x, "%s: column %zu holds changes but is not a change column", t->sheet, c + 1);
        return;
    }
    if (!cmp) {
        fail(x, "%s: a change in column %zu has no comparison", t->sheet, c + 1);
        return;
    }
    if (cmp->status != SR_CMP_OK || (pct && !cmp->pct_ok)) {
        char s[160];
        if (pct)
            sr_cmp_percent(cmp, s, sizeof s);
        else
            sr_cmp_diff(cmp, cell->unit, s, sizeof s);
        ok(x, worksheet_write_string(ws, row, col, s, x->text), t->sheet);
        return;
    }
    int from = cmp->from_baseline && dc->base >= 0 ? dc->base : dc->prev;
    int to = dc->cur;
    if (from < 0 || to < 0 || (size_t)from >= t->ncols || (size_t)to >= t->ncols || pos[from] < 0 ||
        pos[to] < 0) {
        fail(x, "%s: the change in column %zu is over a column the workbook does not show",
             t->sheet, c + 1);
        return;
    }
    char p[LXW_MAX_CELL_NAME_LENGTH], q[LXW_MAX_CELL_NAME_LENGTH], f[4 * LXW_MAX_CELL_NAME_LENGTH];
    lxw_rowcol_to_cell(p, row, (lxw_col_t)pos[from]);
    lxw_rowcol_to_cell(q, row, (lxw_col_t)pos[to]);
    if (pct) {
        snprintf(f, sizeof f, "=(%s-%s)/%s", q, p, p);
        double v = frac((double)cmp->pnum, (double)cmp->pden, SR_U_PERCENTAGE);
        ok(x, worksheet_write_formula_num(ws, row, col, f, x->pct, v), t->sheet);
    } else {
        snprintf(f, sizeof f, "=%s-%s", q, p);
        double v = frac((double)cmp->dnum, (double)cmp->dden, cell->unit);
        ok(x, worksheet_write_formula_num(ws, row, col, f, x->fmt[cell->unit], v), t->sheet);
    }
}

static void write_cell(xw *x, lxw_worksheet *ws, lxw_row_t row, lxw_col_t col, const sr_dtable *t,
                       size_t r, size_t c, const int *pos, bool wrap)
{
    const sr_dcell *cell = sr_dtable_cell(t, r, c);
    lxw_format *plain = wrap ? x->wrap : NULL;
    if ((cell->kind == SR_CELL_VALUE || cell->kind == SR_CELL_CHANGE) && !unit_ok(cell->unit)) {
        fail(x, "%s: row %zu, column %zu has no unit", t->sheet, r + 1, c + 1);
        return;
    }
    switch (cell->kind) {
    case SR_CELL_EMPTY:
        /* Blank; in a column that wraps, blank with its format, as a text
         * cell with no words is. */
        ok(x, worksheet_write_blank(ws, row, col, plain), t->sheet);
        break;
    case SR_CELL_TEXT:
        ok(x, worksheet_write_string(ws, row, col, cell->text ? cell->text : "", plain), t->sheet);
        break;
    case SR_CELL_VALUE:
        write_value(x, ws, row, col, &cell->v, cell->unit, cell->shown, t->sheet);
        break;
    case SR_CELL_CHANGE:
        write_change(x, ws, row, col, t, c, cell, pos);
        break;
    }
}

/* ---- sheets ---------------------------------------------------------------------------- */

/* A named table over rows x cols from row 3 (TABLE_ROW), headed heads
 * (wrapped, as the row's height is set to fit them). */
static void add_table(xw *x, lxw_worksheet *ws, const char *name, size_t rows, size_t cols,
                      const char *const *heads)
{
    if (cols == 0) {
        fail(x, "%s: a table with no columns in the workbook", name);
        return;
    }
    lxw_table_column **colv = sr_arena_alloc(x->a, (cols + 1) * sizeof *colv);
    for (size_t c = 0; c < cols; c++) {
        colv[c] = sr_arena_alloc(x->a, sizeof **colv);
        colv[c]->header = (char *)heads[c];
        colv[c]->header_format = x->head;
    }
    if (rows == 0) {
        /* A table needs a row: say there is nothing, rather than leave the
         * sheet without its table. */
        ok(x, worksheet_write_string(ws, TABLE_ROW + 1, 0, "none given", x->text), name);
        rows = 1;
    }
    lxw_table_options opt = {0};
    opt.name = sr_arena_printf(x->a, "tbl_%s", name);
    opt.style_type = LXW_TABLE_STYLE_TYPE_LIGHT;
    opt.style_type_number = 1;
    opt.columns = colv;
    if (ok(x,
           worksheet_add_table(ws, TABLE_ROW, 0, (lxw_row_t)(TABLE_ROW + rows),
                               (lxw_col_t)(cols - 1), &opt),
           name))
        x->tables++;
}

static lxw_worksheet *add_sheet(xw *x, const char *name)
{
    /* Checked first, for a message saying what is wrong with the name. */
    lxw_error e = workbook_validate_sheet_name(x->wb, name);
    if (e != LXW_NO_ERROR) {
        fail(x, "cannot name a sheet \"%s\": %s", name, lxw_strerror(e));
        return NULL;
    }
    lxw_worksheet *ws = workbook_add_worksheet(x->wb, name);
    if (!ws)
        fail(x, "cannot add the sheet \"%s\"", name);
    return ws;
}

/* A column's width in the workbook, in characters. */
static double col_width(const sr_dcol *dc)
{
    return dc->width > 0 ? dc->width : LXW_DEF_COL_WIDTH;
}

/* How wide a column of words is made, at most, to hold its longest entry
 * on one line; an entry longer than this wraps at this width. */
#define WIDEST_COLUMN 60

/* The characters (not bytes) of text's longest line. */
static size_t longest_line(const char *text)
{
    size_t best = 0, n = 0;
    for (const unsigned char *p = (const unsigned char *)(text ? text : ""); *p; p++) {
        if (*p == '\n') {
            n = 0;
            continue;
        }
        n += (*p & 0xC0) != 0x80;
        best = n > best ? n : best;
    }
    return best;
}

/* Column c's width and whether it wraps, as written: the table's, but a
 * column of words whose longest entry would not fit (a spreadsheet cuts
 * it off at the next filled cell) is widened to hold it, up to
 * WIDEST_COLUMN characters, and past that wraps at that width. */
static void fit_column(const sr_dtable *t, size_t c, double *width, bool *wrap)
{
    const sr_dcol *dc = &t->cols[c];
    *width = col_width(dc);
    *wrap = dc->wrap;
    if (dc->wrap || sr_dcol_numeric(dc))
        return;
    size_t longest = 0;
    for (size_t r = 0; r < t->nrows; r++) {
        const sr_dcell *cell = sr_dtable_cell(t, r, c);
        if (cell->kind == SR_CELL_TEXT) {
            size_t l = longest_line(cell->text);
            longest = l > longest ? l : longest;
        }
    }
    if ((double)longest <= *width)
        return;
    if (longest <= WIDEST_COLUMN) {
        *width = (double)longest + 1;
    } else {
        *width = *width > WIDEST_COLUMN ? *width : WIDEST_COLUMN;
        *wrap = true;
    }
}

/* A sheet's title in A1, set as a heading, its row high enough for it. */
static void title_row(xw *x, lxw_worksheet *ws, const char *title, const char *sheet)
{
    ok(x, worksheet_write_string(ws, 0, 0, title ? title : "", x->title), sheet);
    ok(x, worksheet_set_row(ws, 0, TITLE_HEIGHT, NULL), sheet);
}

/* Column widths and wrapping (width and wrap, by t's column): one setting
 * for each run of written columns alike. */
static void set_widths(xw *x, lxw_worksheet *ws, const sr_dtable *t, const int *pos,
                       const double *width, const bool *wrap)
{
    size_t c = 0;
    while (c < t->ncols) {
        if (pos[c] < 0 || (width[c] == LXW_DEF_COL_WIDTH && !wrap[c])) {
            c++;
            continue;
        }
        size_t e = c + 1;
        while (e < t->ncols && pos[e] >= 0 && width[e] == width[c] && wrap[e] == wrap[c])
            e++;
        ok(x,
           worksheet_set_column(ws, (lxw_col_t)pos[c], (lxw_col_t)pos[e - 1], width[c],
                                wrap[c] ? x->wrap : NULL),
           t->sheet);
        c = e;
    }
}

static void table_sheet(xw *x, const sr_dtable *t)
{
    lxw_worksheet *ws = add_sheet(x, t->sheet);
    if (!ws)
        return;
    title_row(x, ws, t->title, t->sheet);
    /* Plain, not wrapped as the column under it may be: it runs on to the
     * right over the empty cells. */
    ok(x, worksheet_write_string(ws, 1, 0, t->desc ? t->desc : "", x->plain), t->sheet);
    /* The columns the workbook shows, and where each is. */
    int *pos = sr_arena_alloc(x->a, (t->ncols + 1) * sizeof *pos);
    const char **heads = sr_arena_alloc(x->a, (t->ncols + 1) * sizeof *heads);
    size_t n = 0;
    for (size_t c = 0; c < t->ncols; c++) {
        const sr_dcol *dc = &t->cols[c];
        if (!(dc->shown & SR_OUT_DATA)) {
            pos[c] = -1;
            continue;
        }
        heads[n] = dc->data_head ? dc->data_head : dc->head ? dc->head : "";
        pos[c] = (int)n++;
    }
    /* An Excel table's headers are words, each its own. */
    for (size_t i = 0; i < n; i++) {
        if (!heads[i][0])
            fail(x, "%s: column %zu of the workbook has no header", t->sheet, i + 1);
        for (size_t j = 0; j < i; j++)
            if (strcasecmp(heads[i], heads[j]) == 0)
                fail(x, "%s: two columns are headed \"%s\"", t->sheet, heads[i]);
    }
    if (x->failed)
        return;
    double *width = sr_arena_alloc(x->a, (t->ncols + 1) * sizeof *width);
    bool *wrap = sr_arena_alloc(x->a, (t->ncols + 1) * sizeof *wrap);
    for (size_t c = 0; c < t->ncols; c++)
        fit_column(t, c, &width[c], &wrap[c]);
    set_widths(x, ws, t, pos, width, wrap);
    /* Each row as high as its wrapped words need: the header row (every
     * header wraps), and the rows whose text is in a column that wraps. */
    unsigned hl = 1;
    for (size_t c = 0; c < t->ncols; c++)
        if (pos[c] >= 0) {
            unsigned l = lines_in(heads[pos[c]], width[c]);
            hl = l > hl ? l : hl;
        }
    fit_row(x, ws, TABLE_ROW, hl, t->sheet);
    for (size_t r = 0; r < t->nrows; r++) {
        unsigned rl = 1;
        for (size_t c = 0; c < t->ncols; c++) {
            if (pos[c] < 0)
                continue;
            write_cell(x, ws, (lxw_row_t)(TABLE_ROW + 1 + r), (lxw_col_t)pos[c], t, r, c, pos,
                       wrap[c]);
            const sr_dcell *cell = sr_dtable_cell(t, r, c);
            if (wrap[c] && cell->kind == SR_CELL_TEXT) {
                unsigned l = lines_in(cell->text, width[c]);
                rl = l > rl ? l : rl;
            }
        }
        fit_row(x, ws, (lxw_row_t)(TABLE_ROW + 1 + r), rl, t->sheet);
    }
    add_table(x, ws, t->sheet, t->nrows, n, heads);
}

/* The annex's tables, in the tree's order. */
typedef struct {
    const sr_dtable **v;
    size_t n, cap;
} tables;

static void annex_tables(xw *x, const sr_dnode *root, tables *out)
{
    sr_doc_iter *it = sr_doc_iter_new(root);
    sr_doc_event ev;
    bool in_annex = false;
    while ((ev = sr_doc_iter_next(it)) != SR_EV_DONE) {
        const sr_dnode *n = sr_doc_iter_node(it);
        if (n->kind == SR_D_ANNEX) {
            in_annex = ev == SR_EV_ENTER;
            continue;
        }
        if (ev != SR_EV_ENTER || n == root)
            continue;
        if (!in_annex) {
            sr_doc_iter_skip(it); /* the report's sections, the chart files */
            continue;
        }
        if (n->kind != SR_D_TABLE)
            continue;
        if (!n->table || !n->table->sheet) {
            fail(x, "a table of the annex has no sheet name");
            continue;
        }
        if (out->n == out->cap) {
            size_t cap = out->cap ? out->cap * 2 : 16;
            const sr_dtable **v = sr_arena_alloc(x->a, cap * sizeof *v);
            if (out->n)
                memcpy(v, out->v, out->n * sizeof *v);
            out->v = v;
            out->cap = cap;
        }
        out->v[out->n++] = n->table;
    }
    sr_doc_iter_free(it);
}

/* "Prepared: 14 November 2023.", from the workbook's date. */
static const char *prepared(xw *x, int64_t created)
{
    time_t ct = (time_t)created;
    struct tm tm;
    if (!gmtime_r(&ct, &tm)) {
        fail(x, "the workbook's date (%lld) is out of range", (long long)created);
        return "";
    }
    char made[64];
    sr_fmt_date((tm.tm_year + 1900) * 10000 + (tm.tm_mon + 1) * 100 + tm.tm_mday, made,
                sizeof made);
    return sr_arena_printf(x->a, "Prepared: %s.", made);
}

/* A link to cell A1 of sheet: 'name', with any quote doubled. */
static const char *sheet_link(xw *x, const char *sheet)
{
    size_t q = 0;
    for (const char *p = sheet; *p; p++)
        q += *p == '\'';
    char *s = sr_arena_alloc(x->a, strlen(sheet) + q + 1);
    char *o = s;
    for (const char *p = sheet; *p; p++) {
        if (*p == '\'')
            *o++ = '\'';
        *o++ = *p;
    }
    return sr_arena_printf(x->a, "internal:'%s'!A1", s);
}

static void formats(xw *x)
{
    x->title = new_format(x);
    x->plain = new_format(x);
    x->head = new_format(x);
    x->wrap = new_format(x);
    x->text = new_format(x);
    x->link = new_format(x);
    if (x->failed)
        return;
    format_set_bold(x->title);
    format_set_font_size(x->title, 14);
    format_set_text_wrap(x->wrap);
    format_set_align(x->wrap, LXW_ALIGN_VERTICAL_TOP);
    format_set_text_wrap(x->head);
    format_set_align(x->head, LXW_ALIGN_VERTICAL_TOP);
    /* x->plain is the default look, given to a cell so that its column's
     * format (wrapping) does not apply. */
    format_set_align(x->text, LXW_ALIGN_RIGHT);
    format_set_underline(x->link, LXW_UNDERLINE_SINGLE);
    format_set_font_color(x->link, 0x0B4F8A);
    /* By unit: count, money, percentage, rate, ratio. */
    static const char *const nf[] = {"#,##0", "\xC2\xA3#,##0", "0.0%", "#,##0.0", "#,##0.0"};
    for (int i = 0; i < 5; i++) {
        if (!(x->fmt[i] = new_format(x)))
            return;
        format_set_num_format(x->fmt[i], nf[i]);
    }
    if (!(x->fmt_pence = new_format(x)) || !(x->pct = new_format(x)))
        return;
    format_set_num_format(x->fmt_pence, "\xC2\xA3#,##0.00");
    format_set_num_format(x->pct, "0.0%");
}

static void properties(xw *x, const sr_document *doc, int64_t created)
{
    lxw_doc_properties props = {0};
    props.title = sr_arena_printf(x->a, "%s: data tables", doc->title ? doc->title : "");
    props.subject = (char *)doc->subject;
    props.author = (char *)doc->partnership;
    props.company = (char *)doc->partnership;
    props.keywords = (char *)doc->keywords;
    props.comments = "Made by sscp-report " SSCP_VERSION;
    props.created = (time_t)created;
    ok(x, workbook_set_properties(x->wb, &props), "the workbook's properties");
    if (doc->lang)
        ok(x, workbook_set_custom_property_string(x->wb, "Language", doc->lang),
           "the workbook's properties");
}

/* The width of the cover's column, and of the notes' and contents' text. */
#define COVER_WIDTH    110
#define NOTE_WIDTH     100
#define CONTENTS_WIDTH 90

/* A line of the cover in row, as high as its words need. */
static void cover_line(xw *x, lxw_worksheet *ws, lxw_row_t row, const char *text)
{
    ok(x, worksheet_write_string(ws, row, 0, text, x->wrap), "Cover_sheet");
    fit_row(x, ws, row, lines_in(text, COVER_WIDTH), "Cover_sheet");
}

/* A link from the cover to a file beside the workbook, its words saying
 * where it goes. */
static void cover_link(xw *x, lxw_worksheet *ws, lxw_row_t row, const char *file, const char *words)
{
    const char *s = "Cover_sheet";
    const char *url = sr_arena_printf(x->a, "external:%s", file);
    const char *text =
        sr_arena_printf(x->a, "%s (%s, in the same folder as this workbook)", words, file);
    ok(x, worksheet_write_url_opt(ws, row, 0, url, x->link, text, NULL), s);
    fit_row(x, ws, row, lines_in(text, COVER_WIDTH), s);
}

static void cover_sheet(xw *x, const sr_document *doc, int64_t created)
{
    lxw_worksheet *ws = add_sheet(x, "Cover_sheet");
    if (!ws)
        return;
    const char *s = "Cover_sheet";
    ok(x, worksheet_set_column(ws, 0, 0, COVER_WIDTH, x->wrap), s);
    title_row(x, ws, doc->annex_title, s);
    lxw_row_t row = 1;
    for (size_t i = 0; i < doc->nannex_cover; i++)
        cover_line(x, ws, row++, doc->annex_cover[i]);
    /* A draft says so, as the report's cover does; without a publication
     * date the workbook is a copy made before the report is published: the
     * cover says so, rather than leave a reader to take it for the
     * published figures. */
    cover_line(x, ws, row++,
               doc->draft       ? doc->draft
               : doc->published ? sr_arena_printf(x->a, "Published: %s.", doc->published)
                                : "Not yet published.");
    cover_line(x, ws, row++, prepared(x, created));
    const char *report =
        doc->year ? sr_arena_printf(x->a, "The annual report %s", doc->year) : "The annual report";
    if (doc->pdf_file)
        cover_link(x, ws, row++, doc->pdf_file, sr_arena_printf(x->a, "%s, as a PDF", report));
    if (doc->html_file)
        cover_link(x, ws, row++, doc->html_file,
                   sr_arena_printf(x->a, "%s, as a web page", report));
}

static lxw_worksheet *contents_sheet(xw *x, const tables *ts)
{
    lxw_worksheet *ws = add_sheet(x, "Table_of_contents");
    if (!ws)
        return NULL;
    const char *s = "Table_of_contents";
    title_row(x, ws, "Table of contents", s);
    ok(x,
       worksheet_write_string(
           ws, 1, 0, "Each table is on its own sheet; select a sheet name to go to it.", x->plain),
       s);
    ok(x, worksheet_set_column(ws, 0, 0, 32, NULL), s);
    ok(x, worksheet_set_column(ws, 1, 1, CONTENTS_WIDTH, x->wrap), s);
    for (size_t i = 0; i < ts->n; i++) {
        const sr_dtable *t = ts->v[i];
        lxw_row_t row = (lxw_row_t)(TABLE_ROW + 1 + i);
        ok(x, worksheet_write_url_opt(ws, row, 0, sheet_link(x, t->sheet), x->link, t->sheet, NULL),
           s);
        ok(x, worksheet_write_string(ws, row, 1, t->title ? t->title : "", x->wrap), s);
        fit_row(x, ws, row, lines_in(t->title, CONTENTS_WIDTH), s);
    }
    return ws;
}

static void notes_sheet(xw *x, lxw_worksheet *ws, const sr_document *doc)
{
    const char *s = "Notes";
    title_row(x, ws, "Notes", s);
    ok(x,
       worksheet_write_string(ws, 1, 0, "Notes referred to in the tables as [note 1] and so on.",
                              x->plain),
       s);
    ok(x, worksheet_set_column(ws, 0, 0, 14, NULL), s);
    ok(x, worksheet_set_column(ws, 1, 1, NOTE_WIDTH, x->wrap), s);
    for (size_t i = 0; i < doc->nnotes; i++) {
        lxw_row_t row = (lxw_row_t)(TABLE_ROW + 1 + i);
        ok(x, worksheet_write_string(ws, row, 0, sr_arena_printf(x->a, "note %zu", i + 1), NULL),
           s);
        ok(x, worksheet_write_string(ws, row, 1, doc->notes[i] ? doc->notes[i] : "", x->wrap), s);
        fit_row(x, ws, row, lines_in(doc->notes[i], NOTE_WIDTH), s);
    }
    static const char *const heads[] = {"Note number", "Note text"};
    add_table(x, ws, "Notes", doc->nnotes, 2, heads);
}

int sr_xlsx_write(const sr_document *doc, const sr_xlsx_options *o, sr_xlsx_stats *stats, char *err,
                  size_t errlen)
{
    sr_arena *a = sr_arena_new();
    xw x = {.a = a};
    tables ts = {0};
    annex_tables(&x, doc->root, &ts);
    if (x.failed) {
        snprintf(err, errlen, "cannot write the workbook: %s", x.msg);
        sr_arena_free(a);
        return -1;
    }
    /* Written beside the destination, renamed into place when complete. */
    char *tname = sr_temp_name(o->path, "xlsx");
    char *tmp = sr_arena_strdup(a, tname);
    free(tname);
    /* libxlsxwriter's own temporary files (one per part of the workbook)
     * go in a folder of this build's, beside the workbook, not in TMPDIR:
     * a build killed while it writes leaves them where the next build
     * removes them (sr_remove_stale_temps). */
    char *tdir = sr_temp_folder(o->path, "parts");
    if (!tdir) {
        snprintf(err, errlen, "cannot create a temporary folder beside %s: %s", o->path,
                 sr_io_error(errno));
        sr_arena_free(a);
        return -1;
    }
    lxw_workbook_options wo = {.constant_memory = LXW_FALSE, .tmpdir = tdir};
    x.wb = workbook_new_opt(tmp, &wo);
    if (!x.wb) {
        snprintf(err, errlen, "cannot create %s", tmp);
        sr_remove_flat_dir(tdir);
        free(tdir);
        sr_arena_free(a);
        return -1;
    }
    properties(&x, doc, o->created);
    formats(&x);
    if (!x.failed) {
        /* The order the guidance asks for: cover, contents, notes, then the
         * tables. The notes are written last, as before, into a sheet
         * added now (sheets are in the order added). */
        cover_sheet(&x, doc, o->created);
        lxw_worksheet *toc = contents_sheet(&x, &ts);
        lxw_worksheet *notes = add_sheet(&x, "Notes");
        for (size_t i = 0; i < ts.n && !x.failed; i++)
            table_sheet(&x, ts.v[i]);
        if (notes)
            notes_sheet(&x, notes, doc);
        static const char *const heads[] = {"Sheet", "Table"};
        if (toc)
            add_table(&x, toc, "Contents", ts.n, 2, heads);
    }
    /* libxlsxwriter's own words for a failed write ("Zip generic error")
     * do not say why; the system's error, when there is one, does (a full
     * disk, the file size limit). */
    errno = 0;
    lxw_error e = workbook_close(x.wb);
    int close_errno = errno;
    sr_remove_flat_dir(tdir); /* empty: each part's file is removed as it is made */
    free(tdir);
    int rc = 0;
    if (x.failed) {
        snprintf(err, errlen, "cannot write the workbook: %s", x.msg);
        unlink(tmp);
        rc = -1;
    } else if (e != LXW_NO_ERROR && close_errno != 0) {
        snprintf(err, errlen, "cannot write %s: %s", o->path, sr_io_error(close_errno));
        unlink(tmp);
        rc = -1;
    } else if (e != LXW_NO_ERROR) {
        snprintf(err, errlen, "cannot write the workbook: %s", lxw_strerror(e));
        unlink(tmp);
        rc = -1;
    } else if (sr_rename_into_place(tmp, o->path) != 0) {
        snprintf(err, errlen, "cannot write %s: %s", o->path, sr_io_error(errno));
        unlink(tmp);
        rc = -1;
    }
    if (stats) {
        stats->sheets = ts.n + 3;
        stats->tables = x.tables;
    }
    sr_arena_free(a);
    return rc;
}

/* ---- the output ------------------------------------------------------------------------ */

static int write_xlsx(const sr_document *doc, const sr_render_options *o, const char *path,
                      sr_render_result *r, char *err, size_t errlen)
{
    sr_xlsx_options xo = {path, o->created};
    sr_xlsx_stats st = {0};
    if (sr_xlsx_write(doc, &xo, &st, err, errlen) != 0)
        return -1;
    struct stat sb;
    if (stat(path, &sb) != 0) {
        snprintf(err, errlen, "cannot read %s: %s", path, sr_io_error(errno));
        return -1;
    }
    snprintf(r->what, sizeof r->what, "%zu sheets, %zu tables", st.sheets, st.tables);
    r->bytes = (size_t)sb.st_size;
    r->after[0] = '\0';
    return 0;
}

const sr_output sr_output_xlsx = {
    .name = "workbook",
    .file = "%s-annual-report-%s-data.xlsx",
    .folder = false,
    .recorded = true,
    .write = write_xlsx,
};
