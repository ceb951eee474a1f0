/* bench: the area against England, its region and its statistical
 * neighbours, see bench.h. */
#include "metrics/bench.h"

#include "core/buf.h"
#include "core/fmt.h"
#include "core/suggest.h"
#include "data/benchmarks.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct sr_bench {
    sr_bench_cmp *cmps;
    size_t n;
    sr_bench_file *files;
    size_t nfiles;
    const sr_bench_spec *spec;
};

/* The DfE's reporting years 2013 to 2023 (the project's 2012 to 2022) had
 * their rates recalculated in February 2025 on census-2021 populations. */
#define REVISED_FIRST 2012
#define REVISED_LAST  2022

static sr_bsym sym_of(const char *gss)
{
    if (strcmp(gss, "[c]") == 0)
        return SR_BSYM_C;
    if (strcmp(gss, "[z]") == 0)
        return SR_BSYM_Z;
    if (strcmp(gss, "[low]") == 0)
        return SR_BSYM_LOW;
    return SR_BSYM_X;
}

/* The digits as written, as an exact fraction: "191.6" -> 1916/10. False
 * when they do not fit. */
static bool digits_value(const char *t, int64_t *num, int64_t *den)
{
    bool neg = *t == '-';
    if (neg)
        t++;
    int64_t n = 0, dn = 1;
    bool frac = false;
    for (; *t; t++) {
        if (*t == '.') {
            frac = true;
            continue;
        }
        if (__builtin_mul_overflow(n, 10, &n) || __builtin_add_overflow(n, *t - '0', &n))
            return false;
        if (frac && __builtin_mul_overflow(dn, 10, &dn))
            return false;
    }
    *num = neg ? -n : n;
    *den = dn;
    return true;
}

/* v shown with places decimal places, with thousands separators, "%" for
 * a percentage. */
static const char *shown(sr_arena *a, const sr_mval *v, sr_unit u, int places)
{
    if (v->suppressed)
        return "[c]";
    if (v->avail == SR_NOT_APPLICABLE)
        return "[z]";
    if (v->avail != SR_AVAILABLE)
        return "[x]";
    char n[SR_FMT_MAX];
    sr_fmt_fixed(sr_round_frac(v->num, v->den, places), places, true, n, sizeof n);
    return sr_arena_printf(a, "%s%s", n, u == SR_U_PERCENTAGE ? "%" : "");
}

static sr_bsource source_at(const sr_bfile *f, const sr_brow *r, size_t col, const char *column)
{
    const sr_bench_entry *e = f->e;
    const sr_bcell *c = &r->cells[col];
    return (sr_bsource){f->src->name,   c->line,  c->col,     column, e->id,
                        e->publication, e->table, e->release, e->url};
}

static sr_bfigure not_available(sr_bfigure g, const char *why)
{
    g.sym = SR_BSYM_X;
    g.v = (sr_mval){.avail = SR_NOT_AVAILABLE, .den = 1};
    g.shown = "[x]";
    g.why = why;
    return g;
}

/* The figure in column col (named column, published to places) of row r
 * of f (r NULL: no row), for geography code. */
static sr_bfigure read_figure(sr_arena *a, const sr_bfile *f, size_t col, const char *column,
                              int places, const sr_brow *r, const char *code, sr_unit u)
{
    sr_bfigure g = {.code = code, .name = code};
    if (!r) {
        g.sym = SR_BSYM_MISSING;
        g.v.avail = SR_NOT_AVAILABLE;
        g.shown = "[x]";
        return g;
    }
    const sr_bench_entry *e = f->e;
    g.code = r->code;
    g.name = r->name && r->name[0] ? r->name : r->code;
    g.src = source_at(f, r, col, column);
    const char *t = r->cells[col].text;
    for (size_t i = 0; i < e->nsyms; i++) {
        if (strcmp(e->sym_text[i], t) != 0)
            continue;
        g.sym = sym_of(e->sym_gss[i]);
        g.shown = e->sym_gss[i];
        g.v.avail = g.sym == SR_BSYM_C   ? SR_AVAILABLE
                    : g.sym == SR_BSYM_Z ? SR_NOT_APPLICABLE
                                         : SR_NOT_AVAILABLE;
        g.v.suppressed = g.sym == SR_BSYM_C;
        g.v.den = 1;
        return g;
    }
    if (!digits_value(t, &g.v.num, &g.v.den))
        return not_available(g, NULL);
    g.v.avail = SR_AVAILABLE;
    g.shown = shown(a, &g.v, u, places);
    return g;
}

static bool has_figure(const sr_bfigure *g)
{
    return g->sym == SR_BSYM_NONE && g->v.avail == SR_AVAILABLE && !g->v.suppressed;
}

/* Millionths: the scale every figure read is a whole number of. */
#define MICRO 1000000

/* v in millionths; *over set when v has more than 6 places (never, once
 * benchmarks.yaml is checked) or does not fit. */
static sr_i128 micro(const sr_mval *v, bool *over)
{
    if (v->den <= 0 || v->den > MICRO || MICRO % v->den != 0) {
        *over = true;
        return 0;
    }
    return (sr_i128)v->num * (MICRO / v->den);
}

static int64_t pow10_of(int places)
{
    int64_t s = 1;
    for (int i = 0; i < places; i++)
        s *= 10;
    return s;
}

/* num/den rounded half away from zero to places, as a figure of unit u;
 * not available (why) when den is not positive or the result does not fit
 * (its whole part at most INT64_MAX / 10^6). Worked without overflow for
 * any den up to 10^30: the remainder is rounded, not num scaled. */
static sr_bfigure rounded(sr_arena *a, sr_bfigure g, sr_i128 num, sr_i128 den, int places,
                          sr_unit u, const char *why)
{
    const sr_i128 lim = INT64_MAX / MICRO, dmax = (sr_i128)1000000000000000 * 1000000000000000;
    if (den <= 0 || den > dmax || places < 0 || places > 6)
        return not_available(g, why);
    bool neg = num < 0;
    sr_i128 q = num / den, r = num % den;
    if (neg)
        q = -q, r = -r;
    if (q > lim)
        return not_available(g, why);
    sr_i128 scale = pow10_of(places);
    sr_i128 t = q * scale + (2 * r * scale + den) / (2 * den);
    g.sym = SR_BSYM_NONE;
    g.v = (sr_mval){.avail = SR_AVAILABLE, .num = (int64_t)(neg ? -t : t), .den = (int64_t)scale};
    g.shown = shown(a, &g.v, u, places);
    return g;
}

/* Why a figure that needs a population has none, when no file read has
 * a population column. */
#define NO_POPULATION_FILE                                                                         \
    "no file in the benchmarks folder gives the number of children aged 0 to 17 (the CLA "         \
    "table's population_estimate, a column benchmarks.yaml names under `population:`)"

/* g's name, from any row of the files when its own row is missing (its
 * name is then its code). */
static void named(const sr_bench_data *bd, sr_bfigure *g)
{
    if (!g->code || (g->name && strcmp(g->name, g->code) != 0))
        return;
    const char *nm, *rc, *rn;
    sr_bench_area_info(bd, g->code, &nm, &rc, &rn);
    if (nm)
        g->name = nm;
}

/* The population of children aged 0 to 17 for a geography and year, from
 * the column `population:` names, in the latest release of those with a
 * row for it. */
static sr_bfigure population(sr_arena *a, const sr_bench_data *bd, int year, sr_bgeo level,
                             const char *code)
{
    const sr_bfile *best = NULL;
    const sr_brow *row = NULL;
    for (size_t i = 0; i < bd->nfiles; i++) {
        const sr_bfile *f = &bd->files[i];
        if (f->pop_col == SIZE_MAX)
            continue;
        const sr_brow *r = sr_bfile_row(f, year, level, code);
        int fl = f->e->last_year;
        if (r && (!best || fl >= best->e->last_year))
            best = f, row = r;
    }
    sr_bfigure g =
        best ? read_figure(a, best, best->pop_col, best->e->population, 0, row, code, SR_U_COUNT)
             : read_figure(a, NULL, 0, NULL, 0, NULL, code, SR_U_COUNT);
    bool any = false;
    for (size_t i = 0; i < bd->nfiles && !any; i++)
        any = bd->files[i].pop_col != SIZE_MAX;
    if (!any)
        g.why = NO_POPULATION_FILE;
    return g;
}

static const char *year_words(sr_arena *a, int year)
{
    char y[16];
    sr_fmt_year(year, y, sizeof y);
    return sr_arena_strdup(a, y);
}

static const char *area_words(sr_arena *a, const sr_bfigure *g)
{
    if (g->name && g->code && strcmp(g->name, g->code) != 0)
        return sr_arena_printf(a, "%s (%s)", g->name, g->code);
    return g->name ? g->name : g->code ? g->code : "England";
}

/* Why figure g (what: "population of children", a column's name; NULL
 * for the figure itself) of one geography is not there to work a figure
 * out from. */
static const char *gap_words(sr_arena *a, const sr_bfigure *g, const char *what, const char *y)
{
    if (g->why)
        return g->why;
    const char *who = area_words(a, g);
    if (g->sym == SR_BSYM_MISSING)
        return sr_arena_printf(a, "the DfE's files have no row for %s in %s", who, y);
    const char *of = what ? sr_arena_printf(a, "%s ", what) : "figure ";
    if (g->sym == SR_BSYM_C)
        return sr_arena_printf(a, "the DfE's %sfor %s in %s is suppressed [c]", of, who, y);
    if (g->sym == SR_BSYM_Z)
        return sr_arena_printf(a, "the DfE's %sfor %s in %s is not applicable [z]", of, who, y);
    return sr_arena_printf(a, "the DfE's %sfor %s in %s is not available %s", of, who, y,
                           g->shown ? g->shown : "[x]");
}

/* Metric mapi of f for one geography and year: read as published, or
 * worked out per 10,000 children from its count and the population. */
static sr_bfigure figure(sr_arena *a, const sr_bench_data *bd, const sr_bfile *f, size_t mapi,
                         int year, sr_bgeo level, const char *code, sr_unit u)
{
    const sr_bmap *m = &f->e->maps[mapi];
    const sr_brow *r = sr_bfile_row(f, year, level, code);
    if (!m->per_10000 || !r)
        return read_figure(a, f, f->map_col[mapi], m->column, m->places, r, code, u);
    sr_bfigure *parts = sr_arena_alloc(a, 2 * sizeof *parts);
    parts[0] = read_figure(a, f, f->map_col[mapi], m->column, 0, r, code, SR_U_COUNT);
    parts[1] = population(a, bd, year, level, r->code);
    sr_bfigure g = parts[0];
    g.how = SR_BHOW_PER_10000;
    g.parts = parts;
    g.nparts = 2;
    if (parts[0].sym != SR_BSYM_NONE)
        return g; /* the count's symbol is the rate's */
    if (!has_figure(&parts[1])) {
        if (parts[1].src.file)
            g.src = parts[1].src; /* the population's cell is why */
        parts[1].name = g.name;
        return not_available(
            g, gap_words(a, &parts[1], "population of children", year_words(a, year)));
    }
    const sr_mval *c = &parts[0].v, *pp = &parts[1].v;
    /* (c.num / c.den) * 10,000 / (p.num / p.den) */
    return rounded(a, g, (sr_i128)c->num * 10000 * pp->den, (sr_i128)c->den * pp->num, m->places, u,
                   sr_arena_printf(a, "the rate for %s in %s is too large to show",
                                   area_words(a, &g), year_words(a, year)));
}

/* The partnership's local authorities together (partnership.yaml names
 * two or more): counts added; rates weighted by each authority's
 * population of children (a rate worked out per 10,000 children is the
 * counts' sum per 10,000 of the populations' sum); percentages weighted by
 * the count `of:` names. Any part suppressed makes the whole [c]; any not
 * available makes it [x], saying which. */
static sr_bfigure combined(sr_arena *a, const sr_bench_data *bd, const sr_bfile *f, size_t mapi,
                           int year, sr_unit u, const char *name)
{
    const sr_partnership *p = bd->p;
    const sr_bmap *m = &f->e->maps[mapi];
    size_t n = p->nbench_las;
    sr_bfigure *parts = sr_arena_alloc(a, n * sizeof *parts);
    sr_bfigure *w = u == SR_U_COUNT ? NULL : sr_arena_alloc(a, n * sizeof *w);
    sr_bfigure g = {
        .name = name, .how = SR_BHOW_COMBINED, .parts = parts, .nparts = n, .weights = w};
    bool any_c = false, all_z = true;
    const sr_bfigure *gap = NULL, *wgap = NULL;
    for (size_t k = 0; k < n; k++) {
        const char *code = p->bench_las[k];
        parts[k] = figure(a, bd, f, mapi, year, SR_BGEO_LA, code, u);
        named(bd, &parts[k]);
        if (!g.src.file && parts[k].src.file)
            g.src = parts[k].src;
        any_c |= parts[k].sym == SR_BSYM_C;
        all_z &= parts[k].sym == SR_BSYM_Z;
        if (!gap && !has_figure(&parts[k]))
            gap = &parts[k];
        if (!w)
            continue;
        if (u == SR_U_RATE)
            w[k] = population(a, bd, year, SR_BGEO_LA, code);
        else if (m->of)
            w[k] = read_figure(a, f, f->of_col[mapi], m->of, 0,
                               sr_bfile_row(f, year, SR_BGEO_LA, code), code, SR_U_COUNT);
        else
            w[k] = read_figure(a, f, 0, NULL, 0, NULL, code, SR_U_COUNT);
        w[k].name = parts[k].name;
        if (!wgap && !has_figure(&w[k]))
            wgap = &w[k];
    }
    if (any_c) {
        for (size_t k = 0; k < n; k++)
            if (parts[k].sym == SR_BSYM_C) {
                if (parts[k].src.file)
                    g.src = parts[k].src; /* the cell that is suppressed */
                g.why = gap_words(a, &parts[k], NULL, year_words(a, year));
                break;
            }
        g.sym = SR_BSYM_C;
        g.shown = "[c]";
        g.v = (sr_mval){.avail = SR_AVAILABLE, .suppressed = true, .den = 1};
        return g;
    }
    if (all_z) {
        g.sym = SR_BSYM_Z;
        g.shown = "[z]";
        g.v = (sr_mval){.avail = SR_NOT_APPLICABLE, .den = 1};
        return g;
    }
    const char *y = year_words(a, year);
    /* The place of a figure not available is the cell that makes it so. */
    const sr_bfigure *cause = gap ? gap : wgap;
    if (cause && cause->src.file)
        g.src = cause->src;
    if (gap)
        return not_available(g, gap->why ? gap->why : gap_words(a, gap, NULL, y));
    if (wgap && u == SR_U_PERCENTAGE && !m->of)
        return not_available(g, sr_arena_printf(a,
                                                "a percentage of two or more local authorities "
                                                "is combined by the count it is of, which "
                                                "benchmarks.yaml does not give for `%s` (`of:`)",
                                                m->column));
    if (wgap) /* what the parts are weighted by */
        return not_available(
            g, gap_words(a, wgap, u == SR_U_RATE ? "population of children" : m->of, y));
    /* Exact: every figure read is a whole number of millionths (at most 6
     * places, benchmarks.yaml's limit), so each is scaled to them; a sum
     * or product too large for 128 bits is not available, said so. */
    const char *large = sr_arena_printf(a,
                                        "the local authorities' figures for %s are too large "
                                        "to add up",
                                        y);
    sr_i128 num = 0, den = 0;
    bool over = false;
    for (size_t k = 0; k < n && !over; k++) {
        sr_i128 v = micro(&parts[k].v, &over);
        if (u == SR_U_COUNT) {
            over |= __builtin_add_overflow(num, v, &num);
            continue;
        }
        sr_i128 wt = micro(&w[k].v, &over), t;
        if (m->per_10000) {
            /* the counts' sum per 10,000 of the populations' sum */
            sr_i128 c = micro(&parts[k].parts[0].v, &over);
            over |= __builtin_mul_overflow(c, (sr_i128)10000, &t) ||
                    __builtin_add_overflow(num, t, &num) || __builtin_add_overflow(den, wt, &den);
        } else {
            /* each value times its weight, over the weights' sum */
            over |= __builtin_mul_overflow(v, wt, &t) || __builtin_add_overflow(num, t, &num) ||
                    __builtin_mul_overflow(wt, (sr_i128)MICRO, &t) ||
                    __builtin_add_overflow(den, t, &den);
        }
    }
    if (over)
        return not_available(g, large);
    if (u == SR_U_COUNT)
        return rounded(a, g, num, MICRO, 0, u, large);
    if (den <= 0)
        return not_available(g, u == SR_U_RATE
                                    ? sr_arena_printf(a,
                                                      "the local authorities' populations of "
                                                      "children add up to zero in %s",
                                                      y)
                                    : sr_arena_printf(a,
                                                      "the local authorities' %s add up to zero "
                                                      "in %s, so there is no percentage of them",
                                                      m->of, y));
    g.exact_num = num;
    g.exact_den = den;
    return rounded(a, g, num, den, m->places, u, large);
}

/* a < b: -1, equal: 0, a > b: 1. */
static int cmp_val(const sr_mval *a, const sr_mval *b)
{
    sr_i128 l = (sr_i128)a->num * b->den, r = (sr_i128)b->num * a->den;
    return l < r ? -1 : l > r;
}

/* The latest year a file gives (its release, for choosing between two). */
static int file_latest(const sr_bfile *f)
{
    if (f->e->last_year)
        return f->e->last_year;
    int y = 0;
    for (size_t i = 0; i < f->nrows; i++)
        if (f->rows[i].year > y)
            y = f->rows[i].year;
    return y;
}

/* The file and mapping that give metric id for year: of those with a row
 * for the year, the latest release. */
static const sr_bfile *pick(const sr_bench_data *bd, const char *id, int year, size_t *mapi)
{
    const sr_bfile *best = NULL;
    int best_latest = 0;
    for (size_t i = 0; i < bd->nfiles; i++) {
        const sr_bfile *f = &bd->files[i];
        for (size_t k = 0; k < f->e->nmaps; k++) {
            if (strcmp(f->e->maps[k].metric, id) != 0)
                continue;
            bool any = false;
            for (size_t r = 0; r < f->nrows && !any; r++)
                any = f->rows[r].year == year;
            int latest = file_latest(f);
            if (any && (!best || latest >= best_latest))
                best = f, best_latest = latest, *mapi = k;
        }
    }
    return best;
}

static sr_unit unit_named(const char *u)
{
    return strcmp(u, "count") == 0  ? SR_U_COUNT
           : strcmp(u, "rate") == 0 ? SR_U_RATE
                                    : SR_U_PERCENTAGE;
}

/* Warns when the submissions' figure for the area differs from the DfE's,
 * at the places the DfE publishes. */
static void check_local(sr_bench_cmp *c, const sr_metric *mt, size_t i, const sr_source *src,
                        unsigned len, sr_diags *d)
{
    if (mt->def->each || mt->nrows != 1 || !has_figure(&c->area))
        return;
    const sr_mcell *cell = &mt->rows[0].cells[i];
    if (cell->v.avail != SR_AVAILABLE || cell->v.suppressed || cell->v.den == 0)
        return;
    int64_t lo = sr_round_frac(cell->v.num, cell->v.den, c->places),
            dfe = sr_round_frac(c->area.v.num, c->area.v.den, c->places);
    if (lo == dfe)
        return;
    /* Local authorities' rates or percentages weighted together are of
     * figures each rounded as published, so their mean is within half a
     * unit of the last place of the whole's (the figures' own rounding
     * moves each by at most that, and the weights sum to one). The
     * submissions' figure is exact when worked out from counts, but one
     * typed to the places published (a percentage of 19.4%) is itself
     * rounded, by as much again: within the sum of the two, before the
     * mean is rounded, the two agree. */
    if (c->area.how == SR_BHOW_COMBINED && c->area.exact_den > 0) {
        int64_t scale = pow10_of(c->places);
        bool typed = cell->v.den > 0 && scale % cell->v.den == 0;
        sr_i128 l, r, diff, lhs, rhs;
        if (!__builtin_mul_overflow((sr_i128)cell->v.num, c->area.exact_den, &l) &&
            !__builtin_mul_overflow(c->area.exact_num, (sr_i128)cell->v.den, &r) &&
            !__builtin_sub_overflow(l, r, &diff) &&
            !__builtin_mul_overflow(diff < 0 ? -diff : diff, (typed ? 1 : 2) * (sr_i128)scale,
                                    &lhs) &&
            !__builtin_mul_overflow((sr_i128)cell->v.den, c->area.exact_den, &rhs) && lhs <= rhs)
            return;
    }
    c->local_differs = true;
    c->local = cell->v;
    char y[16], ds[48];
    sr_fmt_year(c->year, y, sizeof y);
    sr_mval_format(&cell->v, c->unit, ds, sizeof ds);
    const sr_bsource *s = &c->area.src;
    /* The place is the DfE's cell (in src, the area's file); the
     * submission is the related place. */
    sr_diag *g =
        c->area.how == SR_BHOW_COMBINED
            ? sr_diag_add(d, SR_WARNING, (sr_loc){src, s->line, s->col, len ? len : 1},
                          "%s in %s: the submissions give %s, but the DfE's figures for %s's "
                          "%zu local authorities in %s (%s) give %s together",
                          mt->def->label, y, ds, c->area.name, c->area.nparts, s->table, s->release,
                          c->area.shown)
            : sr_diag_add(d, SR_WARNING, (sr_loc){src, s->line, s->col, len ? len : 1},
                          "%s in %s: the submissions give %s, but the DfE's %s (%s) gives %s "
                          "for %s",
                          mt->def->label, y, ds, s->table, s->release, c->area.shown, c->area.name);
    if (cell->ninputs && cell->inputs[0]->loc.src)
        sr_diag_related(g, cell->inputs[0]->loc, "the submitted figure");
    sr_diag_hint(g, mt->def->unit == SR_U_RATE
                        ? "a rate can differ when the population used differs (the DfE uses the "
                          "ONS mid-year estimates); otherwise check the submitted figure against "
                          "what was returned to the DfE"
                        : "check the submitted figure against what was returned to the DfE, or "
                          "whether the DfE's figure was revised since");
}

static const char *break_note(sr_arena *a, const sr_bench_cmp *c, const sr_bfile *f)
{
    if (c->unit != SR_U_RATE)
        return NULL;
    char y[16];
    sr_fmt_year(c->year, y, sizeof y);
    if (!f->e->revised && c->year >= REVISED_FIRST && c->year <= REVISED_LAST)
        return sr_arena_printf(a,
                               "rates for %s were revised in February 2025 using population "
                               "estimates based on the 2021 census; these are from %s, published "
                               "before the revision, so compare them with later releases' rates "
                               "with care",
                               y, f->e->release);
    return NULL;
}

static void add_file(sr_arena *a, sr_bench *b, const sr_bsource *s, size_t cap)
{
    if (!s->file)
        return;
    for (size_t i = 0; i < b->nfiles; i++)
        if (strcmp(b->files[i].file, s->file) == 0)
            return;
    if (b->nfiles < cap)
        b->files[b->nfiles++] = (sr_bench_file){
            sr_arena_strdup(a, s->file), s->entry, s->publication, s->table, s->release, s->url};
}

/* The files a figure was read from, its parts' and weights' too. */
static void add_files(sr_arena *a, sr_bench *b, const sr_bfigure *g, size_t cap)
{
    add_file(a, b, &g->src, cap);
    for (size_t k = 0; k < g->nparts; k++) {
        add_files(a, b, &g->parts[k], cap);
        if (g->weights)
            add_files(a, b, &g->weights[k], cap);
    }
}

/* A metric a table of a file read maps that metrics.yaml does not define
 * would be left out without a word: a warning, once an entry. */
static void warn_unknown_metrics(const sr_bench_data *bd, const sr_metrics *m, sr_diags *d)
{
    const char **ids = sr_xcalloc(m->nmetrics ? m->nmetrics : 1, sizeof *ids);
    size_t nids = 0;
    for (size_t k = 0; k < m->nmetrics; k++)
        if (!m->metrics[k].def->local)
            ids[nids++] = m->metrics[k].def->id;
    for (size_t i = 0; i < bd->nfiles; i++) {
        const sr_bench_entry *e = bd->files[i].e;
        bool seen = false;
        for (size_t j = 0; j < i && !seen; j++)
            seen = bd->files[j].e == e;
        for (size_t k = 0; k < e->nmaps && !seen; k++) {
            if (sr_metrics_find(m, e->maps[k].metric))
                continue;
            sr_diag *g = sr_diag_add(d, SR_WARNING, e->maps[k].loc,
                                     "`%s` is not a metric of metrics.yaml, so the DfE's `%s` is "
                                     "not compared with anything",
                                     e->maps[k].metric, e->maps[k].column);
            const char *best = sr_suggest(e->maps[k].metric, ids, nids);
            if (best)
                sr_diag_hint(g, "did you mean `%s`?", best);
        }
    }
    free(ids);
}

/* A file whose table maps metrics the report compares, but that gives no
 * figure for the report's year (its release ends before it: the DfE
 * publishes a year's figures the autumn after it ends) while no other
 * file gives them: the comparisons for the year leave those measures out,
 * which a warning says, once a file, naming them. */
static void warn_no_year(const sr_bench_data *bd, const sr_metrics *m, sr_diags *d)
{
    if (!m->nyears)
        return;
    int year = m->years[0];
    for (size_t i = 0; i < bd->nfiles; i++) {
        const sr_bfile *f = &bd->files[i];
        bool has_year = false;
        int latest = 0;
        for (size_t r = 0; r < f->nrows; r++) {
            has_year |= f->rows[r].year == year;
            if (f->rows[r].year > latest)
                latest = f->rows[r].year;
        }
        if (has_year || latest > year)
            continue; /* a year it has, or a gap in a series that goes past it */
        sr_buf names = SR_BUF_INIT;
        for (size_t k = 0; k < f->e->nmaps; k++) {
            const sr_metric *mt = sr_metrics_find(m, f->e->maps[k].metric);
            size_t mapi;
            if (!mt || mt->def->local || pick(bd, mt->def->id, year, &mapi))
                continue;
            sr_buf_printf(&names, "%s%s", names.len ? "; " : "", mt->def->label);
        }
        if (names.len) {
            char y[16], ly[16];
            sr_fmt_year(year, y, sizeof y);
            sr_fmt_year(latest, ly, sizeof ly);
            sr_diag_hint(sr_diag_add(d, SR_WARNING, (sr_loc){f->src, 0, 0, 0},
                                     "this file gives no figures for %s, the report's year "
                                     "(its latest are for %s), so the comparisons leave out: %s",
                                     y, ly, sr_buf_str(&names)),
                         "the DfE publishes a year's figures in the autumn after it ends: add "
                         "the release that covers %s to the benchmarks folder when it is out",
                         y);
        }
        sr_buf_free(&names);
    }
}

sr_bench *sr_bench_compute(sr_arena *a, const struct sr_bench_data *bd, const sr_metrics *m,
                           sr_diags *d)
{
    if (!bd)
        return NULL;
    const sr_partnership *p = bd->p;
    sr_bench *b = sr_arena_alloc(a, sizeof *b);
    size_t cap = m->nmetrics * m->nyears;
    b->cmps = sr_arena_alloc(a, (cap ? cap : 1) * sizeof *b->cmps);
    b->files = sr_arena_alloc(a, (bd->nfiles ? bd->nfiles : 1) * sizeof *b->files);
    b->spec = bd->spec;
    const char *area = p && p->nbench_las ? p->bench_las[0] : NULL;
    if (!area)
        return b;
    warn_unknown_metrics(bd, m, d);
    sr_bench_check_years(d, bd, m->years, m->nyears);
    /* The area's name and region from any row of any file (or the region
     * partnership.yaml gives), so that a year without the area's row
     * still has them. */
    const char *area_name, *area_rcode, *area_rname;
    sr_bench_area_info(bd, area, &area_name, &area_rcode, &area_rname);
    /* Two or more local authorities: named as the partnership names its
     * area, or by their names. */
    const char *combined_name = p->area;
    if (p->nbench_las > 1 && !combined_name) {
        sr_buf nb = SR_BUF_INIT;
        for (size_t q = 0; q < p->nbench_las; q++) {
            const char *nm, *rc, *rn;
            sr_bench_area_info(bd, p->bench_las[q], &nm, &rc, &rn);
            sr_buf_printf(&nb, "%s%s",
                          q == 0                   ? ""
                          : q + 1 == p->nbench_las ? " and "
                                                   : ", ",
                          nm ? nm : p->bench_las[q]);
        }
        combined_name = sr_arena_strdup(a, sr_buf_str(&nb));
        sr_buf_free(&nb);
    }
    /* The region of the first authority whose rows name one (sr_bench_load
     * warns when another's differs). */
    for (size_t q = 1; q < p->nbench_las && !area_rcode; q++) {
        const char *nm;
        sr_bench_area_info(bd, p->bench_las[q], &nm, &area_rcode, &area_rname);
    }
    if (p->bench_region) {
        if (!area_rcode || strcmp(area_rcode, p->bench_region) != 0)
            area_rname = NULL;
        area_rcode = p->bench_region;
    }
    for (size_t k = 0; k < m->nmetrics; k++) {
        const sr_metric *mt = &m->metrics[k];
        if (mt->def->local)
            continue;
        size_t first = b->n; /* this metric's comparisons are b->cmps[first..] */
        for (size_t i = 0; i < m->nyears; i++) {
            size_t mapi = 0;
            const sr_bfile *f = pick(bd, mt->def->id, m->years[i], &mapi);
            if (!f)
                continue;
            const sr_bmap *map = &f->e->maps[mapi];
            sr_unit bu = unit_named(map->unit);
            if (bu != mt->def->unit) {
                if (i == 0)
                    sr_diag_hint(sr_diag_add(d, SR_WARNING, map->loc,
                                             "`%s` is a %s in metrics.yaml, but a %s here: its "
                                             "benchmarks are not shown",
                                             mt->def->id, sr_unit_name(mt->def->unit), map->unit),
                                 "map the column to a metric of the same unit");
                continue;
            }
            sr_bench_cmp *c = &b->cmps[b->n++];
            int year = m->years[i];
            c->metric_id = mt->def->id;
            c->year = year;
            c->unit = mt->def->unit;
            c->places = map->places;
            c->per_10000 = map->per_10000;
            c->table = (sr_bsource){.file = f->src->name,
                                    .column = map->column,
                                    .entry = f->e->id,
                                    .publication = f->e->publication,
                                    .table = f->e->table,
                                    .release = f->e->release,
                                    .url = f->e->url};
            const sr_brow *ar = sr_bfile_row(f, year, SR_BGEO_LA, area);
            if (p->nbench_las > 1) {
                c->area = combined(a, bd, f, mapi, year, c->unit, combined_name);
                ar = NULL;
                for (size_t q = 0; q < p->nbench_las && !ar; q++)
                    ar = sr_bfile_row(f, year, SR_BGEO_LA, p->bench_las[q]);
            } else {
                c->area = figure(a, bd, f, mapi, year, SR_BGEO_LA, area, c->unit);
                if (!ar && area_name)
                    c->area.name = area_name;
            }
            c->england = figure(a, bd, f, mapi, year, SR_BGEO_NATIONAL, "E92000001", c->unit);
            if (!ar || !c->england.src.file)
                c->england.name = "England";
            const char *rcode = area_rcode;
            if (rcode) {
                c->region = figure(a, bd, f, mapi, year, SR_BGEO_REGIONAL, rcode, c->unit);
                if (!c->region.src.file && area_rname)
                    c->region.name = area_rname;
            } else {
                c->region = read_figure(a, f, 0, NULL, 0, NULL, NULL, c->unit);
            }
            c->nneighbours = p->nneighbours;
            c->neighbours =
                sr_arena_alloc(a, (p->nneighbours ? p->nneighbours : 1) * sizeof *c->neighbours);
            int64_t dmax = 1;
            for (size_t n = 0; n < p->nneighbours; n++) {
                c->neighbours[n] =
                    figure(a, bd, f, mapi, year, SR_BGEO_LA, p->neighbours[n], c->unit);
                if (has_figure(&c->neighbours[n])) {
                    c->nmean++;
                    if (c->neighbours[n].v.den > dmax)
                        dmax = c->neighbours[n].v.den;
                }
            }
            /* The mean, exact: every den is a power of ten, so dmax is a
             * multiple of each. */
            sr_i128 sum = 0;
            for (size_t n = 0; n < p->nneighbours; n++)
                if (has_figure(&c->neighbours[n]))
                    sum += (sr_i128)c->neighbours[n].v.num * (dmax / c->neighbours[n].v.den);
            if (c->nmean && sum <= INT64_MAX && sum >= INT64_MIN &&
                !__builtin_mul_overflow(dmax, (int64_t)c->nmean, &c->neighbours_mean.den)) {
                c->neighbours_mean.num = (int64_t)sum;
                c->neighbours_mean.avail = SR_AVAILABLE;
            } else {
                c->neighbours_mean.avail = SR_NOT_AVAILABLE;
            }
            c->neighbours_mean_shown = shown(a, &c->neighbours_mean, c->unit, c->places);
            if (has_figure(&c->area)) {
                c->rank = 1;
                c->rank_of = 1 + c->nmean;
                for (size_t n = 0; n < p->nneighbours; n++)
                    if (has_figure(&c->neighbours[n]) &&
                        cmp_val(&c->neighbours[n].v, &c->area.v) > 0)
                        c->rank++;
            }
            add_files(a, b, &c->area, bd->nfiles);
            add_files(a, b, &c->england, bd->nfiles);
            add_files(a, b, &c->region, bd->nfiles);
            for (size_t n = 0; n < p->nneighbours; n++)
                add_files(a, b, &c->neighbours[n], bd->nfiles);
            c->neighbours_as_of = p->neighbours_as_of;
            c->neighbours_source = p->neighbours_source;
            c->break_note = break_note(a, c, f);
            c->pre_revision = c->break_note != NULL;
            check_local(c, mt, i, f->src,
                        ar ? (unsigned)strlen(ar->cells[f->map_col[mapi]].text) : 1, d);
        }
        /* Across the revision: a year from a revised release beside the
         * year before from one that was not. */
        for (size_t x = first; x < b->n; x++) {
            sr_bench_cmp *c = &b->cmps[x];
            if (c->break_note || c->unit != SR_U_RATE)
                continue;
            for (size_t z = first; z < b->n; z++) {
                const sr_bench_cmp *o = &b->cmps[z];
                if (o == c || o->year != c->year - 1 || !o->break_note)
                    continue;
                char y[16];
                sr_fmt_year(o->year, y, sizeof y);
                c->break_note = sr_arena_printf(a,
                                                "the rates for %s beside these are from before "
                                                "the February 2025 revision of rates: the change "
                                                "between the two years is partly the revision",
                                                y);
                c->year_before_note = c->break_note;
            }
        }
    }
    warn_no_year(bd, m, d);
    return b;
}

const sr_bench_cmp *sr_bench_cmps_next(const sr_bench_cmp *v, size_t n, const char *metric_id,
                                       const sr_bench_cmp *after)
{
    if (!v || !metric_id)
        return NULL;
    for (size_t i = after ? (size_t)(after - v) + 1 : 0; i < n; i++)
        if (v[i].metric_id && strcmp(v[i].metric_id, metric_id) == 0)
            return &v[i];
    return NULL;
}

const sr_bench_cmp *sr_bench_cmps_find(const sr_bench_cmp *v, size_t n, const char *metric_id,
                                       int year)
{
    const sr_bench_cmp *c = sr_bench_cmps_next(v, n, metric_id, NULL);
    while (c && c->year != year)
        c = sr_bench_cmps_next(v, n, metric_id, c);
    return c;
}

bool sr_bench_spec_maps(const sr_bench_spec *s, const char *metric_id)
{
    for (size_t i = 0; s && metric_id && i < s->n; i++)
        for (size_t k = 0; k < s->v[i].nmaps; k++)
            if (s->v[i].maps[k].metric && strcmp(s->v[i].maps[k].metric, metric_id) == 0)
                return true;
    return false;
}

const sr_bench_cmp *sr_bench_next(const sr_bench *b, const char *metric_id,
                                  const sr_bench_cmp *after)
{
    return b ? sr_bench_cmps_next(b->cmps, b->n, metric_id, after) : NULL;
}

const sr_bench_cmp *sr_bench_find(const sr_bench *b, const char *metric_id, int year)
{
    return b ? sr_bench_cmps_find(b->cmps, b->n, metric_id, year) : NULL;
}

bool sr_bench_maps(const sr_bench *b, const char *metric_id)
{
    return b && sr_bench_spec_maps(b->spec, metric_id);
}

const sr_bench_cmp *sr_bench_all(const sr_bench *b, size_t *n)
{
    *n = b ? b->n : 0;
    return b ? b->cmps : NULL;
}

const sr_bench_file *sr_bench_files(const sr_bench *b, size_t *n)
{
    *n = b ? b->nfiles : 0;
    return b ? b->files : NULL;
}

const char *sr_bsym_words(sr_bsym s)
{
    switch (s) {
    case SR_BSYM_NONE:
        break;
    case SR_BSYM_C:
        return "not shown, to protect small numbers";
    case SR_BSYM_Z:
        return "not applicable";
    case SR_BSYM_LOW:
        return "close to zero, but not zero";
    case SR_BSYM_X:
    case SR_BSYM_MISSING:
        return "not available";
    }
    return NULL;
}

void sr_bfigure_words(const sr_bfigure *f, char *buf, size_t size)
{
    const char *w = f->sym != SR_BSYM_NONE ? sr_bsym_words(f->sym) : f->shown ? f->shown : "[x]";
    snprintf(buf, size, "%s", w);
}
