/* benchmarks: reading benchmarks.yaml and the DfE's CSV files, see
 * benchmarks.h. */
#include "data/benchmarks.h"

#include "core/buf.h"
#include "core/encoding.h"
#include "core/fmt.h"
#include "core/fsutil.h"
#include "core/strmap.h"
#include "core/suggest.h"
#include "data/loader.h"
#include "data/overlay.h"
#include "data/schema.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* ---- benchmarks.yaml ---------------------------------------------------- */

static const sr_schema texts_t = {.kind = SR_S_LIST, .item = &sr_s_text};
static const sr_schema text_dict_t = {.kind = SR_S_DICT, .dict_key = SR_S_TEXT, .item = &sr_s_text};
static const sr_schema time_t_ = {
    .kind = SR_S_ENUM,
    .values = (const char *const[]){"reporting-year", "financial-year", NULL},
};
static const sr_schema bunit_t = {
    .kind = SR_S_ENUM,
    .values = (const char *const[]){"count", "rate", "percentage", NULL},
};

static const sr_schema worked_t = {
    .kind = SR_S_ENUM,
    .values = (const char *const[]){"per-10000-children", NULL},
};

static const sr_schema bmap_t = {
    .kind = SR_S_MAP,
    .what = "a metric the table supplies",
    .identity = (const char *const[]){"metric", NULL},
    .fields =
        (const sr_field[]){
            {"metric", &sr_s_id, SR_REQUIRED, "the metric's id in metrics.yaml"},
            {"column", &sr_s_text, SR_REQUIRED, "the column of the file that gives it"},
            {"unit", &bunit_t, SR_REQUIRED, "count, rate or percentage"},
            {"places", &sr_s_count, SR_REQUIRED, "the decimal places the DfE publishes"},
            {"worked_out", &worked_t, 0,
             "per-10000-children: the column is a count, and the rate is worked out from it "
             "and the population a table with `population:` gives"},
            {"of", &sr_s_text, 0,
             "the count column a percentage is of, to combine two or more local authorities"},
            {0},
        },
};
static const sr_schema bmaps_t = {.kind = SR_S_LIST, .item = &bmap_t};

static const sr_schema entry_t = {
    .kind = SR_S_MAP,
    .what = "a table",
    .identity = (const char *const[]){"id", NULL},
    .fields =
        (const sr_field[]){
            {"id", &sr_s_id, SR_REQUIRED, "the entry's id, such as c4-2023"},
            {"publication", &sr_s_text, SR_REQUIRED,
             "the DfE publication, such as Children in need"},
            {"table", &sr_s_text, SR_REQUIRED, "the data set's title"},
            {"release", &sr_s_text, SR_REQUIRED, "the release, such as Reporting year 2023"},
            {"url", &sr_s_text, 0, "where the file is downloaded from"},
            {"rates_revised", &sr_s_bool, SR_REQUIRED,
             "yes when its rates are on the population estimates revised in February 2025"},
            {"time_period", &time_t_, SR_REQUIRED,
             "reporting-year (2023: the year ending 31 March 2023) or financial-year (202324)"},
            {"last_period", &sr_s_text, 0,
             "the latest time_period it holds, to tell apart releases with the same columns"},
            {"columns", &texts_t, SR_REQUIRED | SR_NONEMPTY, "the file's header, as published"},
            {"rows", &text_dict_t, 0, "the rows read: `column: value` each must have"},
            {"symbols", &text_dict_t, SR_REQUIRED,
             "the DfE's symbols in the table and their GSS form: `c: \"[c]\"`"},
            {"metrics", &bmaps_t, SR_REQUIRED | SR_NONEMPTY, "the metrics it supplies"},
            {"population", &sr_s_text, 0,
             "the column with the number of children aged 0 to 17 its rates are per 10,000 of"},
            {0},
        },
};
static const sr_schema entries_t = {.kind = SR_S_LIST, .item = &entry_t};
static const sr_schema spec_t = {
    .kind = SR_S_MAP,
    .what = "benchmarks.yaml",
    .fields =
        (const sr_field[]){
            {"format", &sr_s_format, SR_REQUIRED, "the version of this format; write 1"},
            {"tables", &entries_t, SR_REQUIRED, "one entry per table and release"},
            {0},
        },
};

static const sr_overlay_list layered_lists[] = {
    {"tables", "id", false, false, "table"},
    {0},
};

/* The GSS forms a symbol may be written as. */
static const char *const gss_forms[] = {"[c]", "[z]", "[x]", "[low]", NULL};

/* Columns every table must have: what a row is read by. */
static const char *const needed_cols[] = {"time_period", "geographic_level", "new_la_code", NULL};

static bool has_col(const sr_bench_entry *e, const char *c)
{
    for (size_t i = 0; i < e->ncolumns; i++)
        if (strcmp(e->columns[i], c) == 0)
            return true;
    return false;
}

/* Whether column name (written at node cn) is one of e's columns; an error
 * naming the closest one when it is not. */
static bool known_col(sr_diags *d, const sr_bench_entry *e, const char *name, const sr_ynode *cn)
{
    if (has_col(e, name))
        return true;
    sr_diag *g = sr_diag_add(d, SR_ERROR, sr_ynode_loc(cn),
                             "`%s` is not one of the columns of `%s`", name, e->id);
    const char *best = sr_suggest(name, e->columns, e->ncolumns);
    if (best)
        sr_diag_hint(g, "did you mean `%s`?", best);
    else
        sr_diag_hint(g, "add it to `columns`, as the file's header writes it");
    return false;
}

static bool read_entry(sr_arena *a, sr_diags *d, const sr_ynode *n, sr_bench_entry *e)
{
    /* The slot may hold an entry refused before (the next is read into
     * it): nothing of that one is kept. */
    memset(e, 0, sizeof *e);
    e->loc = n->loc;
    e->id = sr_ynode_text(sr_ymap_get(n, "id"));
    e->publication = sr_ynode_text(sr_ymap_get(n, "publication"));
    e->table = sr_ynode_text(sr_ymap_get(n, "table"));
    e->release = sr_ynode_text(sr_ymap_get(n, "release"));
    e->url = sr_ynode_text(sr_ymap_get(n, "url"));
    const char *rv = sr_ynode_text(sr_ymap_get(n, "rates_revised"));
    e->revised = rv && (strcmp(rv, "yes") == 0 || strcmp(rv, "true") == 0);
    const char *tp = sr_ynode_text(sr_ymap_get(n, "time_period"));
    e->time = tp && strcmp(tp, "financial-year") == 0 ? SR_BT_FINANCIAL : SR_BT_REPORTING;
    bool ok = true;
    const sr_ynode *lp = sr_ymap_get(n, "last_period");
    if (sr_ynode_text(lp)) {
        e->last_year = sr_bench_year(lp->text, e->time);
        if (!e->last_year) {
            sr_diag_hint(sr_diag_add(d, SR_ERROR, sr_ynode_loc(lp),
                                     "`%s` is not a time period of this table's form", lp->text),
                         "write it as the file does: %s",
                         e->time == SR_BT_FINANCIAL ? "202324 for 2023-24"
                                                    : "2023 for the year ending 31 March 2023");
            ok = false;
        }
    }
    const sr_ynode *cols = sr_ymap_get(n, "columns");
    e->columns = sr_arena_alloc(a, (cols->n ? cols->n : 1) * sizeof *e->columns);
    for (size_t i = 0; i < cols->n; i++) {
        const char *c = sr_ynode_text(cols->items[i]);
        if (!c)
            continue;
        if (has_col(e, c)) {
            sr_diag_add(d, SR_ERROR, sr_ynode_loc(cols->items[i]), "`%s` is listed twice", c);
            ok = false;
            continue;
        }
        e->columns[e->ncolumns++] = c;
    }
    for (const char *const *c = needed_cols; *c; c++) {
        if (!has_col(e, *c)) {
            sr_diag_hint(sr_diag_add(d, SR_ERROR, cols->loc,
                                     "the columns of `%s` have no `%s`, which every table of the "
                                     "DfE's by local authority has",
                                     e->id, *c),
                         "copy the header of the file as it is");
            ok = false;
        }
    }
    const sr_ynode *rows = sr_ymap_get(n, "rows");
    if (rows && rows->kind == SR_Y_MAP) {
        e->filter_cols = sr_arena_alloc(a, (rows->n ? rows->n : 1) * sizeof(char *));
        e->filter_vals = sr_arena_alloc(a, (rows->n ? rows->n : 1) * sizeof(char *));
        for (size_t i = 0; i < rows->n; i++) {
            const sr_ynode *k = rows->items[2 * i], *v = rows->items[2 * i + 1];
            if (!has_col(e, k->text)) {
                sr_diag *g = sr_diag_add(d, SR_ERROR, sr_ynode_loc(k),
                                         "`%s` is not one of the table's columns", k->text);
                const char *best = sr_suggest(k->text, e->columns, e->ncolumns);
                if (best)
                    sr_diag_hint(g, "did you mean `%s`?", best);
                ok = false;
                continue;
            }
            e->filter_cols[e->nfilters] = k->text;
            e->filter_vals[e->nfilters++] = sr_ynode_text(v) ? v->text : "";
        }
    }
    const sr_ynode *syms = sr_ymap_get(n, "symbols");
    if (syms && syms->kind == SR_Y_MAP) {
        e->sym_text = sr_arena_alloc(a, (syms->n ? syms->n : 1) * sizeof(char *));
        e->sym_gss = sr_arena_alloc(a, (syms->n ? syms->n : 1) * sizeof(char *));
        for (size_t i = 0; i < syms->n; i++) {
            const sr_ynode *k = syms->items[2 * i], *v = syms->items[2 * i + 1];
            const char *g = sr_ynode_text(v);
            bool known = false;
            for (const char *const *f = gss_forms; g && *f && !known; f++)
                known = strcmp(*f, g) == 0;
            if (!known) {
                sr_diag_hint(sr_diag_add(d, SR_ERROR, sr_ynode_loc(v),
                                         "`%s` is not a GSS symbol the report shows", g ? g : ""),
                             "use one of [c] (confidential), [z] (not applicable), [x] (not "
                             "available) or [low] (rounds to zero, but not zero)");
                ok = false;
                continue;
            }
            e->sym_text[e->nsyms] = k->text;
            e->sym_gss[e->nsyms++] = g;
        }
    }
    const sr_ynode *maps = sr_ymap_get(n, "metrics");
    e->maps = sr_arena_alloc(a, (maps->n ? maps->n : 1) * sizeof *e->maps);
    for (size_t i = 0; i < maps->n; i++) {
        const sr_ynode *m = maps->items[i];
        sr_bmap *b = &e->maps[e->nmaps];
        b->metric = sr_ynode_text(sr_ymap_get(m, "metric"));
        b->column = sr_ynode_text(sr_ymap_get(m, "column"));
        b->unit = sr_ynode_text(sr_ymap_get(m, "unit"));
        const char *pl = sr_ynode_text(sr_ymap_get(m, "places"));
        b->places = pl ? atoi(pl) : 0;
        b->loc = m->loc;
        if (!b->metric || !b->column || !b->unit)
            continue;
        if (b->places > 6) {
            sr_diag_hint(sr_diag_add(d, SR_ERROR, sr_ynode_loc(sr_ymap_get(m, "places")),
                                     "%d decimal places is more than a published figure has",
                                     b->places),
                         "the DfE publishes rates and percentages to 0 or 1 place");
            ok = false;
            continue;
        }
        if (!known_col(d, e, b->column, sr_ymap_get(m, "column"))) {
            ok = false;
            continue;
        }
        b->per_10000 = sr_ymap_get(m, "worked_out") != NULL;
        if (b->per_10000 && strcmp(b->unit, "rate") != 0) {
            sr_diag_hint(sr_diag_add(d, SR_ERROR, sr_ynode_loc(sr_ymap_get(m, "worked_out")),
                                     "a figure worked out per 10,000 children is a rate, but "
                                     "this one's unit is %s",
                                     b->unit),
                         "write `unit: rate`, or leave `worked_out` out for a figure the DfE "
                         "publishes");
            ok = false;
            continue;
        }
        const sr_ynode *of = sr_ymap_get(m, "of");
        b->of = sr_ynode_text(of);
        if (b->of && strcmp(b->unit, "percentage") != 0) {
            sr_diag_hint(sr_diag_add(d, SR_ERROR, sr_ynode_loc(of),
                                     "`of` names what a percentage is of, but this figure's unit "
                                     "is %s",
                                     b->unit),
                         "leave `of` out: counts are added and rates weighted by population");
            ok = false;
            continue;
        }
        if (b->of && !known_col(d, e, b->of, of)) {
            ok = false;
            continue;
        }
        e->nmaps++;
    }
    const sr_ynode *pop = sr_ymap_get(n, "population");
    e->population = sr_ynode_text(pop);
    if (e->population && !known_col(d, e, e->population, pop)) {
        e->population = NULL;
        ok = false;
    }
    return ok;
}

sr_bench_spec *sr_bench_spec_load(sr_arena *a, sr_diags *d, const char *templates_dir,
                                  const char *data_dir)
{
    const sr_source *src;
    sr_ynode *root = sr_load_template_file(a, d, templates_dir, data_dir, "benchmarks.yaml",
                                           layered_lists, &src);
    if (!root || !sr_schema_check_file_strict(a, d, src, &spec_t, root, true))
        return NULL;
    const sr_ynode *list = sr_ymap_get(root, "tables");
    sr_bench_spec *s = sr_arena_alloc(a, sizeof *s);
    s->v = sr_arena_alloc(a, (list->n ? list->n : 1) * sizeof *s->v);
    bool ok = true;
    for (size_t i = 0; i < list->n; i++)
        if (read_entry(a, d, list->items[i], &s->v[s->n]))
            s->n++;
        else
            ok = false;
    return ok ? s : NULL;
}

bool sr_bench_is_csv(const char *name)
{
    size_t l = strlen(name);
    return l > 4 && (strcmp(name + l - 4, ".csv") == 0 || strcmp(name + l - 4, ".CSV") == 0);
}

bool sr_bench_wanted(const sr_partnership *p, const char *data_dir)
{
    if (p && p->has_benchmarks)
        return true;
    char *dir = sr_path_join(data_dir, SR_BENCH_DIR);
    bool there = sr_path_kind_of(dir) == SR_PATH_DIR;
    free(dir);
    return there;
}

int sr_bench_year(const char *t, sr_btime tf)
{
    size_t n = strlen(t);
    for (size_t i = 0; i < n; i++)
        if (t[i] < '0' || t[i] > '9')
            return 0;
    if (tf == SR_BT_REPORTING) {
        if (n != 4)
            return 0;
        int y = atoi(t);
        return y >= 1990 && y <= 2200 ? y - 1 : 0;
    }
    if (n != 6)
        return 0;
    int y = atoi(t) / 100, e = atoi(t + 4);
    return y >= 1990 && y <= 2200 && e == (y + 1) % 100 ? y : 0;
}

/* ---- the CSV reader -------------------------------------------------------- */

typedef struct {
    sr_bcell *v;
    size_t n, cap;
} cellvec;

typedef struct {
    size_t first, n;
    unsigned line;
} record;

typedef struct {
    record *v;
    size_t n, cap;
} recvec;

static void push_cell(cellvec *c, sr_bcell cell)
{
    if (c->n == c->cap) {
        c->cap = c->cap ? 2 * c->cap : 256;
        c->v = sr_xrealloc(c->v, c->cap * sizeof *c->v);
    }
    c->v[c->n++] = cell;
}

static void push_rec(recvec *r, record rec)
{
    if (r->n == r->cap) {
        r->cap = r->cap ? 2 * r->cap : 64;
        r->v = sr_xrealloc(r->v, r->cap * sizeof *r->v);
    }
    r->v[r->n++] = rec;
}

static bool lead_byte(unsigned char c)
{
    return (c & 0xC0) != 0x80;
}

/* Splits src into records of cells. False (an error in d) when the quoting
 * is broken. */
static bool split(sr_arena *a, sr_diags *d, const sr_source *src, cellvec *cells, recvec *recs)
{
    const char *t = src->text;
    size_t len = src->len, i = 0;
    unsigned line = 1, col = 1;
    while (i < len) {
        record rec = {cells->n, 0, line};
        for (;;) {
            sr_bcell cell = {NULL, line, col, 1};
            if (i < len && t[i] == '"') {
                size_t start = ++i;
                col++;
                char *out = sr_arena_alloc(a, len - start + 1);
                size_t o = 0;
                bool closed = false;
                while (i < len) {
                    if (t[i] == '"') {
                        if (i + 1 < len && t[i + 1] == '"') {
                            out[o++] = '"';
                            i += 2, col += 2;
                            continue;
                        }
                        i++, col++;
                        closed = true;
                        break;
                    }
                    if (t[i] == '\n')
                        line++, col = 1;
                    else if (lead_byte((unsigned char)t[i]))
                        col++;
                    out[o++] = t[i++];
                }
                if (!closed) {
                    sr_diag_hint(sr_diag_add(d, SR_ERROR, (sr_loc){src, cell.line, cell.col, 1},
                                             "this quoted field has no closing quote"),
                                 "the file may have been cut short: download it again");
                    return false;
                }
                if (cell.line == line)
                    cell.len = col - cell.col;
                out[o] = '\0';
                cell.text = out;
                if (i < len && t[i] != ',' && t[i] != '\n' && t[i] != '\r') {
                    sr_diag_hint(sr_diag_add(d, SR_ERROR, (sr_loc){src, line, col, 1},
                                             "a comma or the end of the line must follow a "
                                             "closing quote"),
                                 "a quote inside a quoted field is written twice: \"\"");
                    return false;
                }
            } else {
                size_t start = i;
                unsigned chars = 0;
                while (i < len && t[i] != ',' && t[i] != '\n' && t[i] != '\r') {
                    if (lead_byte((unsigned char)t[i]))
                        chars++;
                    i++;
                }
                cell.text = sr_arena_strndup(a, t + start, i - start);
                cell.len = chars ? chars : 1;
                col += chars;
            }
            push_cell(cells, cell);
            rec.n++;
            if (i < len && t[i] == ',') {
                i++, col++;
                continue;
            }
            break;
        }
        /* The end of the record: \n, \r\n, \r or the end of the file. */
        if (i < len && t[i] == '\r')
            i++;
        if (i < len && t[i] == '\n')
            i++;
        line++, col = 1;
        /* A blank line is not a record. */
        if (rec.n == 1 && cells->v[rec.first].text[0] == '\0')
            cells->n--;
        else
            push_rec(recs, rec);
    }
    return true;
}

/* ---- header and rows -------------------------------------------------------- */

static sr_loc cell_loc(const sr_source *src, const sr_bcell *c)
{
    return (sr_loc){src, c->line, c->col, c->len};
}

static long header_index(const sr_bcell *h, size_t n, const char *name)
{
    for (size_t i = 0; i < n; i++)
        if (strcmp(h[i].text, name) == 0)
            return (long)i;
    return -1;
}

/* The columns every table by local authority has: a file that shares only
 * these with an entry is not that entry's table. */
static const char *const geo_cols[] = {
    "time_period", "time_identifier", "geographic_level", "country_code", "country_name",
    "region_code", "region_name",     "old_la_code",      "new_la_code",  "la_name",
    NULL};

static bool is_geo(const char *c)
{
    for (const char *const *g = geo_cols; *g; g++)
        if (strcmp(*g, c) == 0)
            return true;
    return false;
}

/* How close the header is to e's columns, of those that are not the
 * geography's: 2 for each e knows, 1 for each close to one e knows (a
 * column renamed in capitals or by a letter or two). */
static size_t closeness(const sr_bench_entry *e, const sr_bcell *h, size_t n)
{
    size_t k = 0;
    for (size_t i = 0; i < n; i++) {
        if (is_geo(h[i].text))
            continue;
        if (has_col(e, h[i].text))
            k += 2;
        else if (sr_suggest(h[i].text, e->columns, e->ncolumns))
            k += 1;
    }
    return k;
}

/* How many of the header's columns e knows. */
static size_t shared(const sr_bench_entry *e, const sr_bcell *h, size_t n)
{
    size_t k = 0;
    for (size_t i = 0; i < n; i++)
        k += has_col(e, h[i].text);
    return k;
}

static bool exact(const sr_bench_entry *e, const sr_bcell *h, size_t n)
{
    return n == e->ncolumns && shared(e, h, n) == n;
}

/* The latest time period of the file, read as e's form would. */
static int latest_year(const sr_bench_entry *e, const sr_bcell *cells, const recvec *recs,
                       long tcol)
{
    int best = 0;
    for (size_t r = 1; r < recs->n; r++) {
        if ((size_t)tcol >= recs->v[r].n)
            continue;
        int y = sr_bench_year(cells[recs->v[r].first + (size_t)tcol].text, e->time);
        if (y > best)
            best = y;
    }
    return best;
}

/* The project's year y as tf writes it: 2022 -> "2023" or "202223". */
static void period_text(int y, sr_btime tf, char *buf, size_t size)
{
    if (tf == SR_BT_REPORTING)
        snprintf(buf, size, "%d", y + 1);
    else
        snprintf(buf, size, "%d%02d", y, (y + 1) % 100);
}

/* The entry the header is, or NULL with errors in d. */
static const sr_bench_entry *match(sr_diags *d, const sr_bench_spec *spec, const sr_source *src,
                                   const sr_bcell *h, size_t n, const sr_bcell *cells,
                                   const recvec *recs)
{
    /* An entry that names its latest time period, and has it, wins over
     * one that names none; two of a kind are ambiguous. */
    const sr_bench_entry *found[2] = {0};
    size_t nfound = 0, ambiguous = 0;
    long tcol = header_index(h, n, "time_period");
    for (int pass = 0; pass < 2 && !ambiguous; pass++) {
        for (size_t i = 0; i < spec->n; i++) {
            const sr_bench_entry *e = &spec->v[i];
            if (!exact(e, h, n) || (pass == 0) != (e->last_year != 0))
                continue;
            if (e->last_year && (tcol < 0 || latest_year(e, cells, recs, tcol) != e->last_year))
                continue;
            ambiguous++;
            if (nfound < 2)
                found[nfound++] = e;
        }
    }
    if (ambiguous == 1)
        return found[0];
    if (ambiguous > 1) {
        sr_diag_hint(sr_diag_add(d, SR_ERROR, (sr_loc){src, 1, 1, 1},
                                 "the columns of this file are those of more than one table in "
                                 "benchmarks.yaml: `%s` and `%s`",
                                 found[0]->id, found[1]->id),
                     "give each entry a `last_period` (the latest time_period it holds) to tell "
                     "them apart");
        return NULL;
    }
    /* None fits: name the closest, and what differs. */
    const sr_bench_entry *best = NULL;
    size_t best_k = 0;
    for (size_t i = 0; i < spec->n; i++) {
        size_t k = closeness(&spec->v[i], h, n);
        if (k > best_k)
            best = &spec->v[i], best_k = k;
    }
    /* One shared column (such as `category`) does not make the table. */
    if (!best || best_k < 3) {
        sr_diag_hint(sr_diag_add(d, SR_ERROR, (sr_loc){src, 1, 1, 1},
                                 "this file is not one of the DfE's tables that benchmarks.yaml "
                                 "knows: none has its columns"),
                     "put here the CSV files of the tables benchmarks.yaml lists, as downloaded "
                     "(see docs/benchmarks.md); a new table or release needs an entry there");
        return NULL;
    }
    if (exact(best, h, n)) { /* the columns fit, the time periods do not */
        char want[16], got[16];
        period_text(best->last_year, best->time, want, sizeof want);
        int latest = tcol >= 0 ? latest_year(best, cells, recs, tcol) : 0;
        if (recs->n <= 1)
            sr_diag_hint(sr_diag_add(d, SR_ERROR, (sr_loc){src, 1, 1, 1},
                                     "this file has the header of `%s` (%s, %s), but no rows",
                                     best->id, best->table, best->release),
                         "the download may have been cut short, or the rows deleted: download "
                         "the table again");
        else if (!latest)
            sr_diag_hint(sr_diag_add(d, SR_ERROR, (sr_loc){src, 1, 1, 1},
                                     "this file has the columns of `%s` (%s, %s), but none of its "
                                     "time periods is written as that entry's are, such as %s",
                                     best->id, best->table, best->release, want),
                         "check that this is the release benchmarks.yaml names, and the "
                         "entry's `time_period`");
        else {
            period_text(latest, best->time, got, sizeof got);
            sr_diag_hint(sr_diag_add(d, SR_ERROR, (sr_loc){src, 1, 1, 1},
                                     "this file has the columns of `%s` (%s, %s), but its latest "
                                     "time period is %s, where the entry's is %s (`last_period`)",
                                     best->id, best->table, best->release, got, want),
                         "%s",
                         latest < best->last_year
                             ? "this looks like an earlier release: download the one "
                               "benchmarks.yaml names, or add an entry for this one"
                             : "this looks like a later release: add an entry for it to "
                               "benchmarks.yaml (see docs/benchmarks.md)");
        }
        return NULL;
    }
    const char **unknown = sr_xcalloc(n ? n : 1, sizeof *unknown);
    size_t nunknown = 0;
    for (size_t i = 0; i < n; i++) {
        if (has_col(best, h[i].text))
            continue;
        unknown[nunknown++] = h[i].text;
        sr_diag *g = sr_diag_add(d, SR_ERROR, cell_loc(src, &h[i]),
                                 "`%s` is not a column of %s (%s, entry `%s` of benchmarks.yaml)",
                                 h[i].text, best->table, best->release, best->id);
        const char *near = sr_suggest(h[i].text, best->columns, best->ncolumns);
        if (near)
            sr_diag_hint(g,
                         "the closest known column is `%s`; a release that renames columns "
                         "needs its own entry in benchmarks.yaml",
                         near);
        else
            sr_diag_hint(g, "a release with other columns needs its own entry in "
                            "benchmarks.yaml");
    }
    /* The columns missing, in one message. */
    sr_buf miss = SR_BUF_INIT;
    size_t nmiss = 0;
    const char *near = NULL;
    for (size_t i = 0; i < best->ncolumns; i++) {
        if (header_index(h, n, best->columns[i]) >= 0)
            continue;
        sr_buf_printf(&miss, "%s`%s`", nmiss ? ", " : "", best->columns[i]);
        nmiss++;
        if (!near)
            near = sr_suggest(best->columns[i], unknown, nunknown);
    }
    if (nmiss) {
        sr_diag *g =
            sr_diag_add(d, SR_ERROR, (sr_loc){src, 1, 1, 1},
                        "the column%s %s of %s (%s) %s missing", nmiss == 1 ? "" : "s",
                        sr_buf_str(&miss), best->table, best->release, nmiss == 1 ? "is" : "are");
        if (near)
            sr_diag_hint(g,
                         "the file has `%s` and the like: the release may have renamed "
                         "columns, which needs an entry of its own in benchmarks.yaml",
                         near);
        else
            sr_diag_hint(g, "check that this is the table and release benchmarks.yaml names");
    }
    sr_buf_free(&miss);
    free(unknown);
    return NULL;
}

/* The errors of one kind shown for a file; the rest are counted. */
#define SR_BENCH_SHOWN 20

static const char *const levels[] = {"National", "Regional", "Local authority", NULL};

static const char *cell_at(const sr_bcell *row, size_t n, long col)
{
    return col >= 0 && (size_t)col < n ? row[col].text : NULL;
}

/* Whether t is a number as the DfE writes one: digits, a point and digits,
 * maybe a minus. */
static bool is_number(const char *t)
{
    const char *s = t;
    if (*s == '-')
        s++;
    size_t digits = strspn(s, "0123456789"), frac = 0;
    if (!digits)
        return false;
    s += digits;
    if (*s == '.') {
        s++;
        frac = strspn(s, "0123456789");
        if (!frac)
            return false;
        s += frac;
    }
    /* More digits than any published figure has would not fit exactly. */
    return *s == '\0' && digits + frac <= 15;
}

static bool is_symbol(const sr_bench_entry *e, const char *t)
{
    for (size_t i = 0; i < e->nsyms; i++)
        if (strcmp(e->sym_text[i], t) == 0)
            return true;
    return false;
}

static void symbols_list(const sr_bench_entry *e, char *buf, size_t size)
{
    size_t o = 0;
    buf[0] = '\0';
    for (size_t i = 0; i < e->nsyms && o + 8 < size; i++)
        o += (size_t)snprintf(buf + o, size - o, "%s%s", i ? ", " : "", e->sym_text[i]);
}

/* By year, level and code: how rows are kept. */
static int key_order(int ya, sr_bgeo la, const char *ca, int yb, sr_bgeo lb, const char *cb)
{
    if (ya != yb)
        return ya < yb ? -1 : 1;
    if (la != lb)
        return la < lb ? -1 : 1;
    return strcmp(ca ? ca : "", cb ? cb : "");
}

static int row_order(const void *pa, const void *pb)
{
    const sr_brow *a = pa, *b = pb;
    int c = key_order(a->year, a->level, a->code, b->year, b->level, b->code);
    /* Equal keys do not occur (a second row is refused); the line decides. */
    return c ? c : (a->line > b->line) - (a->line < b->line);
}

/* Rows kept, checked; false when an error was found. */
/* A column whose cells are figures, the places they may have, and
 * whether it is the population of children (a whole number above zero). */
typedef struct {
    size_t col;
    const char *name;
    int places;
    bool population;
} checked;

static size_t add_check(checked *v, size_t n, size_t col, const char *name, int places,
                        bool population)
{
    for (size_t i = 0; i < n; i++)
        if (v[i].col == col) {
            if (places > v[i].places)
                v[i].places = places;
            v[i].population |= population;
            return n;
        }
    v[n] = (checked){col, name, places, population};
    return n + 1;
}

/* Whether cell c of column name holds a number of at most places decimal
 * places or one of e's symbols; an error when not (past SR_BENCH_SHOWN of
 * them, counted in *shown_bad only). */
static bool check_cell(sr_diags *d, const sr_source *src, const sr_bench_entry *e,
                       const sr_bcell *c, const char *name, int allowed, bool population,
                       const char *syms, size_t *shown_bad)
{
    if (is_symbol(e, c->text))
        return true;
    if (is_number(c->text) && population &&
        (c->text[0] == '-' || strchr(c->text, '.') || strspn(c->text, "0") == strlen(c->text))) {
        if ((*shown_bad)++ >= SR_BENCH_SHOWN)
            return false;
        sr_diag_hint(sr_diag_add(d, SR_ERROR, cell_loc(src, c),
                                 "`%s` in `%s` is not a number of children: entry `%s` of "
                                 "benchmarks.yaml names it as the population (`population:`), a "
                                 "whole number above zero",
                                 c->text, name, e->id),
                     "use the file as downloaded; if `%s` is not the population of children, "
                     "correct `population:` in the data folder's templates/benchmarks.yaml",
                     name);
        return false;
    }
    if (is_number(c->text) && c->text[0] == '-') {
        if ((*shown_bad)++ >= SR_BENCH_SHOWN)
            return false;
        sr_diag_hint(sr_diag_add(d, SR_ERROR, cell_loc(src, c),
                                 "`%s` in `%s` is below zero, which no count, rate or "
                                 "percentage the report reads can be",
                                 c->text, name),
                     "use the file as downloaded from explore-education-statistics");
        return false;
    }
    if (is_number(c->text)) {
        /* More places than the entry says the DfE publishes: the figure
         * would be shown rounded again, as the DfE never published it. */
        const char *pt = strchr(c->text, '.');
        int places = pt ? (int)strlen(pt + 1) : 0;
        if (places <= allowed)
            return true;
        if ((*shown_bad)++ >= SR_BENCH_SHOWN)
            return false;
        sr_diag *g =
            sr_diag_add(d, SR_ERROR, cell_loc(src, c),
                        "`%s` in `%s` has %d decimal place%s, but entry `%s` of "
                        "benchmarks.yaml says the DfE publishes it to %d (`places: %d`)",
                        c->text, name, places, places == 1 ? "" : "s", e->id, allowed, allowed);
        sr_diag_hint(g,
                     "the report shows the DfE's figures as published, never rounded again: if "
                     "the downloaded file has %d place%s, copy the whole entry `%s` from "
                     "report-templates/benchmarks.yaml into the data folder's "
                     "templates/benchmarks.yaml and correct its `places` there; otherwise use "
                     "the file as downloaded",
                     places, places == 1 ? "" : "s", e->id);
        return false;
    }
    if ((*shown_bad)++ >= SR_BENCH_SHOWN)
        return false;
    sr_diag *g = c->text[0] ? sr_diag_add(d, SR_ERROR, cell_loc(src, c),
                                          "`%s` in `%s` is not a number or one of this table's "
                                          "symbols (%s)",
                                          c->text, name, syms)
                            : sr_diag_add(d, SR_ERROR, cell_loc(src, c),
                                          "the cell in `%s` is empty: it must hold a number or "
                                          "one of this table's symbols (%s)",
                                          name, syms);
    if (c->text[0] == '\0')
        sr_diag_hint(g, "the DfE's files give a symbol, never an empty cell: use the file as "
                        "downloaded");
    else if (strchr(c->text, ','))
        sr_diag_hint(g, "the DfE writes figures without thousands separators: a spreadsheet may "
                        "have added them; use the file as downloaded");
    else
        sr_diag_hint(g, "a new symbol needs a line under `symbols` in benchmarks.yaml, with its "
                        "GSS form");
    return false;
}

static bool read_rows(sr_arena *a, sr_diags *d, const sr_source *src, sr_bfile *f,
                      const sr_bcell *cells, const recvec *recs)
{
    const sr_bench_entry *e = f->e;
    const sr_bcell *h = f->header;
    size_t n = f->ncols;
    long tcol = header_index(h, n, "time_period"), gcol = header_index(h, n, "geographic_level"),
         lacol = header_index(h, n, "new_la_code"), lncol = header_index(h, n, "la_name"),
         rcol = header_index(h, n, "region_code"), rncol = header_index(h, n, "region_name"),
         ccol = header_index(h, n, "country_code"), cncol = header_index(h, n, "country_name");
    long *fcol = sr_arena_alloc(a, (e->nfilters ? e->nfilters : 1) * sizeof *fcol);
    for (size_t i = 0; i < e->nfilters; i++)
        fcol[i] = header_index(h, n, e->filter_cols[i]);
    f->map_col = sr_arena_alloc(a, (e->nmaps ? e->nmaps : 1) * sizeof *f->map_col);
    f->of_col = sr_arena_alloc(a, (e->nmaps ? e->nmaps : 1) * sizeof *f->of_col);
    /* The cells read: each mapped column, each `of` and the population,
     * once each however many entries name it. */
    checked *checks = sr_arena_alloc(a, (2 * e->nmaps + 1) * sizeof *checks);
    size_t nchecks = 0;
    for (size_t i = 0; i < e->nmaps; i++) {
        const sr_bmap *m = &e->maps[i];
        f->map_col[i] = (size_t)header_index(h, n, m->column);
        f->of_col[i] = m->of ? (size_t)header_index(h, n, m->of) : SIZE_MAX;
        nchecks = add_check(checks, nchecks, f->map_col[i], m->column, m->per_10000 ? 0 : m->places,
                            false);
        if (m->of)
            nchecks = add_check(checks, nchecks, f->of_col[i], m->of, 0, false);
    }
    f->pop_col = e->population ? (size_t)header_index(h, n, e->population) : SIZE_MAX;
    if (e->population)
        nchecks = add_check(checks, nchecks, f->pop_col, e->population, 0, true);
    f->rows = sr_arena_alloc(a, (recs->n ? recs->n : 1) * sizeof *f->rows);
    char syms[128];
    symbols_list(e, syms, sizeof syms);
    bool ok = true;
    size_t shown_bad = 0, row_bad = 0;
    /* Past SR_BENCH_SHOWN, a row's error is counted, not shown (a file of
     * 2,000 rows with the wrong form of time period would give 2,000). */
    static sr_diag quiet;
#define ROW_ERROR(...) (row_bad++ < SR_BENCH_SHOWN ? sr_diag_add(d, SR_ERROR, __VA_ARGS__) : &quiet)
    sr_strmap seen = SR_STRMAP_INIT;
    for (size_t r = 1; r < recs->n; r++) {
        const record *rec = &recs->v[r];
        const sr_bcell *row = cells + rec->first;
        if (rec->n != n) {
            sr_diag_hint(ROW_ERROR((sr_loc){src, rec->line, 1, 1},
                                   "this row has %zu field%s; the header has %zu", rec->n,
                                   rec->n == 1 ? "" : "s", n),
                         "%s",
                         rec->n > n ? "a name with a comma, such as \"Kingston upon Hull, City "
                                      "of\", is in quotes in the DfE's files; a file saved from "
                                      "a spreadsheet can lose them, or gain commas: use the file "
                                      "as downloaded"
                                    : "a file saved from a spreadsheet can lose or gain commas: "
                                      "use the file as downloaded");
            ok = false;
            continue;
        }
        bool keep = true;
        for (size_t i = 0; i < e->nfilters; i++)
            keep = keep && strcmp(row[fcol[i]].text, e->filter_vals[i]) == 0;
        const sr_bcell *tc = &row[tcol];
        int year = sr_bench_year(tc->text, e->time);
        if (!year) {
            sr_diag *g =
                ROW_ERROR(cell_loc(src, tc), "`%s` is not a time period of this table", tc->text);
            int other = sr_bench_year(tc->text, e->time == SR_BT_FINANCIAL ? SR_BT_REPORTING
                                                                           : SR_BT_FINANCIAL);
            if (other && e->time == SR_BT_REPORTING)
                sr_diag_hint(g,
                             "`%s` is a financial year (%d-%02d), but entry `%s` of "
                             "benchmarks.yaml says this table's time periods are reporting "
                             "years (`time_period: reporting-year`), written like 2023 for the "
                             "year ending 31 March 2023: check that the file is the table and "
                             "release the entry names, or correct its `time_period`",
                             tc->text, other, (other + 1) % 100, e->id);
            else if (other)
                sr_diag_hint(g,
                             "`%s` is a reporting year (the year ending 31 March %s), but entry "
                             "`%s` of benchmarks.yaml says this table's time periods are "
                             "financial years (`time_period: financial-year`), written like "
                             "202324: check that the file is the table and release the entry "
                             "names, or correct its `time_period`",
                             tc->text, tc->text, e->id);
            else
                sr_diag_hint(g, "%s",
                             e->time == SR_BT_FINANCIAL
                                 ? "its time periods are financial years written like 202324"
                                 : "its time periods are reporting years written like 2023 "
                                   "(the year ending 31 March 2023)");
            ok = false;
            continue;
        }
        const sr_bcell *gc = &row[gcol];
        size_t lv = 0;
        while (levels[lv] && strcmp(levels[lv], gc->text) != 0)
            lv++;
        if (!levels[lv]) {
            sr_diag *g = ROW_ERROR(cell_loc(src, gc),
                                   "`%s` is not a geographic level the report reads", gc->text);
            const char *best = sr_suggest(gc->text, levels, 3);
            if (best)
                sr_diag_hint(g, "did you mean `%s`?", best);
            else
                sr_diag_hint(g, "the levels are National, Regional and Local authority");
            ok = false;
            continue;
        }
        sr_brow br = {.year = year, .level = (sr_bgeo)lv, .line = rec->line, .cells = row};
        br.region_code = cell_at(row, n, rcol);
        br.region_name = cell_at(row, n, rncol);
        long codecol = lv == 0 ? ccol : lv == 1 ? rcol : lacol;
        long namecol = lv == 0 ? cncol : lv == 1 ? rncol : lncol;
        br.code = cell_at(row, n, codecol);
        br.name = cell_at(row, n, namecol);
        if (lv == 0 && (!br.code || !br.code[0]))
            br.code = "E92000001";
        if (lv == 0 && (!br.name || !br.name[0]))
            br.name = "England";
        if (codecol >= 0 && !sr_gss_code_ok(br.code)) {
            const char *what = lv == 0 ? "country" : lv == 1 ? "region" : "local authority";
            sr_diag_hint(
                ROW_ERROR(cell_loc(src, &row[codecol]), "`%s` is not a %s code", br.code, what),
                "a code is a capital letter and eight digits, such as %s",
                lv == 0   ? "E92000001"
                : lv == 1 ? "E12000002"
                          : "E08000007");
            ok = false;
            continue;
        }
        if (!keep)
            continue;
        /* The figures the report reads. */
        bool cells_ok = true;
        for (size_t i = 0; i < nchecks; i++)
            cells_ok &= check_cell(d, src, e, &row[checks[i].col], checks[i].name, checks[i].places,
                                   checks[i].population, syms, &shown_bad);
        if (!cells_ok) {
            ok = false;
            continue;
        }
        /* No row twice (a map, so that a file of many rows takes no longer
         * than reading it). */
        sr_buf key = SR_BUF_INIT;
        sr_buf_printf(&key, "%d|%d|%s", year, (int)br.level, br.code ? br.code : "");
        const size_t *at = sr_strmap_get(&seen, sr_buf_str(&key));
        const sr_brow *twin = at ? &f->rows[*at] : NULL;
        if (!twin)
            sr_strmap_put(&seen, sr_buf_str(&key), f->nrows);
        sr_buf_free(&key);
        if (twin) {
            sr_diag *g = ROW_ERROR((sr_loc){src, rec->line, 1, 1}, "this row gives %s for %s again",
                                   br.name ? br.name : br.code, tc->text);
            sr_diag_related(g, (sr_loc){src, twin->line, 1, 1}, "first given here");
            sr_diag_hint(g, e->nfilters ? "each area has one row a year once `rows` in "
                                          "benchmarks.yaml has picked them"
                                        : "a table with breakdowns needs `rows` in "
                                          "benchmarks.yaml, such as `category: Total`");
            ok = false;
            continue;
        }
        f->rows[f->nrows++] = br;
    }
    if (row_bad > SR_BENCH_SHOWN)
        sr_diag_add(d, SR_ERROR, (sr_loc){src, 0, 0, 0},
                    "%zu more rows have a wrong field count, time period, geographic level or "
                    "code, or are given twice (not shown)",
                    row_bad - SR_BENCH_SHOWN);
    if (shown_bad > SR_BENCH_SHOWN)
        sr_diag_add(d, SR_ERROR, (sr_loc){src, 0, 0, 0},
                    "%zu more cells are not numbers or symbols, or have more decimal places "
                    "than published (not shown)",
                    shown_bad - SR_BENCH_SHOWN);
#undef ROW_ERROR
    sr_strmap_free(&seen);
    /* Sorted, for sr_bfile_row's binary search. */
    qsort(f->rows, f->nrows, sizeof *f->rows, row_order);
    return ok;
}

const sr_brow *sr_bfile_row(const sr_bfile *f, int year, sr_bgeo level, const char *code)
{
    /* The first row at or after (year, level, code), code "" for any. */
    const char *want = level == SR_BGEO_NATIONAL || !code ? "" : code;
    size_t lo = 0, hi = f->nrows;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        const sr_brow *r = &f->rows[mid];
        if (key_order(r->year, r->level, r->code, year, level, want) < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    if (lo == f->nrows)
        return NULL;
    const sr_brow *r = &f->rows[lo];
    if (r->year != year || r->level != level || (want[0] && strcmp(r->code, want) != 0))
        return NULL;
    return r;
}

const sr_bfile *sr_bench_parse(sr_arena *a, sr_diags *d, const sr_bench_spec *spec,
                               const sr_source *src)
{
    if (!src->text)
        return NULL;
    size_t bad = sr_utf8_invalid_at(src->text, src->len);
    const char *nul = memchr(src->text, '\0', src->len);
    if (nul && (size_t)(nul - src->text) < bad)
        bad = (size_t)(nul - src->text);
    if (bad < src->len) {
        sr_loc at = sr_source_loc_at(src, bad);
        unsigned char byte = (unsigned char)src->text[bad];
        if (byte == 0)
            sr_diag_hint(sr_diag_add(d, SR_ERROR, at,
                                     "this file holds a zero byte here, which no text file has"),
                         "use the CSV file as downloaded from explore-education-statistics");
        else
            sr_diag_hint(
                sr_diag_add(d, SR_ERROR, at,
                            "this file is not text in UTF-8: the byte here, 0x%02X, is not "
                            "UTF-8 text",
                            byte),
                "%s",
                byte >= 0x80 && byte <= 0x9F
                    ? "it looks like a file saved by Excel in Windows-1252 (where 0x96 is a "
                      "dash and 0x92 an apostrophe): use the CSV file as downloaded from "
                      "explore-education-statistics, or save it again as CSV UTF-8"
                    : "use the CSV file as downloaded from explore-education-statistics; a "
                      "spreadsheet may have saved it in another encoding (save it again as "
                      "CSV UTF-8)");
        return NULL;
    }
    cellvec cells = {0};
    recvec recs = {0};
    const sr_bfile *res = NULL;
    if (!split(a, d, src, &cells, &recs))
        goto done;
    if (recs.n == 0) {
        sr_diag_hint(sr_diag_add(d, SR_ERROR, (sr_loc){src, 0, 0, 0}, "this file is empty"),
                     "download the table's CSV file again");
        goto done;
    }
    const sr_bcell *h = cells.v + recs.v[0].first;
    size_t n = recs.v[0].n;
    bool ok = true;
    for (size_t i = 0; i < n; i++) {
        if (!h[i].text[0]) {
            sr_diag_add(d, SR_ERROR, cell_loc(src, &h[i]), "column %zu of the header has no name",
                        i + 1);
            ok = false;
        } else if (header_index(h, i, h[i].text) >= 0) {
            sr_diag_add(d, SR_ERROR, cell_loc(src, &h[i]), "the column `%s` is in the header twice",
                        h[i].text);
            ok = false;
        }
    }
    /* A space before or after a name is no renamed column: a spreadsheet
     * has been at the file. */
    for (size_t i = 0; i < n; i++) {
        const char *t = h[i].text;
        size_t l = strlen(t);
        bool lead = t[0] == ' ' || t[0] == '\t', trail = l && (t[l - 1] == ' ' || t[l - 1] == '\t');
        if (!lead && !trail)
            continue;
        size_t b0 = strspn(t, " \t"), e0 = l;
        while (e0 > b0 && (t[e0 - 1] == ' ' || t[e0 - 1] == '\t'))
            e0--;
        sr_diag_hint(sr_diag_add(d, SR_ERROR, cell_loc(src, &h[i]),
                                 "the header has a space %s `%.*s`: the DfE's files have none",
                                 lead && trail ? "before and after"
                                 : lead        ? "before"
                                               : "after",
                                 (int)(e0 - b0), t + b0),
                     "the file may have been edited in a spreadsheet: use the CSV file as "
                     "downloaded, or remove the space%s",
                     lead && trail ? "s" : "");
        ok = false;
    }
    if (!ok)
        goto done;
    const sr_bench_entry *e = match(d, spec, src, h, n, cells.v, &recs);
    if (!e)
        goto done;
    sr_bfile *f = sr_arena_alloc(a, sizeof *f);
    f->src = src;
    f->e = e;
    f->ncols = n;
    /* The cells live on in the arena: the rows point into them. */
    sr_bcell *kept = sr_arena_alloc(a, (cells.n ? cells.n : 1) * sizeof *kept);
    memcpy(kept, cells.v, cells.n * sizeof *kept);
    f->header = kept + recs.v[0].first;
    if (read_rows(a, d, src, f, kept, &recs))
        res = f;
done:
    free(cells.v);
    free(recs.v);
    return res;
}

const sr_bfile *sr_bench_load_file(sr_arena *a, sr_diags *d, const sr_bench_spec *spec,
                                   const char *path, const char *root)
{
    char *text = NULL, *outside = NULL;
    size_t size = 0;
    sr_read_status st = sr_read_file_within(path, root, SR_BENCH_MAX_FILE, &text, &size, &outside);
    if (st == SR_READ_TOO_LARGE) {
        sr_source *src = sr_diags_add_source(d, path, NULL, 0);
        src->checked = true;
        sr_diag_hint(sr_diag_add(d, SR_ERROR, (sr_loc){src, 0, 0, 0},
                                 "the file is %zu bytes; a benchmark file may be at most %zu bytes "
                                 "(64 MiB)",
                                 size, SR_BENCH_MAX_FILE),
                     "the DfE's tables by local authority are a few MiB: check that this is "
                     "the right file");
    } else if (st != SR_READ_OK) {
        sr_report_read_error(d, path, st, size, outside);
    }
    if (st != SR_READ_OK) {
        free(outside);
        free(text);
        return NULL;
    }
    return sr_bench_parse(a, d, spec, sr_encoding_add_text(d, path, text, size));
}

static void check_regions(sr_diags *d, const sr_bench_data *bd);

/* Rates worked out per 10,000 children, or two or more local
 * authorities' rates weighted together, need a population: with no file
 * read that has one (the CLA table), every such rate would be [x], which
 * a warning says before a report is built. */
static void check_population(sr_diags *d, const sr_bench_data *bd)
{
    const sr_bfile *need = NULL;
    size_t nlas = bd->p ? bd->p->nbench_las : 0;
    for (size_t i = 0; i < bd->nfiles; i++) {
        if (bd->files[i].pop_col != SIZE_MAX)
            return;
        for (size_t k = 0; k < bd->files[i].e->nmaps && !need; k++) {
            const sr_bmap *m = &bd->files[i].e->maps[k];
            if (m->per_10000 || (nlas > 1 && strcmp(m->unit, "rate") == 0))
                need = &bd->files[i];
        }
    }
    if (!need)
        return;
    sr_diag_hint(sr_diag_add(d, SR_WARNING, (sr_loc){need->src, 0, 0, 0},
                             "no file in the benchmarks folder gives the number of children aged "
                             "0 to 17, so %s are not available [x]",
                             nlas > 1 ? "the rates of the partnership's local authorities "
                                        "together, and those worked out from counts,"
                                      : "the rates worked out from this file's counts (such as "
                                        "referrals per 10,000 children)"),
                 "add the DfE's table of children looked after by local authority (CLA numbers "
                 "and rates per 10,000 children), whose population_estimate column gives it");
}

/* Whether any file has a row for local authority code. */
static bool has_la(const sr_bench_data *bd, const char *code)
{
    for (size_t i = 0; i < bd->nfiles; i++)
        for (size_t r = 0; r < bd->files[i].nrows; r++)
            if (bd->files[i].rows[r].level == SR_BGEO_LA &&
                strcmp(bd->files[i].rows[r].code, code) == 0)
                return true;
    return false;
}

sr_bench_data *sr_bench_load(sr_arena *a, sr_diags *d, const sr_bench_spec *spec,
                             const char *data_dir, const sr_partnership *p)
{
    sr_bench_data *bd = sr_arena_alloc(a, sizeof *bd);
    bd->spec = spec;
    bd->p = p;
    char *dir = sr_path_join(data_dir, SR_BENCH_DIR);
    char **names = sr_path_kind_of(dir) == SR_PATH_DIR ? sr_list_dir(dir, "") : NULL;
    size_t cap = 0;
    for (char **nm = names; nm && *nm; nm++)
        cap++;
    bd->files = sr_arena_alloc(a, (cap ? cap : 1) * sizeof *bd->files);
    size_t refused = 0; /* files with errors, left out */
    for (char **nm = names; nm && *nm; nm++) {
        char *path = sr_path_join(dir, *nm);
        if (!sr_bench_is_csv(*nm)) {
            sr_source *src = sr_diags_add_source(d, path, NULL, 0);
            sr_diag_hint(sr_diag_add(d, SR_WARNING, (sr_loc){src, 0, 0, 0},
                                     "this is not read: benchmarks/ holds the DfE's CSV files"),
                         "keep the files as downloaded, with names ending .csv; move anything "
                         "else out of the folder");
        } else {
            const sr_bfile *f = sr_bench_load_file(a, d, spec, path, data_dir);
            if (f)
                bd->files[bd->nfiles++] = *f;
            else
                refused++;
        }
        free(path);
    }
    sr_free_names(names);
    /* Two files of one table and release (a file downloaded twice, "name
     * (1).csv"): which to use would be a guess, by name. Both are named;
     * the second is not used. */
    for (size_t j = 1; j < bd->nfiles; j++)
        for (size_t i = 0; i < j; i++) {
            if (bd->files[i].e != bd->files[j].e)
                continue;
            const sr_bench_entry *e = bd->files[j].e;
            sr_diag *g = sr_diag_add(d, SR_ERROR, (sr_loc){bd->files[j].src, 0, 0, 0},
                                     "this file is the same table and release as %s (%s, %s): "
                                     "the report cannot tell which of the two to use",
                                     bd->files[i].src->name, e->table, e->release);
            sr_diag_hint(g, "keep one of the two in the benchmarks folder: a file downloaded "
                            "twice gets a name such as \"name (1).csv\"");
            memmove(&bd->files[j], &bd->files[j + 1], (bd->nfiles - j - 1) * sizeof *bd->files);
            bd->nfiles--;
            j--;
            break;
        }
    if (p && p->has_benchmarks && cap == 0) {
        sr_source *src = sr_diags_add_source(d, dir, NULL, 0);
        sr_diag_hint(sr_diag_add(d, SR_WARNING, (sr_loc){src, 0, 0, 0},
                                 "partnership.yaml names benchmarks, but there are no files in "
                                 "this folder"),
                     "download the DfE's tables listed in docs/benchmarks.md into it");
    }
    free(dir);
    /* The area's and the neighbours' codes: a code no file gives is
     * probably mistyped. */
    for (size_t k = 0; p && bd->nfiles && k < p->nbench_las; k++)
        if (!has_la(bd, p->bench_las[k]))
            sr_diag_hint(sr_diag_add(d, SR_WARNING, p->bench_la_locs[k],
                                     "no benchmark file has a row for `%s`", p->bench_las[k]),
                         "check the code against the files' `new_la_code` column");
    for (size_t k = 0; p && bd->nfiles && k < p->nneighbours; k++)
        if (!has_la(bd, p->neighbours[k]))
            sr_diag_hint(sr_diag_add(d, SR_WARNING, p->neighbour_locs[k],
                                     "no benchmark file has a row for the neighbour `%s`, so it "
                                     "is left out of every mean and rank",
                                     p->neighbours[k]),
                         "check the code against the files' `new_la_code` column and the "
                         "DfE's list of statistical neighbours");
    check_regions(d, bd);
    if (!refused) /* a file refused may be the one with the population */
        check_population(d, bd);
    if (p && p->bench_region && bd->nfiles) {
        bool seen = false;
        for (size_t i = 0; i < bd->nfiles && !seen; i++)
            for (size_t r = 0; r < bd->files[i].nrows && !seen; r++)
                seen = bd->files[i].rows[r].level == SR_BGEO_REGIONAL &&
                       strcmp(bd->files[i].rows[r].code, p->bench_region) == 0;
        if (!seen)
            sr_diag_hint(sr_diag_add(d, SR_WARNING, p->bench_region_loc,
                                     "no benchmark file has a row for the region `%s`",
                                     p->bench_region),
                         "check the code against the files' `region_code` column");
    }
    return bd;
}

/* A partnership of local authorities in two regions, with no `region:`:
 * the comparisons are with the first's region whose rows name one, which
 * a warning at each other authority's code says. */
static void check_regions(sr_diags *d, const sr_bench_data *bd)
{
    const sr_partnership *p = bd->p;
    if (!p || p->bench_region || p->nbench_las < 2)
        return;
    const char *first = NULL, *fname = NULL, *frc = NULL, *frn = NULL;
    for (size_t q = 0; q < p->nbench_las; q++) {
        const char *nm, *rc, *rn;
        sr_bench_area_info(bd, p->bench_las[q], &nm, &rc, &rn);
        if (!rc)
            continue;
        if (!frc) {
            first = p->bench_las[q], fname = nm, frc = rc, frn = rn;
            continue;
        }
        if (strcmp(rc, frc) == 0)
            continue;
        sr_diag_hint(sr_diag_add(d, SR_WARNING, p->bench_la_locs[q],
                                 "%s (%s) is in the region %s (%s), but %s (%s) is in %s (%s): "
                                 "the comparisons are with %s",
                                 nm ? nm : p->bench_las[q], p->bench_las[q], rn ? rn : rc, rc,
                                 fname ? fname : first, first, frn ? frn : frc, frc,
                                 frn ? frn : frc),
                     "say which region to compare with under `benchmarks:` in partnership.yaml, "
                     "such as `region: %s`",
                     frc);
    }
}

void sr_bench_area_info(const sr_bench_data *bd, const char *code, const char **name,
                        const char **region_code, const char **region_name)
{
    *name = *region_code = *region_name = NULL;
    for (size_t i = 0; bd && code && i < bd->nfiles; i++) {
        for (size_t r = 0; r < bd->files[i].nrows; r++) {
            const sr_brow *w = &bd->files[i].rows[r];
            if (w->level != SR_BGEO_LA || strcmp(w->code, code) != 0)
                continue;
            if (!*name && w->name && w->name[0])
                *name = w->name;
            if (!*region_code && w->region_code && w->region_code[0]) {
                *region_code = w->region_code;
                if (w->region_name && w->region_name[0])
                    *region_name = w->region_name;
            }
            if (*name && *region_code)
                return;
        }
    }
}

void sr_bench_check_years(sr_diags *d, const sr_bench_data *bd, const int *years, size_t nyears)
{
    for (size_t q = 0; bd && bd->p && q < bd->p->nbench_las; q++) {
        const char *area = bd->p->bench_las[q];
        if (!has_la(bd, area))
            continue;
        const char *name, *rc, *rn;
        sr_bench_area_info(bd, area, &name, &rc, &rn);
        for (size_t i = 0; i < bd->nfiles; i++) {
            const sr_bfile *f = &bd->files[i];
            for (size_t k = 0; k < nyears; k++) {
                const sr_brow *eng = sr_bfile_row(f, years[k], SR_BGEO_NATIONAL, NULL);
                if (!eng || sr_bfile_row(f, years[k], SR_BGEO_LA, area))
                    continue;
                char y[16];
                sr_fmt_year(years[k], y, sizeof y);
                const sr_bcell *tc = &eng->cells[header_index(f->header, f->ncols, "time_period")];
                sr_diag_hint(sr_diag_add(d, SR_WARNING, (sr_loc){f->src, eng->line, 1, 1},
                                         "this file gives England's figures for %s (time period "
                                         "%s), but has no row for %s (%s): the area's figures "
                                         "from it for %s are shown as not available [x]",
                                         y, tc->text, name ? name : area, area, y),
                             "download the table again: the DfE's files have a row for every "
                             "local authority each year");
            }
        }
    }
}
