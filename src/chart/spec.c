/* spec: charts.yaml and building charts from metrics, see spec.h. */
#include "chart/spec.h"

#include "core/buf.h"
#include "core/fmt.h"
#include "core/suggest.h"
#include "data/benchmarks.h"
#include "data/loader.h"
#include "data/overlay.h"
#include "data/schema.h"
#include "metrics/tally.h"

#include <ctype.h>
#include <glib.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

static const sr_schema idents_t = {.kind = SR_S_LIST, .item = &sr_s_id};
static const char *const kinds[] = {"bar",   "grouped_bar", "hbar",   "line",    "stacked_bar",
                                    "donut", "kpi",         "matrix", "compare", NULL};
static const sr_schema kind_t = {.kind = SR_S_ENUM, .values = kinds};

static const sr_schema chart_t = {
    .kind = SR_S_MAP,
    .what = "a chart",
    .identity = (const char *const[]){"id", NULL},
    .fields =
        (const sr_field[]){
            {"id", &sr_s_id, SR_REQUIRED, "the chart's id; its files are charts/<id>.png and .svg"},
            {"kind", &kind_t, SR_REQUIRED,
             "bar, grouped_bar, hbar, line, stacked_bar, donut, "
             "kpi, matrix or compare"},
            {"title", &sr_s_text, SR_REQUIRED, "what the chart shows"},
            {"metric", &sr_s_id, 0, "the metric it shows (its rows are the categories)"},
            {"metrics", &idents_t, 0, "or several metrics, one category each"},
            {"years", &sr_s_count, 0, "how many years to show, up to 5 (default 1)"},
            {"transpose", &sr_s_bool, 0, "yes: the years are the categories, the rows the series"},
            {"sort", &sr_s_bool, 0, "yes: largest first (bars)"},
            {"overall", &sr_s_id, 0, "the metric whose change the text alternative gives"},
            {"total", &sr_s_id, 0, "donut: the metric in the hole; stacked bars: each bar's total"},
            {"x_title", &sr_s_text, 0, "the horizontal axis' title, with the unit"},
            {"y_title", &sr_s_text, 0, "the vertical axis' title, with the unit"},
            {"what", &sr_s_text, 0, "what one unit is, for the text alternative: referrals"},
            {"body", &sr_s_text, 0, "matrix: the meeting body, as in the attendance records"},
            {"width", &sr_s_count, SR_REQUIRED, "width in points (72 to the inch)"},
            {"height", &sr_s_count, SR_REQUIRED, "height in points"},
            {0},
        },
};
static const sr_schema charts_t = {.kind = SR_S_LIST, .item = &chart_t};
static const sr_schema file_t = {
    .kind = SR_S_MAP,
    .what = "the charts file",
    .fields =
        (const sr_field[]){
            {"format", &sr_s_format, SR_REQUIRED, "write 1"},
            {"charts", &charts_t, SR_REQUIRED, "the charts"},
            {0},
        },
};

static bool check_metric(sr_diags *d, const sr_catalogue *cat, const sr_ynode *n, const char *id)
{
    if (!id || sr_catalogue_find(cat, id))
        return true;
    const char **ids = sr_xmalloc((cat->nmetrics + 1) * sizeof *ids);
    for (size_t i = 0; i < cat->nmetrics; i++)
        ids[i] = cat->metrics[i].id;
    sr_diag *g = sr_diag_add(d, SR_ERROR, n->loc, "there is no metric `%s` in the catalogue", id);
    const char *best = sr_suggest(id, ids, cat->nmetrics);
    if (best)
        sr_diag_hint(g, "did you mean `%s`?", best);
    else
        sr_diag_hint(g, "metrics are defined in metrics.yaml");
    free(ids);
    return false;
}

/* The bodies with meetings recorded in the year: their names as first
 * written, in the order first met in the figures. */
typedef struct {
    const char **name;
    size_t n;
} bodies;

static bodies year_bodies(sr_arena *a, const sr_dataset *ds)
{
    bodies b = {0};
    sr_attendance_tally t;
    sr_metrics_attendance(a, ds ? ds->have[0] : NULL, &t);
    b.name = sr_arena_alloc(a, (t.nmeetings + 1) * sizeof *b.name);
    for (size_t i = 0; i < t.nmeetings; i++) {
        const char *body = t.meetings[i].body;
        if (!body)
            continue;
        char s1[256], s2[256];
        sr_slug(body, s1, sizeof s1);
        bool seen = false;
        for (size_t k = 0; k < b.n && !seen; k++) {
            sr_slug(b.name[k], s2, sizeof s2);
            seen = strcmp(s1, s2) == 0;
        }
        if (!seen)
            b.name[b.n++] = body;
    }
    return b;
}

static bool same_body(const char *x, const char *y)
{
    char s1[256], s2[256];
    sr_slug(x, s1, sizeof s1);
    sr_slug(y, s2, sizeof s2);
    return strcmp(s1, s2) == 0;
}

/* Every `{{body}}` in title replaced by name. A name with an article of its
 * own ("The Safeguarding Board") takes the place of the title's
 * ("Attendance at the {{body}}"), rather than follow it: "Attendance at The
 * Safeguarding Board"; the title's capital stays ("The {{body}} met..."). */
static const char *body_title(sr_arena *a, const char *title, const char *name)
{
    if (!strstr(title, "{{body}}"))
        return title;
    bool own = strncasecmp(name, "the ", 4) == 0 && name[4];
    sr_buf out = SR_BUF_INIT;
    const char *p = title;
    for (const char *at; (at = strstr(p, "{{body}}")) != NULL; p = at + 8) {
        size_t keep = (size_t)(at - p);
        bool capital = false;
        if (own && keep >= 4 && strncasecmp(at - 4, "the ", 4) == 0 &&
            (at - 4 == title || !isalnum((unsigned char)at[-5]))) {
            keep -= 4;
            capital = at[-4] == 'T';
        }
        sr_buf_put(&out, p, keep);
        if (capital) {
            sr_buf_putc(&out, (char)toupper((unsigned char)name[0]));
            sr_buf_puts(&out, name + 1);
        } else {
            sr_buf_puts(&out, name);
        }
    }
    sr_buf_puts(&out, p);
    const char *r = sr_arena_strdup(a, sr_buf_str(&out));
    sr_buf_free(&out);
    return r;
}

/* The part of a chart's id (and so its file names) made from a body's name:
 * ASCII letters, digits and hyphens only: letters beyond ASCII written
 * without their accents ("Bwrdd Diogelu – Môn" -> "bwrdd-diogelu-mon"),
 * apostrophes dropped ("Children’s Board" -> "childrens-board") and
 * anything else left out; "body" when nothing is left. */
static const char *body_id(sr_arena *a, const char *name)
{
    char *ascii = NULL;
    if (g_utf8_validate(name, -1, NULL)) {
        char *nfc = g_utf8_normalize(name, -1, G_NORMALIZE_NFC);
        ascii = g_str_to_ascii(nfc ? nfc : name, "C");
        g_free(nfc);
    }
    size_t len = strlen(ascii ? ascii : name);
    char *slug = sr_arena_alloc(a, len + 2);
    /* Apostrophes go, so that "Children's" is "childrens"; bytes beyond
     * ASCII (in a name that is not UTF-8) are left out too. */
    char *plain = sr_arena_strdup(a, ascii ? ascii : name), *w = plain;
    for (const char *q = plain; *q; q++)
        if (*q != '\'')
            *w++ = (unsigned char)*q >= 0x80 ? ' ' : *q;
    *w = '\0';
    g_free(ascii);
    sr_slug(plain, slug, len + 2);
    return slug[0] ? slug : "body";
}

/* Whether a chart of s->v[0..n) or v[0..nv) has the id. */
static bool id_taken(const sr_chart_specs *s, const sr_chart_spec *v, size_t nv, const char *id)
{
    for (size_t i = 0; i < s->n; i++)
        if (s->v[i].id && strcmp(s->v[i].id, id) == 0)
            return true;
    for (size_t i = 0; i < nv; i++)
        if (v[i].id && strcmp(v[i].id, id) == 0)
            return true;
    return false;
}

static const sr_overlay_list layered_lists[] = {
    {"charts", "id", false, true, "chart"},
    {0},
};

/* Matrices for each body, and the check of a body that is named. */
static void for_bodies(sr_arena *a, sr_diags *d, sr_chart_specs *s, const sr_dataset *ds)
{
    bodies b = year_bodies(a, ds);
    size_t extra = 0;
    for (size_t i = 0; i < s->n; i++)
        if (s->v[i].kind == SR_CHART_MATRIX && !s->v[i].body)
            extra += b.n;
    sr_chart_spec *v = sr_arena_alloc(a, (s->n + extra + 1) * sizeof *v);
    size_t n = 0;
    char yname[16];
    sr_fmt_year(ds->year0, yname, sizeof yname);
    for (size_t i = 0; i < s->n; i++) {
        const sr_chart_spec *c = &s->v[i];
        if (c->kind != SR_CHART_MATRIX) {
            v[n++] = *c;
            continue;
        }
        if (c->body) {
            bool found = false;
            for (size_t k = 0; k < b.n && !found; k++)
                found = same_body(c->body, b.name[k]);
            if (!found && b.n) {
                sr_buf list = SR_BUF_INIT;
                for (size_t k = 0; k < b.n; k++)
                    sr_buf_printf(&list, "%s\"%s\"", k ? (k + 1 == b.n ? " and " : ", ") : "",
                                  b.name[k]);
                sr_diag *g = sr_diag_add(d, SR_ERROR, c->body_loc,
                                         "the chart `%s` shows the meetings of \"%s\", but %s "
                                         "has no meetings of it; it has meetings of %s",
                                         c->id, c->body, yname, sr_buf_str(&list));
                const char *best = sr_suggest(c->body, b.name, b.n);
                if (best)
                    sr_diag_hint(g, "did you mean `body: %s`?", best);
                else
                    sr_diag_hint(g, "spell the body as in the attendance records, or leave out "
                                    "`body:` for a chart of each body that met");
                sr_buf_free(&list);
            }
            sr_chart_spec e = *c;
            /* The body as the records spell it, when they have it. */
            for (size_t k = 0; k < b.n; k++)
                if (same_body(c->body, b.name[k]))
                    e.title = body_title(a, c->title, b.name[k]);
            if (e.title == c->title)
                e.title = body_title(a, c->title, c->body);
            v[n++] = e;
            continue;
        }
        for (size_t k = 0; k < b.n; k++) {
            sr_chart_spec e = *c;
            /* Ids stay distinct when two names give the same letters. */
            const char *stem = sr_arena_printf(a, "%s-%s", c->id, body_id(a, b.name[k]));
            e.id = stem;
            for (int j = 2; id_taken(s, v, n, e.id); j++)
                e.id = sr_arena_printf(a, "%s-%d", stem, j);
            e.body = b.name[k];
            e.title = body_title(a, c->title, b.name[k]);
            v[n++] = e;
        }
        if (b.n == 0) {
            /* No meetings at all: kept, so that the report says it has no
             * figures (a warning in a draft, an error in a final build). */
            sr_chart_spec e = *c;
            e.title = body_title(a, c->title, "partnership's meetings");
            v[n++] = e;
        }
    }
    s->v = v;
    s->n = n;
}

sr_chart_specs *sr_chart_specs_load(sr_arena *a, sr_diags *d, const char *templates_dir,
                                    const char *data_dir, const sr_catalogue *cat,
                                    const sr_dataset *ds)
{
    const sr_source *src;
    sr_ynode *root =
        sr_load_template_file(a, d, templates_dir, data_dir, "charts.yaml", layered_lists, &src);
    if (!root || !sr_schema_check_file(a, d, src, &file_t, root))
        return NULL;
    size_t before = d->errors;
    const sr_ynode *list = sr_ymap_get(root, "charts");
    sr_chart_specs *s = sr_arena_alloc(a, sizeof *s);
    s->v = sr_arena_alloc(a, (list->n ? list->n : 1) * sizeof *s->v);
    for (size_t i = 0; i < list->n; i++) {
        const sr_ynode *e = list->items[i];
        sr_chart_spec *c = &s->v[s->n++];
        c->loc = e->loc;
        c->id = sr_ynode_text(sr_ymap_get(e, "id"));
        c->group = c->id;
        c->title = sr_ynode_text(sr_ymap_get(e, "title"));
        const char *k = sr_ynode_text(sr_ymap_get(e, "kind"));
        for (int j = 0; kinds[j]; j++)
            if (k && strcmp(k, kinds[j]) == 0)
                c->kind = (sr_chart_kind)j;
        c->metric = sr_ynode_text(sr_ymap_get(e, "metric"));
        c->period_metric = c->metric;
        const sr_ynode *ms = sr_ymap_get(e, "metrics");
        if (ms && ms->kind == SR_Y_SEQ) {
            c->metrics = sr_arena_alloc(a, (ms->n + 1) * sizeof *c->metrics);
            for (size_t j = 0; j < ms->n; j++)
                if (check_metric(d, cat, ms->items[j], sr_ynode_text(ms->items[j])))
                    c->metrics[c->nmetrics++] = ms->items[j]->text;
        }
        const char *y = sr_ynode_text(sr_ymap_get(e, "years"));
        c->years = y ? (size_t)atoi(y) : 1;
        if (c->years < 1)
            c->years = 1;
        if (c->years > SR_MAX_YEARS)
            c->years = SR_MAX_YEARS;
        const char *t = sr_ynode_text(sr_ymap_get(e, "transpose"));
        c->transpose = t && (!strcmp(t, "yes") || !strcmp(t, "true"));
        t = sr_ynode_text(sr_ymap_get(e, "sort"));
        c->sort = t && (!strcmp(t, "yes") || !strcmp(t, "true"));
        c->overall = sr_ynode_text(sr_ymap_get(e, "overall"));
        c->total = sr_ynode_text(sr_ymap_get(e, "total"));
        c->x_title = sr_ynode_text(sr_ymap_get(e, "x_title"));
        c->y_title = sr_ynode_text(sr_ymap_get(e, "y_title"));
        c->what = sr_ynode_text(sr_ymap_get(e, "what"));
        const sr_ynode *body = sr_ymap_get(e, "body");
        c->body = sr_ynode_text(body);
        c->body_loc = body ? sr_ynode_loc(body) : e->loc;
        c->width = atof(sr_ynode_text(sr_ymap_get(e, "width")));
        c->height = atof(sr_ynode_text(sr_ymap_get(e, "height")));
        check_metric(d, cat, sr_ymap_get(e, "metric"), c->metric);
        check_metric(d, cat, sr_ymap_get(e, "overall"), c->overall);
        check_metric(d, cat, sr_ymap_get(e, "total"), c->total);
        if (c->kind != SR_CHART_MATRIX && c->metric == NULL && c->nmetrics == 0) {
            sr_diag *g = sr_diag_add(d, SR_ERROR, e->loc,
                                     "the chart `%s` needs either `metric` or `metrics`", c->id);
            sr_diag_hint(g, "see docs/charts.md for what each kind of chart takes");
        } else if (c->kind != SR_CHART_MATRIX && c->metric && c->nmetrics) {
            sr_diag *g = sr_diag_add(d, SR_ERROR, e->loc,
                                     "the chart `%s` gives both `metric` and `metrics`", c->id);
            sr_diag_hint(g, "keep only one of them");
        } else if (c->kind == SR_CHART_MATRIX && (c->metric || c->nmetrics)) {
            sr_diag *g =
                sr_diag_add(d, SR_ERROR, e->loc,
                            "the matrix `%s` shows meeting attendance, not a metric", c->id);
            sr_diag_hint(g, "leave out `metric`; `body:` names the meetings (without it, there "
                            "is a chart for each body that met)");
        }
        if (c->kind == SR_CHART_COMPARE && c->metric) {
            sr_diag *g = sr_diag_add(d, SR_ERROR, e->loc,
                                     "the dot plot `%s` compares metrics one by one: it takes "
                                     "`metrics`, not `metric`",
                                     c->id);
            sr_diag_hint(g, "write `metrics: [%s]`", c->metric);
        }
        /* One axis, one unit: pounds, rates and counts side by side would
         * be read against the same scale. (Key figures are tiles, each
         * with its own number.) */
        if (c->kind != SR_CHART_KPI && c->kind != SR_CHART_MATRIX && c->nmetrics > 1) {
            const sr_metric_def *first = sr_catalogue_find(cat, c->metrics[0]);
            for (size_t j = 1; first && j < c->nmetrics; j++) {
                const sr_metric_def *other = sr_catalogue_find(cat, c->metrics[j]);
                if (!other || other->unit == first->unit)
                    continue;
                sr_diag *g = sr_diag_add(
                    d, SR_ERROR, e->loc,
                    "the chart `%s` puts metrics of different units on one axis: `%s` (%s) "
                    "and `%s` (%s)",
                    c->id, first->id, sr_unit_name(first->unit), other->id,
                    sr_unit_name(other->unit));
                sr_diag_hint(g, "give each unit a chart of its own, or use `kind: kpi` for key "
                                "figures of different units");
                break;
            }
        }
        if (c->width < 100 || c->height < 60) {
            sr_diag *g =
                sr_diag_add(d, SR_ERROR, e->loc, "the chart `%s` is too small to read", c->id);
            sr_diag_hint(g, "give at least 100 points of width and 60 of height");
        }
    }
    if (d->errors > before)
        return NULL;
    if (ds)
        for_bodies(a, d, s, ds);
    return d->errors > before ? NULL : s;
}

const char *sr_chart_caption(sr_arena *a, const sr_chart_spec *spec, const sr_metrics *m)
{
    const sr_metric *mt = spec->period_metric ? sr_metrics_find(m, spec->period_metric) : NULL;
    char p[128];
    if (!mt || !sr_metric_period(mt, 0, p, sizeof p))
        return spec->title;
    size_t tl = strlen(spec->title), pl = strlen(p);
    if (tl >= pl && strcmp(spec->title + tl - pl, p) == 0)
        return spec->title;
    return sr_arena_printf(a, "%s, %s", spec->title, p);
}

/* ---- building ------------------------------------------------------------------ */

static double display_value(const sr_mval *v, sr_unit u)
{
    double x = v->den ? (double)v->num / (double)v->den : 0;
    return u == SR_U_MONEY ? x / 100 : x;
}

static sr_chart_value value_of(sr_arena *a, const sr_metric *mt, const sr_mcell *c)
{
    char buf[64];
    sr_mval_format(&c->v, mt->def->unit, buf, sizeof buf);
    sr_chart_value v = {0};
    v.label = sr_arena_strdup(a, buf);
    v.missing = c->v.suppressed || c->v.avail != SR_AVAILABLE;
    v.v = v.missing ? 0 : display_value(&c->v, mt->def->unit);
    return v;
}

/* Years (indexes into m->years) shown, oldest first: those loaded that have
 * at least one value of the metrics named, up to want. */
static size_t pick_years(const sr_metrics *m, const sr_metric *const *mts, size_t nm, size_t want,
                         size_t *idx)
{
    size_t n = 0;
    for (size_t i = 0; i < m->nyears && n < want; i++) {
        if (!m->have[i])
            continue;
        bool any = false;
        for (size_t k = 0; k < nm && !any; k++)
            for (size_t r = 0; r < mts[k]->nrows && !any; r++)
                any = mts[k]->rows[r].cells[i].v.avail == SR_AVAILABLE;
        if (any || i == 0)
            idx[n++] = i;
    }
    /* oldest first */
    for (size_t i = 0; i < n / 2; i++) {
        size_t t = idx[i];
        idx[i] = idx[n - 1 - i];
        idx[n - 1 - i] = t;
    }
    return n;
}

static const char *year_name(sr_arena *a, int y)
{
    char b[16];
    sr_fmt_year(y, b, sizeof b);
    return sr_arena_strdup(a, b);
}

static const char *change_words(sr_arena *a, const sr_metrics *m, const char *id)
{
    const sr_metric *mt = id ? sr_metrics_find(m, id) : NULL;
    if (!mt || mt->nrows == 0)
        return NULL;
    sr_cmp c = sr_metric_compare(m, mt, &mt->rows[0], 0);
    char b[200];
    sr_cmp_words(&c, mt->def->unit, b, sizeof b);
    return sr_arena_strdup(a, b);
}

/* The breaks in the series the years shown span (years: indexes into
 * m->years, oldest first), in words, and with the years as categories where
 * each falls. A break declared in year j on its first day (1 April) stops
 * comparing j with the year before, so it lies between two years shown when
 * j is the later of them or a year between them that is not shown. A break
 * later in year j falls part-way through it, so that year mixes the series
 * before and after: the chart spans it when j is a year shown or between
 * them, the oldest shown included (it is what the next year is compared
 * with), and two years or more are shown. */
static void chart_breaks(sr_arena *a, sr_chart *ch, const sr_metrics *m,
                         const sr_metric *const *mts, size_t nm, const size_t *years, size_t ny,
                         bool transpose)
{
    sr_buf note = SR_BUF_INIT;
    bool *before = transpose ? sr_arena_alloc(a, (ny ? ny : 1) * sizeof *before) : NULL;
    bool any = false;
    for (size_t k = 1; k < ny; k++) {
        for (size_t q = 0; q < nm; q++) {
            const sr_metric *mt = mts[q];
            bool seen = false;
            for (size_t p = 0; p < q && !seen; p++)
                seen = mts[p] == mt;
            if (seen)
                continue;
            /* Years from the newer of the two to the older; the older only
             * for the oldest pair, so that each year is looked at once. */
            size_t last = k == 1 ? years[k - 1] : years[k - 1] - 1;
            for (size_t j = years[k]; j <= last; j++) {
                const sr_figure *d = mt->break_date[j];
                if (!d || d->v.avail != SR_AVAILABLE)
                    continue;
                bool partway = d->v.i > (int64_t)m->years[j] * 10000 + 401;
                if (!partway && j == years[k - 1])
                    continue; /* between the oldest shown and the year before it */
                char when[40], from[16], to[16], in[16];
                sr_fmt_date((int32_t)d->v.i, when, sizeof when);
                sr_fmt_year(m->years[years[k - 1]], from, sizeof from);
                sr_fmt_year(m->years[years[k]], to, sizeof to);
                sr_fmt_year(m->years[j], in, sizeof in);
                const sr_figure *r = mt->break_reason[j];
                const char *why = r && r->v.avail == SR_AVAILABLE && r->v.text
                                      ? r->v.text
                                      : "the years either side are not comparable";
                /* Which series, when the chart shows several metrics. */
                bool several = false;
                for (size_t p = 0; p < nm && !several; p++)
                    several = mts[p] != mt;
                const char *where = partway ? sr_arena_printf(a, "part-way through %s", in)
                                            : sr_arena_printf(a, "between %s and %s", from, to);
                char *one = sr_arena_printf(a, "Break in the series%s%s%s on %s, %s: %s%s",
                                            several ? " of " : "", several ? mt->def->label : "",
                                            several ? "," : "", when, where, why,
                                            why[0] && why[strlen(why) - 1] == '.' ? "" : ".");
                if (!strstr(sr_buf_str(&note), one))
                    sr_buf_printf(&note, "%s%s", note.len ? " " : "", one);
                /* A dashed line between the years; a year shown that the
                 * break falls in is said in words only (a line through its
                 * bar would cross the figures). */
                if (before && !(partway && (j == years[k] || j == years[k - 1])))
                    before[k] = true;
                any = true;
            }
        }
    }
    if (any) {
        ch->break_note = sr_arena_strdup(a, sr_buf_str(&note));
        ch->break_before = before;
    }
    sr_buf_free(&note);
}

static sr_chart *build_matrix(sr_arena *a, const sr_chart_spec *spec, const sr_metrics *m,
                              const sr_dataset *ds, sr_chart *ch)
{
    sr_attendance_tally t;
    sr_metrics_attendance(a, m && m->year0 ? m->year0 : ds->have[0], &t);
    /* Meetings of the body, in date order. */
    size_t *mix = sr_arena_alloc(a, (t.nmeetings + 1) * sizeof *mix);
    size_t nm = 0;
    for (size_t i = 0; spec->body && i < t.nmeetings; i++) {
        const sr_meeting *mt = &t.meetings[i];
        if (!mt->body || !same_body(mt->body, spec->body) || !mt->date_known)
            continue;
        size_t at = nm++;
        while (at > 0 && t.meetings[mix[at - 1]].date > mt->date) {
            mix[at] = mix[at - 1];
            at--;
        }
        mix[at] = i;
    }
    ch->nseries = nm;
    ch->series = sr_arena_alloc(a, (nm ? nm : 1) * sizeof *ch->series);
    const sr_partnership *p = ds->p;
    ch->categories = sr_arena_alloc(a, (p->npartners + 1) * sizeof *ch->categories);
    /* Members: partners named at any of the meetings, in partnership order. */
    size_t *rows = sr_arena_alloc(a, (p->npartners + 1) * sizeof *rows);
    for (size_t k = 0; k < p->npartners; k++) {
        bool named = false;
        sr_attendance how;
        for (size_t s = 0; s < nm && !named; s++)
            named = sr_attendance_of(&t, mix[s], p->partners[k].id, &how);
        if (named) {
            rows[ch->ncat] = k;
            const sr_partner *pt = &p->partners[k];
            ch->categories[ch->ncat++] = sr_partner_short_in(pt, ds->year0);
        }
    }
    for (size_t s = 0; s < nm; s++) {
        char when[40];
        sr_fmt_date(t.meetings[mix[s]].date, when, sizeof when);
        ch->series[s].name = sr_arena_strdup(a, when);
        ch->series[s].values =
            sr_arena_alloc(a, (ch->ncat ? ch->ncat : 1) * sizeof(sr_chart_value));
        for (size_t r = 0; r < ch->ncat; r++) {
            int st = SR_MATRIX_NONE;
            sr_attendance how;
            if (sr_attendance_of(&t, mix[s], p->partners[rows[r]].id, &how))
                st = (int)how;
            static const char *const words[] = {"attended", "apologies", "absent", "not recorded"};
            ch->series[s].values[r] = (sr_chart_value){st, words[st], false};
        }
    }
    return ch;
}

const char *sr_chart_bench_clause(sr_arena *a, const char *note, bool stop)
{
    char *n = sr_arena_strdup(a, note ? note : "");
    size_t len = strlen(n);
    while (len && (n[len - 1] == '.' || n[len - 1] == ' '))
        n[--len] = '\0';
    /* "Rates ..." -> "rates ...", but "February ..." and "DfE ..." stay. */
    bool name = false; /* a capital past the first letter of the first word: DfE, LAIT */
    for (size_t k = 1; n[0] && n[k] && n[k] != ' ' && !name; k++)
        name = isupper((unsigned char)n[k]);
    for (int mo = 1; mo <= 13 && !name; mo++) { /* a month, then England */
        const char *w = mo <= 12 ? sr_fmt_month_name(mo) : "England";
        name = strncmp(n, w, strlen(w)) == 0;
    }
    if (!name)
        n[0] = (char)tolower((unsigned char)n[0]);
    return stop ? sr_arena_printf(a, "%s.", n) : n;
}

const char *sr_chart_bench_sentence(sr_arena *a, const char *note)
{
    char *n = (char *)sr_chart_bench_clause(a, note, true);
    n[0] = (char)toupper((unsigned char)n[0]);
    return n;
}

const sr_bench_cmp *sr_chart_bench_find(const sr_chart_bench *b, const char *metric_id, int year)
{
    return b ? sr_bench_cmps_find(b->v, b->n, metric_id, year) : NULL;
}

bool sr_chart_bench_mapped(const sr_chart_bench *b, const char *metric_id)
{
    /* A metric with a comparison is mapped, whatever the spec says. */
    return b && (sr_bench_cmps_next(b->v, b->n, metric_id, NULL) ||
                 sr_bench_spec_maps(b->spec, metric_id));
}

const char *sr_chart_bench_own_break(const sr_bench_cmp *c)
{
    /* The year's own figures are from before the revision (bench.h's
     * pre_revision); a note on the year before beside them is not the
     * year's own. */
    return c && c->pre_revision && c->break_note && *c->break_note ? c->break_note : NULL;
}

static sr_chart_value bench_value(sr_arena *a, const sr_mval *v, const char *shown, bool figure)
{
    sr_chart_value r = {0};
    r.missing = !figure || v->avail != SR_AVAILABLE || v->suppressed || v->den == 0;
    r.v = r.missing ? 0 : (double)v->num / (double)v->den;
    r.label = sr_arena_strdup(a, shown ? shown : "[x]");
    return r;
}

/* "Children in need, reporting year 2025" for each publication and release
 * the comparisons draw on, once each, in the order first met. */
const char *sr_chart_bench_publication(sr_arena *a, const char *publication, const char *release)
{
    if (!release || !*release)
        return publication ? publication : "";
    char *r = sr_arena_strdup(a, release);
    r[0] = (char)g_ascii_tolower(r[0]);
    return sr_arena_printf(a, "%s, %s", publication ? publication : "", r);
}

static void add_source(sr_arena *a, sr_buf *b, const sr_bsource *s)
{
    if (!s || !s->file || !s->publication)
        return;
    const char *one = sr_chart_bench_publication(a, s->publication, s->release);
    if (!strstr(sr_buf_str(b), one))
        sr_buf_printf(b, "%s%s", b->len ? "; " : "", one);
}

/* The sources of a figure and of what it was worked out from. */
static void add_figure_sources(sr_arena *a, sr_buf *b, const sr_bfigure *f)
{
    add_source(a, b, &f->src);
    for (size_t k = 0; k < f->nparts; k++) {
        add_figure_sources(a, b, &f->parts[k]);
        if (f->weights)
            add_figure_sources(a, b, &f->weights[k]);
    }
}

const char *sr_chart_bench_month(sr_arena *a, const char *ym)
{
    int y, mo;
    char extra;
    if (sscanf(ym, "%4d-%2d%c", &y, &mo, &extra) == 2 && mo >= 1 && mo <= 12)
        return sr_arena_printf(a, "%s %d", sr_fmt_month_name(mo), y);
    return ym;
}

/* The dot plot: a row for each metric the DfE's files give for the year. */
static sr_chart *build_compare(sr_arena *a, const sr_chart_spec *spec, const sr_metrics *m,
                               const sr_dataset *ds, const sr_chart_bench *bench, sr_chart *ch)
{
    int year = m->years[0];
    const sr_bench_cmp **cs = sr_arena_alloc(a, (spec->nmetrics + 1) * sizeof *cs);
    size_t n = 0;
    /* A row the chart names but cannot draw is said, never dropped
     * silently: no table maps it, or no file gives the year. */
    sr_buf unmapped = SR_BUF_INIT, nofig = SR_BUF_INIT;
    for (size_t k = 0; k < spec->nmetrics; k++) {
        const sr_bench_cmp *c = sr_chart_bench_find(bench, spec->metrics[k], year);
        if (c) {
            cs[n++] = c;
            continue;
        }
        const sr_metric *mt = sr_metrics_find(m, spec->metrics[k]);
        sr_buf *w = sr_chart_bench_mapped(bench, spec->metrics[k]) ? &nofig : &unmapped;
        sr_buf_printf(w, "%s%s", w->len ? ", " : "", mt ? mt->def->label : spec->metrics[k]);
    }
    const char *area = n && cs[0]->area.name ? cs[0]->area.name : ds && ds->p ? ds->p->area : NULL;
    if (!area)
        area = "The area";
    if (strstr(ch->title, "{{area}}")) {
        char **parts = g_strsplit(ch->title, "{{area}}", -1);
        char *t = g_strjoinv(area, parts);
        ch->title = sr_arena_strdup(a, t);
        g_free(t);
        g_strfreev(parts);
    }
    ch->whole = false;
    ch->ncat = n;
    ch->categories = sr_arena_alloc(a, (n ? n : 1) * sizeof *ch->categories);
    ch->nseries = n ? 4 : 0;
    ch->series = sr_arena_alloc(a, 4 * sizeof *ch->series);
    const char *region = NULL;
    for (size_t i = 0; i < n && !region; i++)
        region = cs[i]->region.code ? cs[i]->region.name : NULL;
    ch->series[0].name = area;
    ch->series[1].name = "England";
    ch->series[2].name = region ? region : "Region";
    ch->series[3].name = "Statistical neighbours' average";
    for (size_t s = 0; s < 4; s++)
        ch->series[s].values = sr_arena_alloc(a, (n ? n : 1) * sizeof(sr_chart_value));
    sr_buf src = SR_BUF_INIT, brk = SR_BUF_INIT;
    const char *as_of = NULL, *from = NULL;
    for (size_t i = 0; i < n; i++) {
        const sr_bench_cmp *c = cs[i];
        const sr_metric *mt = sr_metrics_find(m, c->metric_id);
        ch->categories[i] = mt ? mt->def->label : c->metric_id;
        ch->series[0].values[i] =
            bench_value(a, &c->area.v, c->area.shown, c->area.sym == SR_BSYM_NONE);
        ch->series[1].values[i] =
            bench_value(a, &c->england.v, c->england.shown, c->england.sym == SR_BSYM_NONE);
        ch->series[2].values[i] =
            bench_value(a, &c->region.v, c->region.shown, c->region.sym == SR_BSYM_NONE);
        ch->series[3].values[i] =
            bench_value(a, &c->neighbours_mean, c->neighbours_mean_shown, c->nmean > 0);
        add_source(a, &src, &c->table);
        add_figure_sources(a, &src, &c->area);
        add_figure_sources(a, &src, &c->england);
        add_figure_sources(a, &src, &c->region);
        /* Only a note on the year's own figures: the chart shows one year,
         * so nothing is beside them. The note names its row. */
        if (sr_chart_bench_own_break(c)) {
            const sr_bsource *bs = &c->table;
            char y[16];
            sr_fmt_year(c->year, y, sizeof y);
            sr_buf_printf(&brk,
                          "%s%s: the Department for Education's rates for %s are from %s, "
                          "published before the February 2025 revision of rates (on population "
                          "estimates based on the 2021 census), so compare them with the other "
                          "rows with care.",
                          brk.len ? " " : "", ch->categories[i], y,
                          bs->release ? bs->release : "a release");
        }
        if (c->per_10000)
            sr_buf_printf(&brk,
                          "%s%s: worked out from the Department for Education's counts and its "
                          "estimates of the number of children aged 0 to 17, as it publishes no "
                          "rate.",
                          brk.len ? " " : "", ch->categories[i]);
        if (c->neighbours_as_of && !as_of) {
            as_of = c->neighbours_as_of;
            from = c->neighbours_source;
        }
    }
    if (src.len || as_of) {
        sr_buf w = SR_BUF_INIT;
        if (src.len)
            sr_buf_printf(&w, "Source: Department for Education, %s.", sr_buf_str(&src));
        if (as_of)
            sr_buf_printf(&w, "%sStatistical neighbours: the list of %s%s%s.", w.len ? " " : "",
                          sr_chart_bench_month(a, as_of), from ? ", from the " : "",
                          from ? from : "");
        ch->source = sr_arena_strdup(a, sr_buf_str(&w));
        sr_buf_free(&w);
    }
    if (n && cs[0]->area.how == SR_BHOW_COMBINED)
        sr_buf_printf(&brk,
                      "%s%s: its %zu local authorities together (counts added, rates weighted by "
                      "their numbers of children).",
                      brk.len ? " " : "", area, cs[0]->area.nparts);
    char y[16];
    sr_fmt_year(year, y, sizeof y);
    if (n && nofig.len)
        sr_buf_printf(&brk,
                      "%sNot shown: %s (the Department for Education's files in the "
                      "benchmarks folder give no figure for %s).",
                      brk.len ? " " : "", sr_buf_str(&nofig), y);
    if (n && unmapped.len)
        sr_buf_printf(&brk,
                      "%sNot shown: %s (none of the Department for Education's tables "
                      "read for this report gives it).",
                      brk.len ? " " : "", sr_buf_str(&unmapped));
    if (brk.len)
        ch->break_note = sr_arena_strdup(a, sr_buf_str(&brk));
    sr_buf_free(&src);
    sr_buf_free(&brk);
    sr_buf_free(&unmapped);
    sr_buf_free(&nofig);
    return ch;
}

sr_chart *sr_chart_build(sr_arena *a, const sr_chart_spec *spec, const sr_metrics *m,
                         const sr_dataset *ds, const sr_chart_bench *bench)
{
    sr_chart *ch = sr_arena_alloc(a, sizeof *ch);
    ch->kind = spec->kind;
    ch->id = spec->id;
    ch->title = sr_chart_caption(a, spec, m);
    ch->x_title = spec->x_title;
    ch->y_title = spec->y_title;
    ch->what = spec->what;
    ch->sort = spec->sort;
    ch->change = change_words(a, m, spec->overall);
    if (spec->kind == SR_CHART_MATRIX)
        return build_matrix(a, spec, m, ds, ch);
    if (spec->kind == SR_CHART_COMPARE)
        return build_compare(a, spec, m, ds, bench, ch);

    const sr_metric **mts = sr_arena_alloc(a, (spec->nmetrics + 1) * sizeof *mts);
    size_t nm = 0;
    if (spec->metric) {
        mts[nm++] = sr_metrics_find(m, spec->metric);
    } else {
        for (size_t k = 0; k < spec->nmetrics; k++)
            mts[nm++] = sr_metrics_find(m, spec->metrics[k]);
    }
    for (size_t k = 0; k < nm; k++)
        if (!mts[k])
            return NULL;
    ch->whole = true;
    for (size_t k = 0; k < nm; k++)
        ch->whole &= mts[k]->def->unit == SR_U_COUNT;
    size_t years[SR_MAX_YEARS];
    size_t ny = pick_years(m, mts, nm, spec->kind == SR_CHART_KPI ? 1 : spec->years, years);

    /* Rows: a metric's rows, or one per metric. */
    size_t nrows = spec->metric ? mts[0]->nrows : nm;
    const sr_metric **rm = sr_arena_alloc(a, (nrows ? nrows : 1) * sizeof *rm);
    const sr_mrow **rr = sr_arena_alloc(a, (nrows ? nrows : 1) * sizeof *rr);
    const char **rl = sr_arena_alloc(a, (nrows ? nrows : 1) * sizeof *rl);
    size_t kept = 0;
    for (size_t r = 0; r < nrows; r++) {
        rm[kept] = spec->metric ? mts[0] : mts[r];
        rr[kept] = spec->metric ? &mts[0]->rows[r] : &mts[r]->rows[0];
        rl[kept] = spec->metric && mts[0]->def->each ? rr[kept]->label : rm[kept]->def->label;
        /* A chart shows what exists in the years it draws: an entry no
         * submission names in any of them (a grant, a line or a course of
         * another year only) is left out, not shown as missing. */
        bool named = !(spec->metric && mts[0]->def->each);
        for (size_t i = 0; i < ny && !named; i++)
            named = rr[kept]->cells[years[i]].ninputs > 0;
        if (named)
            kept++;
    }
    nrows = kept;
    if (spec->kind == SR_CHART_KPI) {
        ch->ncat = nrows;
        ch->categories = rl;
        ch->nseries = 1;
        ch->series = sr_arena_alloc(a, sizeof *ch->series);
        ch->series[0].name = year_name(a, m->years[0]);
        ch->series[0].values = sr_arena_alloc(a, (nrows ? nrows : 1) * sizeof(sr_chart_value));
        ch->notes = sr_arena_alloc(a, (nrows ? nrows : 1) * sizeof *ch->notes);
        ch->before = sr_arena_alloc(a, (nrows ? nrows : 1) * sizeof *ch->before);
        for (size_t r = 0; r < nrows; r++) {
            ch->series[0].values[r] = value_of(a, rm[r], &rr[r]->cells[0]);
            sr_cmp c = sr_metric_compare(m, rm[r], rr[r], 0);
            char w[200], pv[64];
            sr_cmp_words(&c, rm[r]->def->unit, w, sizeof w);
            ch->notes[r] = sr_arena_strdup(a, w);
            sr_mval_format(&c.prev, rm[r]->def->unit, pv, sizeof pv);
            ch->before[r] = sr_arena_printf(a, "%s: %s", year_name(a, c.prev_year), pv);
        }
        return ch;
    }
    if (spec->transpose) {
        ch->ncat = ny;
        ch->categories = sr_arena_alloc(a, (ny ? ny : 1) * sizeof *ch->categories);
        for (size_t i = 0; i < ny; i++)
            ch->categories[i] = year_name(a, m->years[years[i]]);
        ch->nseries = nrows;
        ch->series = sr_arena_alloc(a, (nrows ? nrows : 1) * sizeof *ch->series);
        for (size_t r = 0; r < nrows; r++) {
            ch->series[r].name = rl[r];
            ch->series[r].values = sr_arena_alloc(a, (ny ? ny : 1) * sizeof(sr_chart_value));
            for (size_t i = 0; i < ny; i++)
                ch->series[r].values[i] = value_of(a, rm[r], &rr[r]->cells[years[i]]);
        }
        /* A stacked bar's total is the one the data states (the `total`
         * metric, or `overall`), hidden parts included: never the sum of the
         * parts that are shown. */
        const char *tid = spec->total ? spec->total : spec->overall;
        const sr_metric *tm = tid ? sr_metrics_find(m, tid) : NULL;
        if (spec->kind == SR_CHART_STACKED_BAR && tm && tm->nrows == 1) {
            sr_chart_value *tv = sr_arena_alloc(a, (ny ? ny : 1) * sizeof *tv);
            for (size_t i = 0; i < ny; i++)
                tv[i] = value_of(a, tm, &tm->rows[0].cells[years[i]]);
            ch->totals = tv;
        }
    } else {
        ch->ncat = nrows;
        ch->categories = rl;
        ch->nseries = ny;
        ch->series = sr_arena_alloc(a, (ny ? ny : 1) * sizeof *ch->series);
        for (size_t i = 0; i < ny; i++) {
            ch->series[i].name = year_name(a, m->years[years[i]]);
            ch->series[i].values = sr_arena_alloc(a, (nrows ? nrows : 1) * sizeof(sr_chart_value));
            for (size_t r = 0; r < nrows; r++)
                ch->series[i].values[r] = value_of(a, rm[r], &rr[r]->cells[years[i]]);
        }
    }
    /* Rows of one metric or several: the breaks of each. */
    chart_breaks(a, ch, m, rm, nrows, years, ny, spec->transpose);
    if (spec->total && spec->kind == SR_CHART_DONUT) {
        const sr_metric *t = sr_metrics_find(m, spec->total);
        if (t && t->nrows) {
            char b[64];
            sr_mval_format(&t->rows[0].cells[0].v, t->def->unit, b, sizeof b);
            ch->total = sr_arena_strdup(a, b);
            /* The whole, hidden parts included: what the shares are of. */
            sr_chart_value *tv = sr_arena_alloc(a, sizeof *tv);
            *tv = value_of(a, t, &t->rows[0].cells[0]);
            ch->totals = tv;
        }
    }
    return ch;
}
