/* rules: totals and part-of-whole checks over a year's figures, see rules.h. */
#include "data/rules.h"

#include "core/buf.h"
#include "data/schema.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void sr_rules_init(sr_rules *r)
{
    memset(r, 0, sizeof *r);
}

void sr_rules_free(sr_rules *r)
{
    free(r->v);
    sr_strmap_free(&r->index);
    memset(r, 0, sizeof *r);
}

void sr_rules_note(sr_rules *r, sr_arena *a, const sr_schema *s, const char *path, bool clash)
{
    const size_t *at = sr_strmap_get(&r->index, path);
    if (at) {
        r->v[*at].clash |= clash;
        return;
    }
    if (r->n == r->cap) {
        r->cap = r->cap ? r->cap * 2 : 16;
        r->v = sr_xrealloc(r->v, r->cap * sizeof *r->v);
    }
    r->v[r->n] = (sr_rule_site){s, sr_arena_strdup(a, path), clash};
    sr_strmap_put(&r->index, path, r->n);
    r->n++;
}

/* Figures sorted by path, so the figures under one site are found by a
 * binary search instead of a scan of the whole year. */
typedef struct {
    const sr_figures *figs;
    size_t *order;
} sorted;

static const sr_figures *sort_figs;

static int by_path(const void *a, const void *b)
{
    return strcmp(sort_figs->v[*(const size_t *)a].path, sort_figs->v[*(const size_t *)b].path);
}

static size_t lower_bound(const sorted *so, const char *key)
{
    size_t lo = 0, hi = so->figs->n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (strcmp(so->figs->v[so->order[mid]].path, key) < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

typedef struct {
    int64_t sum;
    size_t count, missing;
    bool overflow;
    const sr_figure *other; /* the first part in a file other than the total's */
} part_sum;

static void sum_parts(const sorted *so, const char *site, const char *const *parts,
                      const sr_source *total_src, part_sum *ps)
{
    memset(ps, 0, sizeof *ps);
    size_t plen = strlen(site);
    char *prefix = sr_xmalloc(plen + 2);
    memcpy(prefix, site, plen);
    prefix[plen] = '.';
    prefix[plen + 1] = '\0';
    for (const char *const *p = parts; *p; p++) {
        size_t n = plen + strlen(*p) + 2;
        char *pat = sr_xmalloc(n);
        snprintf(pat, n, "%s.%s", site, *p);
        for (size_t i = lower_bound(so, prefix); i < so->figs->n; i++) {
            const sr_figure *g = &so->figs->v[so->order[i]];
            if (strncmp(g->path, prefix, plen + 1) != 0)
                break;
            if ((g->v.kind != SR_V_COUNT && g->v.kind != SR_V_MONEY) ||
                !sr_path_match(pat, g->path))
                continue;
            ps->count++;
            if (g->loc.src != total_src && !ps->other)
                ps->other = g;
            if (g->v.avail != SR_AVAILABLE)
                ps->missing++;
            else if (ps->overflow || __builtin_add_overflow(ps->sum, g->v.i, &ps->sum)) {
                ps->sum = INT64_MAX;
                ps->overflow = true;
            }
        }
        free(pat);
    }
    free(prefix);
}

static const sr_figure *at(const sr_figures *figs, const char *site, const char *key)
{
    size_t n = strlen(site) + strlen(key) + 2;
    char *p = sr_xmalloc(n);
    snprintf(p, n, "%s.%s", site, key);
    const sr_figure *f = sr_figures_get(figs, p);
    free(p);
    return f;
}

/* A sum with no stated total, over the keys of a mapping with fixed keys
 * (the four quarters, the categories of abuse): some keys given and others
 * left out would publish a part of the year (or of the whole) as all of it.
 * That is an error unless the mapping's owner gives a `period` saying the
 * figures cover only part of the year. */
static void check_partial(const sorted *so, const sr_rule_site *site, const sr_sum_rule *r,
                          sr_diags *d)
{
    const sr_schema *s = site->s;
    for (const char *const *pp = r->parts; *pp; pp++) {
        size_t kl = strlen(*pp);
        if (kl < 3 || strcmp(*pp + kl - 2, ".*") != 0)
            continue;
        const sr_schema *map = NULL;
        const char *key = NULL;
        for (const sr_field *f = s->fields; f && f->key; f++)
            if (strlen(f->key) == kl - 2 && strncmp(f->key, *pp, kl - 2) == 0) {
                map = f->type;
                key = f->key;
            }
        if (!map || map->kind != SR_S_MAP || !map->fields)
            continue;
        size_t nl = strlen(site->path) + kl + 2;
        char *sub = sr_xmalloc(nl);
        snprintf(sub, nl, "%s.%s", site->path, key);
        const sr_figure *first = NULL;
        size_t given = 0, all = 0, nfields = 0;
        while (map->fields[nfields].key)
            nfields++;
        const char **missing = sr_xmalloc((nfields ? nfields : 1) * sizeof *missing);
        size_t nmissing = 0;
        for (const sr_field *f = map->fields; f->key; f++) {
            const sr_figure *g = at(so->figs, sub, f->key);
            all++;
            if (g) {
                given++;
                if (!first)
                    first = g;
            } else {
                missing[nmissing++] = f->key;
            }
        }
        free(sub);
        if (given == 0 || given == all) {
            free(missing);
            continue;
        }
        bool has_period = false;
        for (const sr_field *f = s->fields; f && f->key; f++)
            has_period |= strcmp(f->key, "period") == 0;
        if (has_period && at(so->figs, site->path, "period.from")) {
            free(missing);
            continue; /* the data says the figures cover part of the year */
        }
        sr_buf names = SR_BUF_INIT;
        for (size_t i = 0; i < nmissing; i++)
            sr_buf_printf(&names, "%s`%s`",
                          i == 0              ? ""
                          : i + 1 == nmissing ? " and "
                                              : ", ",
                          missing[i]);
        sr_diag *g = sr_diag_add(d, SR_ERROR, first->loc,
                                 "`%s` leaves out %s and no `%s` is given: the sum of the "
                                 "others would be published as the whole",
                                 key, sr_buf_str(&names), r->total);
        sr_diag_hint(g,
                     "give every one (write `not available` for one that is not known, 0 for "
                     "none), or state the `%s`%s",
                     r->total,
                     has_period ? "; if the figures cover only part of the year, give the "
                                  "`period` they cover"
                                : "");
        sr_buf_free(&names);
        free(missing);
    }
}

static void check_site(const sorted *so, const sr_rule_site *site, sr_diags *d)
{
    const sr_schema *s = site->s;
    for (const sr_sum_rule *r = s->sums; r && r->total; r++) {
        const sr_figure *t = at(so->figs, site->path, r->total);
        if (!t || t->v.avail != SR_AVAILABLE) {
            check_partial(so, site, r, d);
            continue;
        }
        part_sum ps;
        sum_parts(so, site->path, r->parts, t->loc.src, &ps);
        /* A sum past 64 bits is more than any stated total can be. With
         * some parts not available the known ones may add up to less than
         * the total, never to more. */
        if (ps.count == 0 || (!ps.overflow && ps.sum == t->v.i))
            continue;
        if (ps.missing > 0 && !ps.overflow && ps.sum < t->v.i)
            continue;
        char stated[48], added[48];
        sr_value sv = t->v;
        sr_value_format(&sv, stated, sizeof stated);
        sv.i = ps.sum;
        sr_value_format(&sv, added, sizeof added);
        sr_diag *g;
        if (ps.missing > 0)
            g = sr_diag_add(d, SR_ERROR, t->loc,
                            "`%s` is %s, but %s that are known add up to %s%s (%zu %s not "
                            "available)",
                            r->total, stated, r->parts_doc, ps.overflow ? "more than " : "", added,
                            ps.missing, ps.missing == 1 ? "is" : "are");
        else
            g = sr_diag_add(d, SR_ERROR, t->loc, "`%s` is %s, but %s add up to %s%s", r->total,
                            stated, r->parts_doc, ps.overflow ? "more than " : "", added);
        if (ps.other)
            sr_diag_related(g, ps.other->loc,
                            "some of them are given in another file, for example");
        sr_diag_hint(g, ps.missing > 0 ? "a total cannot be less than the parts that are known; "
                                         "correct the total, or the figures it adds up"
                                       : "correct the total, or the figures it adds up");
    }
    for (const sr_le_rule *r = s->le; r && r->part; r++) {
        const sr_figure *p = at(so->figs, site->path, r->part);
        const sr_figure *w = at(so->figs, site->path, r->whole);
        if (!p || !w || p->v.avail != SR_AVAILABLE || w->v.avail != SR_AVAILABLE ||
            p->v.i <= w->v.i)
            continue;
        char pv[48], wv[48];
        sr_value_format(&p->v, pv, sizeof pv);
        sr_value_format(&w->v, wv, sizeof wv);
        sr_diag *g;
        if (p->v.kind == SR_V_DATE) {
            g = sr_diag_add(d, SR_ERROR, p->loc, "`%s` (%s) is after `%s` (%s)", r->part, pv,
                            r->whole, wv);
            sr_diag_related(g, w->loc, "`%s` is given", r->whole);
            sr_diag_hint(g, "the period starts on `%s` and ends on `%s`; check both dates", r->part,
                         r->whole);
        } else {
            g = sr_diag_add(d, SR_ERROR, p->loc, "`%s` (%s) is more than `%s` (%s)", r->part, pv,
                            r->whole, wv);
            sr_diag_related(g, w->loc, "`%s` is given", r->whole);
            sr_diag_hint(g, "a part cannot be larger than the whole it belongs to; check both "
                            "figures");
        }
    }
}

void sr_rules_check(const sr_rules *r, const sr_figures *figs, sr_diags *d)
{
    if (r->n == 0)
        return;
    sorted so = {figs, sr_xmalloc((figs->n ? figs->n : 1) * sizeof(size_t))};
    for (size_t i = 0; i < figs->n; i++)
        so.order[i] = i;
    sort_figs = figs;
    qsort(so.order, figs->n, sizeof *so.order, by_path);
    sort_figs = NULL;
    for (size_t i = 0; i < r->n; i++)
        if (!r->v[i].clash)
            check_site(&so, &r->v[i], d);
    free(so.order);
}
