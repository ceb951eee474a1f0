/* suppress: primary and secondary disclosure control, see suppress.h. */
#include "metrics/suppress.h"

#include "core/arena.h"

#include <stdlib.h>
#include <string.h>

static bool is_count(const sr_metric_def *d)
{
    return d->unit == SR_U_COUNT;
}

static bool is_derived(const sr_metric_def *d)
{
    return d->compute == SR_C_SHARE || d->compute == SR_C_RATE || d->compute == SR_C_RATIO;
}

static bool small(int64_t v, int64_t threshold)
{
    return v >= 1 && v <= threshold;
}

/* why: NULL for a small count itself; for a secondary, how it protects
 * another. */
typedef struct {
    sr_arena *a;
    const char *fmt; /* with one %s: how the cell protects another; NULL: primary */
    const char *label;
} why_t;

static size_t hide(sr_mcell *c, why_t why)
{
    if (c->v.suppressed || c->v.avail != SR_AVAILABLE)
        return 0;
    c->v.suppressed = true;
    c->protects = why.fmt ? sr_arena_printf(why.a, why.fmt, why.label) : NULL;
    return 1;
}

static size_t primary(sr_metrics *m, int64_t threshold)
{
    size_t n = 0;
    for (size_t k = 0; k < m->nmetrics; k++) {
        sr_metric *mt = &m->metrics[k];
        if (!is_count(mt->def) && !is_derived(mt->def))
            continue;
        for (size_t r = 0; r < mt->nrows; r++)
            for (size_t i = 0; i < m->nyears; i++) {
                sr_mcell *c = &mt->rows[r].cells[i];
                /* A share rests on its part; a rate or a count on its count. */
                if (c->ncounts && small(c->counts[0], threshold))
                    n += hide(c, (why_t){0});
            }
    }
    return n;
}

/* One table in one year: parts and (optionally) the total shown with them. */
static size_t protect(sr_mcell **parts, size_t n, sr_mcell *total, why_t why)
{
    size_t hidden = 0, nonzero_hidden = 0;
    for (size_t i = 0; i < n; i++)
        if (parts[i]->v.suppressed) {
            hidden++;
            nonzero_hidden++;
        }
    bool total_shown = !total || !total->v.suppressed;
    /* One hidden part with the total shown: the total less the others gives
     * it away. Hidden total with every part shown: their sum gives it away. */
    bool exposed =
        (total_shown && nonzero_hidden == 1) || (total && total->v.suppressed && hidden == 0);
    if (!exposed)
        return 0;
    sr_mcell *pick = NULL;
    for (size_t i = 0; i < n; i++) {
        sr_mcell *c = parts[i];
        if (c->v.suppressed || c->v.avail != SR_AVAILABLE || c->v.num == 0)
            continue; /* 0 is never hidden: it gives nothing away */
        if (!pick || (sr_i128)c->v.num * pick->v.den < (sr_i128)pick->v.num * c->v.den)
            pick = c;
    }
    if (pick)
        return hide(pick, why);
    return total ? hide(total, why) : 0;
}

static size_t tables(sr_metrics *m, const sr_catalogue *cat)
{
    size_t n = 0;
    sr_mcell **parts = NULL;
    size_t cap = 0;
    for (size_t i = 0; i < m->nyears; i++) {
        /* The catalogue's tables. */
        for (size_t t = 0; t < cat->ntables; t++) {
            const sr_table_def *td = &cat->tables[t];
            const sr_metric *tot = sr_metrics_find(m, td->total);
            size_t np = 0;
            for (size_t k = 0; k < td->nparts; k++) {
                const sr_metric *pm = sr_metrics_find(m, td->parts[k]);
                for (size_t r = 0; pm && r < pm->nrows; r++) {
                    if (np == cap) {
                        cap = cap ? cap * 2 : 16;
                        parts = sr_xrealloc(parts, cap * sizeof *parts);
                    }
                    parts[np++] = &((sr_metric *)pm)->rows[r].cells[i];
                }
            }
            n += protect(parts, np, tot ? &((sr_metric *)tot)->rows[0].cells[i] : NULL,
                         (why_t){m->a,
                                 "it protects a small count in the table of %s, which could "
                                 "otherwise be worked out from the total and the other parts",
                                 tot ? tot->def->label : td->id});
        }
        /* Every metric with rows is a table whose total may be shown. */
        for (size_t k = 0; k < m->nmetrics; k++) {
            sr_metric *mt = &m->metrics[k];
            if (!mt->def->each || !is_count(mt->def))
                continue;
            if (mt->nrows > cap) {
                cap = mt->nrows;
                parts = sr_xrealloc(parts, cap * sizeof *parts);
            }
            for (size_t r = 0; r < mt->nrows; r++)
                parts[r] = &mt->rows[r].cells[i];
            n += protect(parts, mt->nrows, NULL,
                         (why_t){m->a,
                                 "it protects a small count among the rows of %s, which could "
                                 "otherwise be worked out from their total",
                                 mt->def->label});
        }
    }
    free(parts);
    return n;
}

/* Whether the first na figures of a are among the first nb of b. */
static bool subset(const sr_figure *const *a, size_t na, const sr_figure *const *b, size_t nb)
{
    if (na == 0)
        return false;
    for (size_t i = 0; i < na; i++) {
        bool found = false;
        for (size_t j = 0; j < nb && !found; j++)
            found = a[i] == b[j];
        if (!found)
            return false;
    }
    return true;
}

/* A hidden count must not reappear elsewhere: the same figures shown as
 * another count, or a share, rate or ratio resting on exactly that count.
 * (A rate of a total that is itself shown gives nothing away.) */
static size_t linked(sr_metrics *m)
{
    size_t n = 0;
    for (size_t k = 0; k < m->nmetrics; k++) {
        sr_metric *a = &m->metrics[k];
        if (!is_count(a->def))
            continue;
        for (size_t r = 0; r < a->nrows; r++)
            for (size_t i = 0; i < m->nyears; i++) {
                sr_mcell *x = &a->rows[r].cells[i];
                if (!x->v.suppressed)
                    continue;
                for (size_t q = 0; q < m->nmetrics; q++) {
                    sr_metric *b = &m->metrics[q];
                    if (b == a || (!is_count(b->def) && !is_derived(b->def)))
                        continue;
                    for (size_t s = 0; s < b->nrows; s++) {
                        sr_mcell *y = &b->rows[s].cells[i];
                        bool same = subset(x->inputs, x->nbasis, y->inputs, y->nbasis) &&
                                    subset(y->inputs, y->nbasis, x->inputs, x->nbasis);
                        if (same)
                            n += hide(y, (why_t){m->a, "it is the same count as one hidden in %s",
                                                 a->def->label});
                    }
                }
            }
    }
    return n;
}

static void hide_fig(sr_metrics *m, const sr_figure *f)
{
    const sr_figure **v = sr_arena_alloc(m->a, (m->nhidden_figs + 1) * sizeof *v);
    if (m->nhidden_figs)
        memcpy(v, m->hidden_figs, m->nhidden_figs * sizeof *v);
    v[m->nhidden_figs++] = f;
    m->hidden_figs = v;
}

/* The training evaluations' tallies, shown as submitted: each evaluation is
 * a table whose total (stated, or the sum) is known. */
static size_t tallies(sr_metrics *m, int64_t threshold)
{
    const sr_year *y = m->year0;
    size_t n = 0;
    const sr_figure **group = NULL;
    size_t cap = 0;
    for (size_t i = 0; y && i < y->figs.n; i++) {
        const sr_figure *f = &y->figs.v[i];
        if (!sr_path_match("training.evaluations[*].ratings[*].count", f->path))
            continue;
        const char *cut = strstr(f->path, "].ratings[");
        size_t plen = (size_t)(cut - f->path);
        /* The first tally of its evaluation gathers the group. */
        bool first = true;
        for (size_t k = 0; k < i && first; k++) {
            const char *q = y->figs.v[k].path;
            first = !(strncmp(q, f->path, plen) == 0 && strncmp(q + plen, "].ratings[", 10) == 0 &&
                      sr_path_match("training.evaluations[*].ratings[*].count", q));
        }
        if (!first)
            continue;
        size_t ng = 0;
        for (size_t k = i; k < y->figs.n; k++) {
            const sr_figure *g = &y->figs.v[k];
            if (strncmp(g->path, f->path, plen) != 0 || strncmp(g->path + plen, "].ratings[", 10) ||
                !sr_path_match("training.evaluations[*].ratings[*].count", g->path))
                continue;
            if (ng == cap) {
                cap = cap ? cap * 2 : 8;
                group = sr_xrealloc(group, cap * sizeof *group);
            }
            group[ng++] = g;
        }
        size_t hidden = 0;
        for (size_t k = 0; k < ng; k++)
            if (group[k]->v.avail == SR_AVAILABLE && small(group[k]->v.i, threshold)) {
                hide_fig(m, group[k]);
                hidden++;
            }
        if (hidden == 1) { /* the total less the others would give it away */
            const sr_figure *pick = NULL;
            for (size_t k = 0; k < ng; k++) {
                const sr_figure *g = group[k];
                if (g->v.avail != SR_AVAILABLE || g->v.i == 0 || small(g->v.i, threshold))
                    continue;
                if (!pick || g->v.i < pick->v.i)
                    pick = g;
            }
            if (pick) {
                hide_fig(m, pick);
                hidden++;
            }
        }
        n += hidden;
    }
    free(group);
    return n;
}

size_t sr_suppress(sr_metrics *m, const sr_catalogue *cat, int64_t threshold)
{
    size_t total = primary(m, threshold) + tallies(m, threshold);
    /* Each pass can expose another cell; a few passes settle any real table. */
    for (int pass = 0; pass < 20; pass++) {
        size_t n = tables(m, cat) + linked(m);
        total += n;
        if (n == 0)
            break;
    }
    return total;
}
