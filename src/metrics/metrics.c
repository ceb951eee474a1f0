/* metrics: computing the catalogue over the years, see metrics.h. */
#include "metrics/metrics.h"

#include "core/fmt.h"
#include "core/strmap.h"
#include "core/suggest.h"

#include <ctype.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- gathering figures -------------------------------------------------- */

typedef struct {
    int64_t sum;
    size_t count, missing, inapplicable;
    bool percent; /* the figures were percentages (hundredths) */
} gathered;

/* Appends f to c's inputs; the array doubles when full, so a cell of n
 * inputs costs O(n), not O(n^2). */
static void add_input(sr_arena *a, sr_mcell *c, const sr_figure *f)
{
    if (c->ninputs == c->inputs_cap) {
        size_t cap = c->ninputs ? 2 * c->ninputs : 4;
        const sr_figure **v = sr_arena_alloc(a, cap * sizeof *v);
        if (c->ninputs)
            memcpy(v, c->inputs, c->ninputs * sizeof *v);
        c->inputs = v;
        c->inputs_cap = cap;
    }
    c->inputs[c->ninputs++] = f;
}

/* A list of strings without repeats, in the order first added: an array
 * that doubles, and a hash map for the check, so adding n costs O(n). */
typedef struct {
    const char **v;
    size_t n, cap;
    sr_strmap seen;
} strset;

/* Adds s (which must outlive the set's array) unless it is there. */
static void strset_add(sr_arena *a, strset *set, const char *s)
{
    if (sr_strmap_get(&set->seen, s))
        return;
    sr_strmap_put(&set->seen, s, set->n);
    if (set->n == set->cap) {
        size_t cap = set->cap ? 2 * set->cap : 8;
        const char **v = sr_arena_alloc(a, cap * sizeof *v);
        if (set->n)
            memcpy(v, set->v, set->n * sizeof *v);
        set->v = v;
        set->cap = cap;
    }
    set->v[set->n++] = s;
}

static void strset_free(strset *set)
{
    sr_strmap_free(&set->seen);
}

/* Whether pattern has no `*`: it names one path, found by its hash. */
static bool literal(const char *pattern)
{
    return !strchr(pattern, '*');
}

static gathered gather(sr_arena *a, const sr_year *y, const char *pattern, sr_mcell *cell)
{
    gathered g = {0};
    /* A path without `*` is looked up, not searched for: a year with
     * thousands of measures would otherwise scan every figure for each. */
    const sr_figure *only = y && literal(pattern) ? sr_figures_get(&y->figs, pattern) : NULL;
    size_t n = !y ? 0 : literal(pattern) ? (only != NULL) : y->figs.n;
    for (size_t i = 0; i < n; i++) {
        const sr_figure *f = only ? only : &y->figs.v[i];
        if (f->v.kind != SR_V_COUNT && f->v.kind != SR_V_MONEY && f->v.kind != SR_V_PERCENT)
            continue;
        if (!only && !sr_path_match(pattern, f->path))
            continue;
        g.count++;
        add_input(a, cell, f);
        g.percent |= f->v.kind == SR_V_PERCENT;
        if (f->v.avail == SR_NOT_APPLICABLE)
            g.inapplicable++;
        else if (f->v.avail != SR_AVAILABLE)
            g.missing++;
        else
            g.missing += __builtin_add_overflow(g.sum, f->v.i, &g.sum); /* absurd totals */
    }
    return g;
}

static const char *join(sr_arena *a, const char *prefix, const char *rel)
{
    if (!prefix)
        return rel;
    if (!rel[0])
        return prefix;
    return sr_arena_printf(a, "%s.%s", prefix, rel);
}

/* An operand of a difference may add up several paths: "a + b". */
static gathered gather_plus(sr_arena *a, const sr_year *y, const char *prefix, const char *operand,
                            sr_mcell *cell)
{
    gathered all = {0};
    const char *p = operand;
    for (;;) {
        const char *plus = strstr(p, " + ");
        const char *piece = plus ? sr_arena_strndup(a, p, (size_t)(plus - p)) : p;
        gathered g = gather(a, y, join(a, prefix, piece), cell);
        all.missing += g.missing + __builtin_add_overflow(all.sum, g.sum, &all.sum);
        all.count += g.count;
        all.inapplicable += g.inapplicable;
        all.percent |= g.percent;
        if (!plus)
            break;
        p = plus + 3;
    }
    return all;
}

static sr_avail avail_of(const gathered *g)
{
    if (g->count == 0 || g->missing)
        return SR_NOT_AVAILABLE;
    if (g->inapplicable == g->count)
        return SR_NOT_APPLICABLE;
    return SR_AVAILABLE;
}

/* One cell: metric d for the entry at prefix (NULL: the whole year). */
static void compute_cell(sr_arena *a, const sr_metric_def *d, const sr_partnership *p, int year,
                         const sr_year *y, const char *prefix, sr_mcell *c)
{
    memset(c, 0, sizeof *c);
    c->v.den = 1;
    if (!y) {
        c->v.avail = SR_NOT_AVAILABLE;
        return;
    }
    /* A stated total wins over its parts (validation checks the two agree
     * when both are given): a partner may send the total alone. */
    if (d->total && (d->compute == SR_C_SUM || d->compute == SR_C_RATE)) {
        const sr_figure *t = sr_figures_get(&y->figs, join(a, prefix, d->total));
        if (t && t->v.avail == SR_AVAILABLE &&
            (t->v.kind == SR_V_COUNT || t->v.kind == SR_V_MONEY)) {
            add_input(a, c, t);
            /* The parts after it, for explain: the value rests on the total. */
            for (size_t i = 0; i < d->noperands; i++)
                gather(a, y, join(a, prefix, d->operands[i]), c);
            c->nbasis = 1;
            c->stated_total = true;
            c->v.avail = SR_AVAILABLE;
            c->v.num = t->v.i;
            c->counts[c->ncounts++] = t->v.i;
            if (d->compute == SR_C_RATE) {
                int64_t pop = sr_partnership_population(p, year);
                if (pop <= 0 || __builtin_mul_overflow(t->v.i, 10000, &c->v.num)) {
                    c->v.avail = SR_NOT_AVAILABLE;
                    c->v.num = 0;
                }
                c->v.den = pop > 0 ? pop : 1;
            }
            return;
        }
    }
    size_t n = d->compute == SR_C_ENTRY ? 1 : d->noperands;
    gathered *g = sr_arena_alloc(a, (n ? n : 1) * sizeof *g); /* every operand: no cap */
    for (size_t i = 0; i < n; i++) {
        g[i] = d->compute == SR_C_ENTRY        ? gather(a, y, prefix, c)
               : d->compute == SR_C_DIFFERENCE ? gather_plus(a, y, prefix, d->operands[i], c)
                                               : gather(a, y, join(a, prefix, d->operands[i]), c);
        /* A share or ratio rests on its first operand; anything else on all. */
        if (i == 0 || (d->compute != SR_C_SHARE && d->compute != SR_C_RATIO))
            c->nbasis = c->ninputs;
    }
    sr_mval *v = &c->v;
    switch (d->compute) {
    case SR_C_ENTRY:
    case SR_C_VALUE:
    case SR_C_SUM:
    case SR_C_RATE: {
        gathered all = {0};
        for (size_t i = 0; i < n; i++) {
            all.missing += __builtin_add_overflow(all.sum, g[i].sum, &all.sum);
            all.count += g[i].count;
            all.missing += g[i].missing;
            all.inapplicable += g[i].inapplicable;
            all.percent |= g[i].percent;
        }
        v->avail = avail_of(&all);
        v->num = all.sum;
        if (all.percent)
            v->den = 100; /* hundredths of a percent */
        if (d->compute == SR_C_RATE) {
            int64_t pop = sr_partnership_population(p, year);
            if (pop <= 0 && v->avail == SR_AVAILABLE)
                v->avail = SR_NOT_AVAILABLE; /* no population for the year */
            if (__builtin_mul_overflow(all.sum, 10000, &v->num))
                v->avail = SR_NOT_AVAILABLE;
            v->den = pop > 0 ? pop : 1;
        }
        c->counts[c->ncounts++] = all.sum;
        break;
    }
    case SR_C_DIFFERENCE:
        v->avail = avail_of(&g[0]) != SR_AVAILABLE ? avail_of(&g[0]) : avail_of(&g[1]);
        if (__builtin_sub_overflow(g[0].sum, g[1].sum, &v->num))
            v->avail = SR_NOT_AVAILABLE;
        break;
    case SR_C_RATIO:
    case SR_C_SHARE:
        v->avail = avail_of(&g[0]) != SR_AVAILABLE ? avail_of(&g[0]) : avail_of(&g[1]);
        if (__builtin_mul_overflow(g[0].sum, d->compute == SR_C_SHARE ? 100 : 1, &v->num))
            v->avail = SR_NOT_AVAILABLE;
        v->den = g[1].sum;
        if (v->avail == SR_AVAILABLE && g[1].sum == 0)
            v->avail = SR_NOT_APPLICABLE; /* a share of nothing */
        if (v->den == 0)
            v->den = 1;
        c->counts[c->ncounts++] = g[0].sum;
        c->counts[c->ncounts++] = g[1].sum;
        break;
    }
    if (v->avail != SR_AVAILABLE) {
        v->num = 0;
        v->den = 1;
    }
}

/* ---- rows of a metric with `each` --------------------------------------- */

/* The entry prefixes in y matching pattern, added to keys (no repeats). */
static void entries(sr_arena *a, const sr_year *y, const char *pattern, strset *keys)
{
    char *pre = NULL;
    size_t room = 0;
    for (size_t i = 0; y && i < y->figs.n; i++) {
        const char *path = y->figs.v[i].path;
        size_t len = strlen(path);
        if (len + 1 > room) {
            free(pre);
            room = 2 * (len + 1);
            pre = sr_xmalloc(room);
        }
        for (size_t cut = 1; cut <= len; cut++) {
            char next = path[cut];
            bool boundary = cut == len || next == '.' || next == '[' || (path[cut - 1] == ']');
            if (!boundary || (cut < len && path[cut - 1] == ']' && next != '.' && next != '['))
                continue;
            memcpy(pre, path, cut);
            pre[cut] = '\0';
            if (!sr_path_match(pattern, pre))
                continue;
            if (!sr_strmap_get(&keys->seen, pre))
                strset_add(a, keys, sr_arena_strdup(a, pre));
            break;
        }
    }
    free(pre);
}

static const char *humanise(sr_arena *a, const char *key)
{
    char *s = sr_arena_strdup(a, key);
    for (char *p = s; *p; p++)
        if (*p == '_' || *p == '-')
            *p = ' ';
    s[0] = (char)toupper((unsigned char)s[0]);
    if (strlen(s) == 2 && s[0] == 'Q' && isdigit((unsigned char)s[1]))
        return s; /* q1 -> Q1 */
    return s;
}

static const char *row_label(sr_arena *a, const sr_metric_def *d, const sr_partnership *p, int year,
                             const sr_year *y, const char *key)
{
    /* Money from a body that is not a partner (an income line's `source`) is
     * named by the body, with the row's own label after it: "Department for
     * Education: Tackling child exploitation grant". The label alone would
     * not say who gave it. */
    const sr_figure *from = y ? sr_figures_get(&y->figs, join(a, key, "source")) : NULL;
    if (from && from->v.text && from->v.avail == SR_AVAILABLE) {
        const sr_figure *f = d->row_label && strcmp(d->row_label, "source") != 0
                                 ? sr_figures_get(&y->figs, join(a, key, d->row_label))
                                 : NULL;
        if (f && f->v.text && f->v.avail == SR_AVAILABLE)
            return sr_arena_printf(a, "%s: %s", from->v.text, f->v.text);
        return from->v.text;
    }
    if (y && d->row_label) {
        const sr_figure *f = sr_figures_get(&y->figs, join(a, key, d->row_label));
        if (f && f->v.text && f->v.avail == SR_AVAILABLE)
            return f->v.text;
    }
    if (y) {
        const sr_figure *f = sr_figures_get(&y->figs, join(a, key, "partner"));
        if (f && f->v.text && p) {
            const sr_partner *pt = sr_partnership_find(p, f->v.text);
            if (pt)
                return sr_partner_short_in(pt, year);
            return f->v.text;
        }
    }
    const char *last = key + strlen(key);
    while (last > key && last[-1] != '.' && last[-1] != '[')
        last--;
    char *tail = sr_arena_strdup(a, last);
    size_t tl = strlen(tail);
    if (tl && tail[tl - 1] == ']')
        tail[tl - 1] = '\0';
    return humanise(a, tail);
}

/* Whether year y has any entry matching d's `each`. */
static bool has_entries(sr_arena *a, const sr_metric_def *d, const sr_year *y)
{
    strset keys = {0};
    entries(a, y, d->each, &keys);
    strset_free(&keys);
    return keys.n > 0;
}

/* Whether the entries of `each` are named by the data (list entries: income
 * lines, courses, outcomes), not fixed keys the schema defines (the four
 * quarters, the categories of abuse). Only an entry named by the data can
 * stop or be new; a fixed key not sent is not available. */
static bool entries_named_by_data(const char *each)
{
    size_t n = each ? strlen(each) : 0;
    return n > 0 && each[n - 1] == ']';
}

/* A row whose entry is not in year i's data, when the year has other
 * entries: it did not happen that year ([z]), which is not missing. */
static void mark_absent(sr_mcell *c)
{
    if (c->ninputs || c->v.avail != SR_NOT_AVAILABLE)
        return;
    c->v.avail = SR_NOT_APPLICABLE;
    c->v.absent = true;
}

/* ---- rows grouped by a field (`group_by`) ----------------------------------- */

/* The group an entry of y belongs to: "partner: council", "source: Department
 * for Education", or, when it has none of the fields, the entry itself. */
static const char *group_of(sr_arena *a, const sr_metric_def *d, const sr_year *y, const char *key)
{
    for (size_t g = 0; g < d->ngroup_by; g++) {
        const sr_figure *f = sr_figures_get(&y->figs, join(a, key, d->group_by[g]));
        if (f && f->v.text && f->v.avail == SR_AVAILABLE)
            return sr_arena_printf(a, "%s: %s", d->group_by[g], f->v.text);
    }
    return key;
}

/* Adds cell c (one entry of a group) into the group's cell. */
static void merge_cell(sr_arena *a, sr_mcell *into, const sr_mcell *c, bool first)
{
    if (first) {
        *into = *c;
        into->inputs_cap = 0; /* c's array: copied before anything is added */
        return;
    }
    for (size_t i = 0; i < c->ninputs; i++)
        add_input(a, into, c->inputs[i]);
    into->nbasis = into->ninputs;
    sr_avail x = into->v.avail, y = c->v.avail;
    if (x == SR_AVAILABLE && y == SR_AVAILABLE) {
        if (__builtin_add_overflow(into->v.num, c->v.num, &into->v.num))
            into->v.avail = SR_NOT_AVAILABLE;
        into->counts[0] += c->counts[0];
    } else if (x == SR_NOT_APPLICABLE && y == SR_AVAILABLE) {
        into->v = c->v;
        into->counts[0] = c->counts[0];
    } else if (!(x == SR_AVAILABLE && y == SR_NOT_APPLICABLE) &&
               !(x == SR_NOT_APPLICABLE && y == SR_NOT_APPLICABLE)) {
        into->v.avail = SR_NOT_AVAILABLE; /* one part missing: the whole is not known */
        into->v.num = 0;
    }
}

static void compute_grouped(sr_arena *a, const sr_metric_def *d, const sr_partnership *p,
                            const sr_metrics *m, sr_year *const *years, const char **keys,
                            size_t nkeys, sr_metric *out)
{
    /* Entry k in year i: its cell, and its group (NULL when the year does
     * not have the entry). */
    size_t n = m->nyears * nkeys;
    sr_mcell *cells = sr_arena_alloc(a, (n ? n : 1) * sizeof *cells);
    /* Each entry's group by number (SIZE_MAX: none), the groups in the
     * order first met, found by a hash map: linear in the entries. */
    size_t *of = sr_arena_alloc(a, (n ? n : 1) * sizeof *of);
    const char **names = sr_arena_alloc(a, (n ? n : 1) * sizeof *names);
    size_t ngroups = 0;
    sr_strmap index = SR_STRMAP_INIT;
    for (size_t i = 0; i < m->nyears; i++)
        for (size_t k = 0; k < nkeys; k++) {
            sr_mcell *c = &cells[i * nkeys + k];
            compute_cell(a, d, p, m->years[i], years[i], keys[k], c);
            const char *g = years[i] && c->ninputs ? group_of(a, d, years[i], keys[k]) : NULL;
            of[i * nkeys + k] = SIZE_MAX;
            if (!g)
                continue;
            const size_t *at = sr_strmap_get(&index, g);
            if (!at) {
                sr_strmap_put(&index, g, ngroups);
                names[ngroups] = g;
                of[i * nkeys + k] = ngroups++;
            } else {
                of[i * nkeys + k] = *at;
            }
        }
    sr_strmap_free(&index);
    out->nrows = ngroups;
    out->rows = sr_arena_alloc(a, (ngroups ? ngroups : 1) * sizeof *out->rows);
    bool some[SR_MAX_YEARS] = {false};
    for (size_t i = 0; entries_named_by_data(d->each) && i < m->nyears; i++)
        some[i] = years[i] && has_entries(a, d, years[i]);
    bool *first = sr_arena_alloc(a, (ngroups ? ngroups : 1) * sizeof *first);
    for (size_t r = 0; r < ngroups; r++) {
        out->rows[r].key = names[r];
        out->rows[r].label = "";
    }
    /* Year by year, each entry into its group's cell, in the entries'
     * order; the latest year that has a group names it. */
    for (size_t i = 0; i < m->nyears; i++) {
        for (size_t r = 0; r < ngroups; r++) {
            compute_cell(a, d, p, m->years[i], NULL, NULL, &out->rows[r].cells[i]); /* [x] */
            first[r] = true;
        }
        for (size_t k = 0; k < nkeys; k++) {
            size_t r = of[i * nkeys + k];
            if (r == SIZE_MAX)
                continue;
            sr_mrow *row = &out->rows[r];
            merge_cell(a, &row->cells[i], &cells[i * nkeys + k], first[r]);
            first[r] = false;
            if (!row->label[0])
                row->label = row_label(a, d, p, m->years[i], years[i], keys[k]);
        }
        for (size_t r = 0; r < ngroups; r++)
            if (first[r] && some[i])
                mark_absent(&out->rows[r].cells[i]);
    }
}

/* One row per entry (or one row for a single-valued metric). */
static void entry_rows(sr_arena *a, const sr_metric_def *d, const sr_partnership *p,
                       const sr_metrics *m, sr_year *const *years, const char **keys, size_t nkeys,
                       sr_metric *out)
{
    out->nrows = d->each ? nkeys : 1;
    out->rows = sr_arena_alloc(a, (out->nrows ? out->nrows : 1) * sizeof *out->rows);
    bool some[SR_MAX_YEARS] = {false};
    for (size_t i = 0; entries_named_by_data(d->each) && i < m->nyears; i++)
        some[i] = years[i] && has_entries(a, d, years[i]);
    for (size_t r = 0; r < out->nrows; r++) {
        sr_mrow *row = &out->rows[r];
        row->key = d->each ? keys[r] : "";
        row->label = "";
        for (size_t i = 0; i < m->nyears; i++) {
            compute_cell(a, d, p, m->years[i], years[i], d->each ? keys[r] : NULL, &row->cells[i]);
            if (some[i])
                mark_absent(&row->cells[i]);
            if (d->each && !row->label[0] && years[i] &&
                row->cells[i].ninputs) /* the latest year that has the entry names it */
                row->label = row_label(a, d, p, m->years[i], years[i], keys[r]);
        }
        if (d->each && !row->label[0])
            row->label = row_label(a, d, p, m->years[0], NULL, keys[r]);
    }
}

/* ---- the whole catalogue -------------------------------------------------- */

static void compute_metric(sr_arena *a, const sr_metric_def *d, const sr_partnership *p,
                           const sr_metrics *m, sr_year *const *years, sr_metric *out)
{
    out->def = d;
    strset set = {0};
    if (d->each) {
        for (size_t i = 0; i < m->nyears; i++)
            entries(a, years[i], d->each, &set);
    }
    strset_free(&set);
    const char **keys = set.v;
    size_t nkeys = set.n;
    if (d->each && d->ngroup_by)
        compute_grouped(a, d, p, m, years, keys, nkeys, out);
    else
        entry_rows(a, d, p, m, years, keys, nkeys, out);
    for (size_t i = 0; i < m->nyears; i++) {
        if (!d->brk || !years[i])
            continue;
        out->break_date[i] = sr_figures_get(&years[i]->figs, join(a, d->brk, "date"));
        out->break_reason[i] = sr_figures_get(&years[i]->figs, join(a, d->brk, "reason"));
    }
    for (size_t i = 0; i < m->nyears; i++) {
        if (!d->period || !years[i])
            continue;
        const sr_figure *w = sr_figures_get(&years[i]->figs, d->period);
        if (w && w->v.kind == SR_V_TEXT && w->v.avail == SR_AVAILABLE && w->v.text &&
            w->v.text[0]) {
            out->period_text[i] = w->v.text;
            continue;
        }
        const sr_figure *f = sr_figures_get(&years[i]->figs, join(a, d->period, "from"));
        const sr_figure *t = sr_figures_get(&years[i]->figs, join(a, d->period, "to"));
        if (f && t && f->v.avail == SR_AVAILABLE && t->v.avail == SR_AVAILABLE) {
            out->period_from[i] = (int32_t)f->v.i;
            out->period_to[i] = (int32_t)t->v.i;
        }
    }
    if (d->baseline && years[0] && !d->each) {
        const sr_figure *by = sr_figures_get(&years[0]->figs, join(a, d->baseline, "year"));
        if (by && by->v.avail == SR_AVAILABLE) {
            sr_metric_def bd = *d;
            const char *ops[1] = {
                join(a, d->baseline, d->unit == SR_U_PERCENTAGE ? "percent" : "count")};
            bd.compute = SR_C_VALUE;
            bd.operands = ops;
            bd.noperands = 1;
            compute_cell(a, &bd, p, (int)by->v.i, years[0], NULL, &out->rows[0].baseline);
            out->rows[0].baseline_year = (int)by->v.i;
        }
    }
}

/* ---- local measures -------------------------------------------------------------- */

/* The measures of year y that no catalogue metric uses, as metric defs of
 * their own (in a): a count or a percentage, compared with the year before
 * or the baseline the partner gave. In the order the files give them. */
static sr_metric_def *local_measures(sr_arena *a, const sr_catalogue *cat, const sr_year *y,
                                     size_t *n)
{
    *n = 0;
    size_t cap = 0;
    for (size_t i = 0; y && i < y->figs.n; i++)
        cap += sr_path_match("performance.measures[*].id", y->figs.v[i].path);
    sr_metric_def *v = sr_arena_alloc(a, (cap ? cap : 1) * sizeof *v);
    for (size_t i = 0; y && i < y->figs.n; i++) {
        const sr_figure *f = &y->figs.v[i];
        if (!sr_path_match("performance.measures[*].id", f->path) || f->v.avail != SR_AVAILABLE)
            continue;
        const char *entry = sr_arena_strndup(a, f->path, strlen(f->path) - strlen(".id"));
        const char *slug = entry + strlen("performance.measures[");
        slug = sr_arena_strndup(a, slug, strlen(slug) - 1);
        if (sr_catalogue_uses_measure(cat, slug) || sr_catalogue_find(cat, f->v.text))
            continue;
        const char *count = sr_arena_printf(a, "%s.count", entry);
        const char *percent = sr_arena_printf(a, "%s.percent", entry);
        bool is_count = sr_figures_get(&y->figs, count) != NULL;
        if (!is_count && !sr_figures_get(&y->figs, percent))
            continue; /* neither was given: already reported */
        const sr_figure *label = sr_figures_get(&y->figs, sr_arena_printf(a, "%s.label", entry));
        sr_metric_def *d = &v[(*n)++];
        memset(d, 0, sizeof *d);
        d->id = f->v.text;
        d->label =
            label && label->v.text && label->v.avail == SR_AVAILABLE ? label->v.text : f->v.text;
        d->unit = is_count ? SR_U_COUNT : SR_U_PERCENTAGE;
        d->compute = SR_C_VALUE;
        d->operands = sr_arena_alloc(a, sizeof *d->operands);
        d->operands[0] = is_count ? count : percent;
        d->noperands = 1;
        d->baseline = sr_arena_printf(a, "%s.baseline", entry);
        d->loc = f->loc;
        d->local = true;
    }
    return v;
}

sr_metrics *sr_metrics_compute(sr_arena *a, const sr_catalogue *cat, const sr_partnership *p,
                               int year0, sr_year *const *years, size_t nyears)
{
    sr_metrics *m = sr_arena_alloc(a, sizeof *m);
    m->p = p;
    m->a = a;
    m->year0 = nyears ? years[0] : NULL;
    m->nyears = nyears > SR_MAX_YEARS ? SR_MAX_YEARS : nyears;
    for (size_t i = 0; i < m->nyears; i++) {
        m->years[i] = year0 - (int)i;
        m->have[i] = years[i] != NULL;
    }
    size_t nlocal;
    sr_metric_def *local = local_measures(a, cat, m->nyears ? years[0] : NULL, &nlocal);
    m->metrics = sr_arena_alloc(a, (cat->nmetrics + nlocal + 1) * sizeof *m->metrics);
    for (size_t i = 0; i < cat->nmetrics; i++)
        compute_metric(a, &cat->metrics[i], p, m, years, &m->metrics[m->nmetrics++]);
    /* Then the year's local measures, after every catalogue metric. */
    for (size_t i = 0; i < nlocal; i++)
        compute_metric(a, &local[i], p, m, years, &m->metrics[m->nmetrics++]);
    return m;
}

bool sr_metrics_figure_hidden(const sr_metrics *m, const sr_figure *f)
{
    for (size_t i = 0; m && i < m->nhidden_figs; i++)
        if (m->hidden_figs[i] == f)
            return true;
    return false;
}

const sr_metric *sr_metrics_find(const sr_metrics *m, const char *id)
{
    for (size_t i = 0; i < m->nmetrics; i++)
        if (strcmp(m->metrics[i].def->id, id) == 0)
            return &m->metrics[i];
    return NULL;
}

/* ---- comparisons ------------------------------------------------------------- */

/* Days since a fixed day, for yyyymmdd (the proleptic Gregorian calendar). */
static int64_t day_number(int32_t ymd)
{
    int64_t y = ymd / 10000, m = ymd / 100 % 100, d = ymd % 100;
    if (m <= 2)
        y--, m += 12;
    return 365 * y + y / 4 - y / 100 + y / 400 + (153 * (m - 3) + 2) / 5 + d;
}

/* The length of year i's period in days; 0 for the whole year (none given,
 * or dates covering a whole year); -1 for a period given only in words. */
static int64_t period_days(const sr_metric *mt, size_t i)
{
    if (mt->period_text[i])
        return -1;
    if (!mt->period_from[i] || !mt->period_to[i])
        return 0;
    int64_t n = day_number(mt->period_to[i]) - day_number(mt->period_from[i]) + 1;
    return n >= 365 ? 0 : n;
}

/* Whether years i and j of mt cover periods of the same length. */
static bool same_period(const sr_metric *mt, size_t i, size_t j)
{
    int64_t a = period_days(mt, i), b = period_days(mt, j);
    if (a == -1 || b == -1)
        return a == b && strcmp(mt->period_text[i], mt->period_text[j]) == 0;
    return a == b || (a > 0 && b > 0 && (a - b == 1 || b - a == 1)); /* a 29 February */
}

sr_cmp sr_metric_compare(const sr_metrics *m, const sr_metric *mt, const sr_mrow *row, size_t i)
{
    sr_cmp c = {0};
    const sr_mval *cur = &row->cells[i].v;
    if (i == 0 && row->baseline_year) {
        c.prev = row->baseline.v;
        c.prev_year = row->baseline_year;
        c.from_baseline = true;
    } else if (i + 1 < m->nyears) {
        c.prev = row->cells[i + 1].v;
        c.prev_year = m->years[i + 1];
    } else {
        c.status = SR_CMP_NO_PREVIOUS;
        c.prev_year = m->years[i] - 1;
        c.prev.avail = SR_NOT_AVAILABLE;
        return c;
    }
    if (cur->absent) {
        c.status = SR_CMP_STOPPED;
        return c;
    }
    if (cur->avail != SR_AVAILABLE) {
        c.status = SR_CMP_NO_VALUE;
        return c;
    }
    /* A break declared in this year (or, against a baseline, in any year
     * since) stops the comparison. */
    if (mt->break_date[i]) {
        c.status = SR_CMP_BREAK;
        c.break_date = mt->break_date[i];
        c.break_reason = mt->break_reason[i];
        c.break_year = m->years[i];
        return c;
    }
    /* A break part-way through the year compared with makes that year a
     * mix of the old series and the new: the comparison crosses it too.
     * Against a baseline, a break declared in any year since crosses it. */
    for (size_t j = i + 1; j < m->nyears; j++) {
        if (!c.from_baseline && j > i + 1)
            break;
        if (c.from_baseline && m->years[j] <= c.prev_year)
            break;
        const sr_figure *bd = mt->break_date[j];
        if (!bd || (!c.from_baseline && bd->v.i <= (int64_t)m->years[j] * 10000 + 401))
            continue;
        c.status = SR_CMP_BREAK;
        c.break_date = bd;
        c.break_reason = mt->break_reason[j];
        c.break_earlier = true;
        c.break_year = m->years[j];
        return c;
    }
    if (c.prev.absent) {
        c.status = SR_CMP_NEW;
        return c;
    }
    if (c.prev.avail != SR_AVAILABLE) {
        c.status = SR_CMP_NO_PREVIOUS;
        return c;
    }
    /* Nine months are not compared with twelve, nor a quarter's share with
     * a year's. (A baseline is taken to cover a whole year.) */
    size_t j = i + 1;
    bool differ = c.from_baseline ? period_days(mt, i) != 0 : !same_period(mt, i, j);
    if (differ) {
        c.status = SR_CMP_PERIOD;
        if (!sr_metric_period(mt, i, c.period[0], sizeof c.period[0]))
            snprintf(c.period[0], sizeof c.period[0], "the whole year");
        if (c.from_baseline || !sr_metric_period(mt, j, c.period[1], sizeof c.period[1]))
            snprintf(c.period[1], sizeof c.period[1], "the whole year");
        return c;
    }
    if (cur->suppressed || c.prev.suppressed) {
        c.status = SR_CMP_SUPPRESSED;
        return c;
    }
    /* a/b - c/d = (ad - cb) / bd */
    c.dnum = (sr_i128)cur->num * c.prev.den - (sr_i128)c.prev.num * cur->den;
    c.dden = (sr_i128)cur->den * c.prev.den;
    /* A percentage change needs a base: not from 0, not across a change of
     * sign (from a surplus to a deficit), and not from a count of a few. */
    bool sign_change = (cur->num < 0) != (c.prev.num < 0) && cur->num != 0;
    bool few = mt->def->unit == SR_U_COUNT && c.prev.num > 0 &&
               (sr_i128)c.prev.num < (sr_i128)SR_PCT_MIN_BASE * c.prev.den;
    c.pct_ok = c.prev.num != 0 && !sign_change && !few && !(c.prev.num < 0);
    if (c.pct_ok) {
        /* (a/b - c/d) / (c/d) * 100 = (ad - cb) * 100 / (cb) */
        c.pnum = c.dnum * 100;
        c.pden = (sr_i128)c.prev.num * cur->den;
        if (c.pden < 0) {
            c.pden = -c.pden;
            c.pnum = -c.pnum;
        }
    }
    c.status = SR_CMP_OK;
    return c;
}

void sr_mcell_words(const sr_mcell *c, sr_unit u, char *buf, size_t size)
{
    const sr_mval *v = &c->v;
    bool count = u == SR_U_COUNT;
    if (v->suppressed)
        snprintf(buf, size, "%s",
                 count ? (c->protects ? "an undisclosed number of" : "a small number of")
                       : "not shown, to protect small numbers");
    else if (v->avail == SR_NOT_APPLICABLE)
        snprintf(buf, size, "%s", count ? "no" : "not applicable");
    else if (v->avail != SR_AVAILABLE)
        snprintf(buf, size, "%s", "not available");
    else
        sr_mval_format(v, u, buf, size);
}

void sr_mcell_rate(const sr_metrics *m, const sr_metric *mt, const sr_mcell *c, size_t i, char *buf,
                   size_t size)
{
    if (mt->def->unit != SR_U_COUNT) {
        snprintf(buf, size, "%s", "");
        return;
    }
    int64_t pop = m->p ? sr_partnership_population(m->p, m->years[i]) : -1;
    sr_mval r = c->v;
    if (r.avail == SR_AVAILABLE && pop <= 0)
        r.avail = SR_NOT_AVAILABLE;
    if (r.avail == SR_AVAILABLE && (__builtin_mul_overflow(c->v.num, 10000, &r.num) ||
                                    __builtin_mul_overflow(c->v.den, pop, &r.den)))
        r.avail = SR_NOT_AVAILABLE;
    sr_mval_format(&r, SR_U_RATE, buf, size);
}

bool sr_metric_period(const sr_metric *mt, size_t i, char *buf, size_t size)
{
    if (size)
        buf[0] = '\0';
    if (!mt || i >= SR_MAX_YEARS)
        return false;
    if (mt->period_text[i]) {
        snprintf(buf, size, "%s", mt->period_text[i]);
        return true;
    }
    if (!mt->period_from[i] || !mt->period_to[i])
        return false;
    char f[40], t[40];
    sr_fmt_date(mt->period_from[i], f, sizeof f);
    sr_fmt_date(mt->period_to[i], t, sizeof t);
    snprintf(buf, size, "%s to %s", f, t);
    return true;
}

bool sr_metric_row_shown(const sr_metrics *m, const sr_metric *mt, const sr_mrow *row, size_t i)
{
    const sr_mval *v = &row->cells[i].v;
    if (v->avail == SR_AVAILABLE || v->avail == SR_NOT_APPLICABLE || v->suppressed)
        return true;
    sr_cmp c = sr_metric_compare(m, mt, row, i);
    return c.prev.avail == SR_AVAILABLE || c.prev.avail == SR_NOT_APPLICABLE || c.prev.suppressed;
}

bool sr_metric_has_figures(const sr_metric *mt, size_t i)
{
    for (size_t r = 0; mt && i < SR_MAX_YEARS && r < mt->nrows; r++) {
        const sr_mval *v = &mt->rows[r].cells[i].v;
        if (v->avail == SR_AVAILABLE || v->avail == SR_NOT_APPLICABLE || v->suppressed)
            return true;
    }
    return false;
}

/* ---- entry ids the catalogue names ------------------------------------------ */

/* Whether some figure of the years has a path that begins with an entry
 * matching pattern (which ends in `]`); with ids, also collects the ids in
 * the last brackets of the entries matching star (pattern with its last
 * id made `*`). */
static bool entry_given(sr_arena *a, sr_year *const *years, size_t nyears, const char *pattern,
                        const char *star, const char ***ids, size_t *nids)
{
    bool found = false;
    strset set = {0};
    char *pre = NULL;
    size_t room = 0;
    for (size_t y = 0; y < nyears; y++)
        for (size_t i = 0; years[y] && i < years[y]->figs.n; i++) {
            const char *path = years[y]->figs.v[i].path;
            size_t len = strlen(path);
            if (len + 1 > room) {
                free(pre);
                room = 2 * (len + 1);
                pre = sr_xmalloc(room);
            }
            for (size_t k = 1; path[k - 1]; k++) {
                if (path[k - 1] != ']')
                    continue;
                memcpy(pre, path, k);
                pre[k] = '\0';
                if (sr_path_match(pattern, pre))
                    found = true;
                if (sr_path_match(star, pre)) {
                    const char *open = strrchr(pre, '[');
                    size_t idlen = strlen(open + 1) - 1;
                    char *id = sr_xmalloc(idlen + 1);
                    memcpy(id, open + 1, idlen);
                    id[idlen] = '\0';
                    if (!sr_strmap_get(&set.seen, id))
                        strset_add(a, &set, sr_arena_strdup(a, id));
                    free(id);
                }
            }
        }
    free(pre);
    strset_free(&set);
    *ids = set.v;
    *nids = set.n;
    return found;
}

static void check_entry_ids(sr_arena *a, const sr_metric_def *m, const char *path,
                            sr_year *const *years, size_t nyears, sr_diags *d)
{
    for (const char *o = strchr(path, '['); o; o = strchr(o + 1, '[')) {
        const char *c = strchr(o, ']');
        if (!c)
            return;
        if (memchr(o, '*', (size_t)(c - o)))
            continue; /* `[*]`: any entry */
        const char *pattern = sr_arena_strndup(a, path, (size_t)(c - path) + 1);
        const char *star = sr_arena_printf(a, "%.*s[*]", (int)(o - path), path);
        const char **ids = NULL;
        size_t nids = 0;
        if (entry_given(a, years, nyears, pattern, star, &ids, &nids))
            continue;
        const char *id = sr_arena_strndup(a, o + 1, (size_t)(c - o) - 1);
        const char *best = sr_suggest(id, ids, nids);
        /* Only a likely misspelling is worth a word: an entry no year read
         * gives and nothing like it is a measure not sent yet (a partnership's
         * own measure that starts in a later year, say). */
        if (!best)
            continue;
        sr_diag *g = sr_diag_add(d, SR_WARNING, m->loc,
                                 "the metric `%s` names the entry `%s` (in `%s`), which no "
                                 "submission of the years read gives%s%s%s",
                                 m->id, id, path, best ? "; did you mean `" : "", best ? best : "",
                                 best ? "`?" : "");
        sr_diag_hint(g, "the metric is [x] (not available) until a submission gives that entry; "
                        "correct the id if it is misspelt");
        return; /* one warning a path */
    }
}

void sr_metrics_check_entry_ids(sr_arena *a, const sr_catalogue *cat, sr_year *const *years,
                                size_t nyears, sr_diags *d)
{
    bool any = false;
    for (size_t y = 0; y < nyears; y++)
        any |= years[y] && years[y]->figs.n > 0;
    if (!any)
        return;
    for (size_t k = 0; k < cat->nmetrics; k++) {
        const sr_metric_def *m = &cat->metrics[k];
        if (m->local)
            continue;
        const char *paths[5] = {m->each, m->brk, m->baseline, m->period, m->total};
        for (size_t i = 0; i < 5; i++)
            if (paths[i])
                check_entry_ids(a, m, paths[i], years, nyears, d);
        for (size_t i = 0; i < m->noperands; i++)
            check_entry_ids(a, m,
                            m->each ? sr_arena_printf(a, "%s.%s", m->each, m->operands[i])
                                    : m->operands[i],
                            years, nyears, d);
    }
}

sr_mval sr_metric_year_before(const sr_metrics *m, const sr_mrow *row)
{
    if (m->nyears > 1 && m->have[1] && m->years[1] == m->years[0] - 1)
        return row->cells[1].v;
    return (sr_mval){.avail = SR_NOT_AVAILABLE};
}
