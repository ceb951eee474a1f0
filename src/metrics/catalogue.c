/* catalogue: loading report-templates/metrics.yaml, see catalogue.h. */
#include "metrics/catalogue.h"

#include "core/buf.h"
#include "core/suggest.h"
#include "data/loader.h"
#include "data/overlay.h"
#include "data/schema.h"
#include "data/schema_defs.h"

#include <stdlib.h>
#include <string.h>

static const sr_schema texts_t = {.kind = SR_S_LIST, .item = &sr_s_text};
static const sr_schema idents_t = {.kind = SR_S_LIST, .item = &sr_s_id};
static const sr_schema unit_t = {
    .kind = SR_S_ENUM,
    .values = (const char *const[]){"count", "money", "percentage", "rate", "ratio", NULL},
};

static const sr_schema share_t = {
    .kind = SR_S_MAP,
    .what = "a share",
    .fields =
        (const sr_field[]){
            {"part", &sr_s_text, SR_REQUIRED, "the figures that make the part"},
            {"of", &sr_s_text, SR_REQUIRED, "the figures that make the whole"},
            {0},
        },
};

static const sr_schema metric_t = {
    .kind = SR_S_MAP,
    .what = "a metric",
    .identity = (const char *const[]){"id", NULL},
    .fields =
        (const sr_field[]){
            {"id", &sr_s_id, SR_REQUIRED, "the metric's id, used by templates and `explain`"},
            {"label", &sr_s_text, SR_REQUIRED, "what it is, in words, as the report shows it"},
            {"unit", &unit_t, SR_REQUIRED, "count, money, percentage, rate or ratio"},
            {"value", &sr_s_text, 0, "the path of one submitted figure"},
            {"sum", &texts_t, 0, "paths whose figures are added up"},
            {"difference", &texts_t, 0, "two paths: the first less the second"},
            {"ratio", &texts_t, 0, "two paths: the first divided by the second"},
            {"share", &share_t, 0, "a part and its whole: the part as a percentage"},
            {"rate", &texts_t, 0, "paths added up, per 10,000 children aged 0 to 17"},
            {"each", &sr_s_text, 0, "one row per entry matching this path"},
            {"row_label", &sr_s_text, 0, "with each: the entry's field that names the row"},
            {"group_by", &texts_t, 0,
             "with each: fields whose value groups entries into one row, such as [partner, "
             "source]"},
            {"break", &sr_s_text, 0, "the path of the series' break, which stops comparisons"},
            {"baseline", &sr_s_text, 0, "the path of a baseline to compare with"},
            {"period", &sr_s_text, 0, "the path of the {from, to} block the figure covers"},
            {"total", &sr_s_text, 0,
             "with sum or rate: the path of a stated total, used when given (the parts are "
             "checked against it)"},
            {0},
        },
};
static const sr_schema metrics_t = {.kind = SR_S_LIST, .item = &metric_t};

static const sr_schema table_t = {
    .kind = SR_S_MAP,
    .what = "a table",
    .identity = (const char *const[]){"id", NULL},
    .fields =
        (const sr_field[]){
            {"id", &sr_s_id, SR_REQUIRED, "the table's id"},
            {"total", &sr_s_id, SR_REQUIRED, "the metric that is the total"},
            {"parts", &idents_t, SR_REQUIRED, "the metrics that add up to it"},
            {0},
        },
};
static const sr_schema tables_t = {.kind = SR_S_LIST, .item = &table_t};

static const sr_schema catalogue_t = {
    .kind = SR_S_MAP,
    .what = "the metrics catalogue",
    .fields =
        (const sr_field[]){
            {"format", &sr_s_format, SR_REQUIRED, "the version of this format; write 1"},
            {"metrics", &metrics_t, SR_REQUIRED, "the metrics"},
            {"tables", &tables_t, 0, "counts shown with their total"},
            {0},
        },
};

/* Paths are keys, `*`, list identities in brackets: nothing else. */
static bool valid_pattern(const char *p)
{
    for (; *p; p++)
        if (!(*p >= 'a' && *p <= 'z') && !(*p >= '0' && *p <= '9') && !strchr("_-.*[]/~#", *p))
            return false;
    return true;
}

/* ---- paths against the submission schema ---------------------------------- */

/* Where a path stopped matching: the key, and the mapping it is not in. */
typedef struct {
    size_t depth;
    const char *key; /* arena copy */
    const sr_schema *map;
} path_miss;

static bool schema_has(sr_arena *a, const sr_schema *s, const char *p, size_t depth,
                       path_miss *miss)
{
    while (*p == '.')
        p++;
    if (!*p)
        return true;
    if (!s)
        return false;
    if (*p == '[') {
        const char *close = strchr(p, ']');
        if (s->kind != SR_S_LIST || !close)
            return false;
        return schema_has(a, s->item, close + 1, depth + 1, miss);
    }
    size_t n = strcspn(p, ".[");
    const char *rest = p + n;
    if (s->kind == SR_S_DICT)
        return schema_has(a, s->item, rest, depth + 1, miss);
    if (s->or_map && s->kind != SR_S_MAP)
        return schema_has(a, s->or_map, p, depth, miss);
    if (s->kind != SR_S_MAP || !s->fields)
        return false;
    bool any = n == 1 && p[0] == '*';
    for (const sr_field *f = s->fields; f->key; f++) {
        if (!any && (strlen(f->key) != n || strncmp(f->key, p, n) != 0))
            continue;
        if (schema_has(a, f->type, rest, depth + 1, miss))
            return true;
    }
    if (!any && (!miss->key || depth >= miss->depth)) {
        miss->depth = depth;
        miss->key = sr_arena_strndup(a, p, n);
        miss->map = s;
    }
    return false;
}

/* A path of the metric m that no submission can give is an error here,
 * when the catalogue loads, not an [x] in the report. */
static bool check_path(sr_arena *a, sr_diags *d, const sr_metric_def *m, const char *path,
                       sr_loc loc)
{
    path_miss miss = {0};
    if (schema_has(a, &sr_submission_schema, path, 0, &miss))
        return true;
    sr_diag *g =
        sr_diag_add(d, SR_ERROR, loc,
                    "`%s` in the metric `%s` names no figure a submission can give", path, m->id);
    const char *best = NULL;
    if (miss.map) {
        size_t nf = 0;
        while (miss.map->fields[nf].key)
            nf++;
        const char **keys = sr_arena_alloc(a, (nf + 1) * sizeof *keys);
        for (size_t i = 0; i < nf; i++)
            keys[i] = miss.map->fields[i].key;
        best = sr_suggest(miss.key, keys, nf);
    }
    if (best)
        sr_diag_hint(g, "there is no `%s` there; did you mean `%s`?", miss.key, best);
    else
        sr_diag_hint(g, "paths are the submissions' keys, as `sscp-report explain` prints them; "
                        "see docs/data-format.md");
    return false;
}

/* Where the operand text op is written in the metric e, or e's own place. */
static sr_loc operand_loc(const sr_ynode *e, const char *op)
{
    static const char *const keys[] = {"value", "sum", "difference", "ratio", "rate", "share"};
    for (int k = 0; k < 6; k++) {
        const sr_ynode *v = sr_ymap_get(e, keys[k]);
        if (!v)
            continue;
        if (sr_ynode_text(v) && strcmp(v->text, op) == 0)
            return v->loc;
        if (v->kind == SR_Y_SEQ)
            for (size_t i = 0; i < v->n; i++)
                if (sr_ynode_text(v->items[i]) && strcmp(v->items[i]->text, op) == 0)
                    return v->items[i]->loc;
        const char *parts[2] = {"part", "of"};
        for (int i = 0; i < 2 && strcmp(keys[k], "share") == 0; i++) {
            const sr_ynode *pv = sr_ymap_get(v, parts[i]);
            if (pv && sr_ynode_text(pv) && strcmp(pv->text, op) == 0)
                return pv->loc;
        }
    }
    return e->loc;
}

static bool check_paths(sr_arena *a, sr_diags *d, const sr_ynode *e, const sr_metric_def *m)
{
    bool ok = true;
    if (m->each)
        ok &= check_path(a, d, m, m->each, sr_ymap_get(e, "each")->loc);
    for (size_t i = 0; i < m->noperands; i++) {
        const char *p = m->operands[i];
        for (;;) {
            const char *plus = m->compute == SR_C_DIFFERENCE ? strstr(p, " + ") : NULL;
            const char *piece = plus ? sr_arena_strndup(a, p, (size_t)(plus - p)) : p;
            const char *full = m->each ? sr_arena_printf(a, "%s.%s", m->each, piece) : piece;
            ok &= check_path(a, d, m, full, operand_loc(e, m->operands[i]));
            if (!plus)
                break;
            p = plus + 3;
        }
    }
    const char *keys[4] = {"break", "baseline", "period", "total"};
    const char *vals[4] = {m->brk, m->baseline, m->period, m->total};
    for (int i = 0; i < 4; i++) {
        if (!vals[i])
            continue;
        const char *full =
            m->each && i == 3 ? sr_arena_printf(a, "%s.%s", m->each, vals[i]) : vals[i];
        ok &= check_path(a, d, m, full, sr_ymap_get(e, keys[i])->loc);
    }
    return ok;
}

static const char **texts(sr_arena *a, const sr_ynode *list, size_t *n)
{
    *n = 0;
    if (!list || list->kind != SR_Y_SEQ)
        return NULL;
    const char **v = sr_arena_alloc(a, (list->n + 1) * sizeof *v);
    for (size_t i = 0; i < list->n; i++)
        if (sr_ynode_text(list->items[i]))
            v[(*n)++] = list->items[i]->text;
    return v;
}

static bool build_metric(sr_arena *a, sr_diags *d, const sr_ynode *e, sr_metric_def *m)
{
    static const char *const units[] = {"count", "money", "percentage", "rate", "ratio"};
    m->id = sr_ynode_text(sr_ymap_get(e, "id"));
    m->label = sr_ynode_text(sr_ymap_get(e, "label"));
    const char *u = sr_ynode_text(sr_ymap_get(e, "unit"));
    for (int i = 0; i < 5; i++)
        if (u && strcmp(u, units[i]) == 0)
            m->unit = (sr_unit)i;
    m->each = sr_ynode_text(sr_ymap_get(e, "each"));
    m->row_label = sr_ynode_text(sr_ymap_get(e, "row_label"));
    m->group_by = texts(a, sr_ymap_get(e, "group_by"), &m->ngroup_by);
    m->brk = sr_ynode_text(sr_ymap_get(e, "break"));
    m->baseline = sr_ynode_text(sr_ymap_get(e, "baseline"));
    m->period = sr_ynode_text(sr_ymap_get(e, "period"));
    m->total = sr_ynode_text(sr_ymap_get(e, "total"));
    m->loc = e->loc;

    static const char *const ways[] = {"value", "sum", "difference", "ratio", "share", "rate"};
    int given = 0;
    const char *way = NULL;
    for (int i = 0; i < 6; i++)
        if (sr_ymap_get(e, ways[i])) {
            given++;
            way = ways[i];
        }
    if (given > 1 || (given == 0 && !m->each)) {
        sr_diag *g = sr_diag_add(d, SR_ERROR, e->loc,
                                 given ? "the metric `%s` says how to compute it in more than "
                                         "one way"
                                       : "the metric `%s` does not say how it is computed",
                                 m->id);
        sr_diag_hint(g, "give exactly one of value, sum, difference, ratio, share or rate");
        return false;
    }
    if (!way) {
        m->compute = SR_C_ENTRY;
    } else if (strcmp(way, "value") == 0) {
        m->compute = SR_C_VALUE;
        m->operands = sr_arena_alloc(a, sizeof *m->operands);
        m->operands[0] = sr_ynode_text(sr_ymap_get(e, "value"));
        m->noperands = 1;
    } else if (strcmp(way, "share") == 0) {
        const sr_ynode *s = sr_ymap_get(e, "share");
        m->compute = SR_C_SHARE;
        m->operands = sr_arena_alloc(a, 2 * sizeof *m->operands);
        m->operands[0] = sr_ynode_text(sr_ymap_get(s, "part"));
        m->operands[1] = sr_ynode_text(sr_ymap_get(s, "of"));
        m->noperands = 2;
    } else {
        m->compute = strcmp(way, "sum") == 0          ? SR_C_SUM
                     : strcmp(way, "difference") == 0 ? SR_C_DIFFERENCE
                     : strcmp(way, "ratio") == 0      ? SR_C_RATIO
                                                      : SR_C_RATE;
        m->operands = texts(a, sr_ymap_get(e, way), &m->noperands);
        bool two = m->compute == SR_C_DIFFERENCE || m->compute == SR_C_RATIO;
        if ((two && m->noperands != 2) || m->noperands == 0) {
            sr_diag *g =
                sr_diag_add(d, SR_ERROR, sr_ymap_get(e, way)->loc,
                            two ? "`%s` takes exactly two paths" : "`%s` needs a path", way);
            sr_diag_hint(g, "write them as a list: [first.path, second.path]");
            return false;
        }
    }
    /* Grouped rows are added up: only counts and money, only with each. */
    const sr_ynode *gb = sr_ymap_get(e, "group_by");
    if (gb && (!m->each || m->ngroup_by == 0 ||
               !(m->compute == SR_C_VALUE || m->compute == SR_C_SUM || m->compute == SR_C_ENTRY) ||
               !(m->unit == SR_U_COUNT || m->unit == SR_U_MONEY))) {
        sr_diag *g = sr_diag_add(
            d, SR_ERROR, gb->loc,
            !m->each ? "the metric `%s` has `group_by` but no `each`"
            : m->ngroup_by == 0
                ? "the metric `%s` has an empty `group_by`"
                : "the metric `%s` groups its rows, so it must be a count or money added up",
            m->id);
        sr_diag_hint(g, "`group_by` adds up the entries of `each` that share a field's value, "
                        "such as the income lines of one partner: use it with `each` and "
                        "`value` or `sum`, with unit count or money");
        return false;
    }
    /* The unit must suit the computation. */
    sr_unit want = m->unit;
    if (m->compute == SR_C_SHARE)
        want = SR_U_PERCENTAGE;
    else if (m->compute == SR_C_RATE)
        want = SR_U_RATE;
    else if (m->compute == SR_C_RATIO)
        want = SR_U_RATIO;
    else if (m->unit == SR_U_RATE || m->unit == SR_U_RATIO)
        want = SR_U_COUNT;
    if (want != m->unit) {
        sr_diag *g = sr_diag_add(d, SR_ERROR, sr_ymap_get(e, "unit")->loc,
                                 "the metric `%s` is computed as a %s, so its unit is `%s`", m->id,
                                 way ? way : "value", sr_unit_name(want));
        sr_diag_hint(g, "write `unit: %s`", sr_unit_name(want));
        return false;
    }
    if (m->total && m->compute != SR_C_SUM && m->compute != SR_C_RATE) {
        sr_diag_hint(sr_diag_add(d, SR_ERROR, sr_ymap_get(e, "total")->loc,
                                 "the metric `%s` has a `total`, but it is not a sum or a rate",
                                 m->id),
                     "`total` names the stated total of the figures a `sum` or `rate` adds up, "
                     "such as referrals.total for referrals.by_quarter.*");
        return false;
    }
    const char *paths[5] = {m->each, m->brk, m->baseline, m->period, m->total};
    for (size_t i = 0; i < m->ngroup_by; i++) {
        if (!valid_pattern(m->group_by[i]) || strpbrk(m->group_by[i], ".*[]")) {
            sr_diag_hint(sr_diag_add(d, SR_ERROR, gb->loc,
                                     "`%s` in the metric `%s` is not a field of an entry",
                                     m->group_by[i], m->id),
                         "name a field of each entry, such as partner");
            return false;
        }
    }
    for (size_t i = 0; i < m->noperands; i++) {
        /* A difference's operand may add up paths: "a + b". */
        bool ok = true;
        const char *p = m->operands[i];
        while (ok) {
            const char *plus = m->compute == SR_C_DIFFERENCE ? strstr(p, " + ") : NULL;
            size_t n = plus ? (size_t)(plus - p) : strlen(p);
            char *piece = sr_arena_strndup(a, p, n);
            ok = n > 0 && valid_pattern(piece);
            if (!plus)
                break;
            p = plus + 3;
        }
        if (!ok) {
            sr_diag_hint(sr_diag_add(d, SR_ERROR, e->loc,
                                     "`%s` in the metric `%s` is not a figure's path",
                                     m->operands[i], m->id),
                         "paths are keys joined by `.`, with `*` for any key or entry and list "
                         "entries in brackets, such as finance.income[*].lines[*].amount");
            return false;
        }
    }
    for (int i = 0; i < 5; i++) {
        if (paths[i] && !valid_pattern(paths[i])) {
            sr_diag_hint(sr_diag_add(d, SR_ERROR, e->loc,
                                     "`%s` in the metric `%s` is not a figure's path", paths[i],
                                     m->id),
                         "paths are keys joined by `.`, with `*` for any key or entry");
            return false;
        }
    }
    return check_paths(a, d, e, m);
}

static sr_catalogue *from_tree(sr_arena *a, sr_diags *d, const sr_source *src, sr_ynode *root)
{
    size_t before = d->errors;
    if (!sr_schema_check_file(a, d, src, &catalogue_t, root))
        return NULL;

    sr_catalogue *cat = sr_arena_alloc(a, sizeof *cat);
    const sr_ynode *ms = sr_ymap_get(root, "metrics");
    size_t n = ms && ms->kind == SR_Y_SEQ ? ms->n : 0;
    cat->metrics = sr_arena_alloc(a, (n ? n : 1) * sizeof *cat->metrics);
    for (size_t i = 0; i < n; i++)
        if (build_metric(a, d, ms->items[i], &cat->metrics[cat->nmetrics]))
            cat->nmetrics++;

    const sr_ynode *ts = sr_ymap_get(root, "tables");
    n = ts && ts->kind == SR_Y_SEQ ? ts->n : 0;
    cat->tables = sr_arena_alloc(a, (n ? n : 1) * sizeof *cat->tables);
    const char **ids = sr_arena_alloc(a, (cat->nmetrics + 1) * sizeof *ids);
    for (size_t i = 0; i < cat->nmetrics; i++)
        ids[i] = cat->metrics[i].id;
    for (size_t i = 0; i < n; i++) {
        const sr_ynode *e = ts->items[i];
        sr_table_def *t = &cat->tables[cat->ntables];
        t->id = sr_ynode_text(sr_ymap_get(e, "id"));
        t->total = sr_ynode_text(sr_ymap_get(e, "total"));
        t->parts = texts(a, sr_ymap_get(e, "parts"), &t->nparts);
        bool ok = true;
        const char **named = sr_arena_alloc(a, (t->nparts + 1) * sizeof *named);
        size_t nn = 0;
        named[nn++] = t->total;
        for (size_t k = 0; k < t->nparts; k++)
            named[nn++] = t->parts[k];
        for (size_t k = 0; k < nn; k++) {
            if (sr_catalogue_find(cat, named[k]))
                continue;
            sr_diag *g = sr_diag_add(d, SR_ERROR, e->loc,
                                     "the table `%s` names `%s`, which is "
                                     "not a metric",
                                     t->id, named[k]);
            const char *best = sr_suggest(named[k], ids, cat->nmetrics);
            if (best)
                sr_diag_hint(g, "did you mean `%s`?", best);
            ok = false;
        }
        if (ok)
            cat->ntables++;
    }
    return d->errors > before ? NULL : cat;
}

sr_catalogue *sr_catalogue_load_source(sr_arena *a, sr_diags *d, const sr_source *src)
{
    sr_ylimits lim = sr_ylimits_default();
    sr_ynode *root = sr_yaml_load(a, d, src, &lim);
    return root ? from_tree(a, d, src, root) : NULL;
}

sr_catalogue *sr_catalogue_load(sr_arena *a, sr_diags *d, const char *path)
{
    const sr_source *src;
    sr_ynode *root = sr_load_yaml_file(a, d, path, &src);
    return root ? from_tree(a, d, src, root) : NULL;
}

static const sr_overlay_list layered_lists[] = {
    {"metrics", "id", false, true, "metric"},
    {"tables", "id", false, true, "table"},
    {0},
};

sr_catalogue *sr_catalogue_load_layered(sr_arena *a, sr_diags *d, const char *templates_dir,
                                        const char *data_dir)
{
    const sr_source *src;
    sr_ynode *root =
        sr_load_template_file(a, d, templates_dir, data_dir, "metrics.yaml", layered_lists, &src);
    return root ? from_tree(a, d, src, root) : NULL;
}

const sr_metric_def *sr_catalogue_find(const sr_catalogue *c, const char *id)
{
    for (size_t i = 0; i < c->nmetrics; i++)
        if (strcmp(c->metrics[i].id, id) == 0)
            return &c->metrics[i];
    return NULL;
}

bool sr_catalogue_uses_measure(const sr_catalogue *c, const char *slug)
{
    sr_buf entry = SR_BUF_INIT, count = SR_BUF_INIT, percent = SR_BUF_INIT, full = SR_BUF_INIT;
    sr_buf_printf(&entry, "performance.measures[%s]", slug);
    sr_buf_printf(&count, "%s.count", sr_buf_str(&entry));
    sr_buf_printf(&percent, "%s.percent", sr_buf_str(&entry));
    bool used = false;
    for (size_t i = 0; i < c->nmetrics && !used; i++) {
        const sr_metric_def *d = &c->metrics[i];
        if (d->local)
            continue;
        if (d->each && d->compute == SR_C_ENTRY)
            used = sr_path_match(d->each, sr_buf_str(&entry)) ||
                   sr_path_match(d->each, sr_buf_str(&count)) ||
                   sr_path_match(d->each, sr_buf_str(&percent));
        for (size_t k = 0; k < d->noperands && !used; k++) {
            sr_buf_clear(&full);
            if (d->each)
                sr_buf_printf(&full, "%s.%s", d->each, d->operands[k]);
            else
                sr_buf_puts(&full, d->operands[k]);
            used = sr_path_match(sr_buf_str(&full), sr_buf_str(&count)) ||
                   sr_path_match(sr_buf_str(&full), sr_buf_str(&percent));
        }
    }
    sr_buf_free(&entry);
    sr_buf_free(&count);
    sr_buf_free(&percent);
    sr_buf_free(&full);
    return used;
}

const char *sr_unit_name(sr_unit u)
{
    static const char *const names[] = {"count", "money", "percentage", "rate", "ratio"};
    return names[u];
}
