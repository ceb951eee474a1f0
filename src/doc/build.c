
/* TEMPORARY (this commit only): the builder is being rewritten for the new
 * tree; these definitions let the rest of the program compile. */
#include "doc/build.h"
#include <string.h>
sr_document *sr_doc_build(sr_arena *a, sr_diags *d, const sr_doc_options *o, const sr_dataset *ds,
                          const sr_catalogue *cat, const sr_metrics *m, const sr_chart_specs *specs)
{
    (void)a, (void)o, (void)ds, (void)cat, (void)m, (void)specs;
    sr_diag_add(d, SR_ERROR, (sr_loc){0}, "the document builder is being rewritten");
    return NULL;
}
bool sr_doc_left_out(const sr_document *doc, const char *sid)
{
    for (size_t i = 0; i < doc->nleft_out; i++)
        if (strcmp(doc->left_out[i], sid) == 0)
            return true;
    return false;
}
size_t sr_doc_contributions_check(sr_diags *d, const sr_document *doc, bool needs, bool final)
{
    (void)d, (void)doc, (void)needs, (void)final;
    return 0;
}
bool sr_doc_sections(sr_arena *a, sr_diags *d, const char *t, const char *dd, sr_doc_section_info **out, size_t *n)
{
    (void)a, (void)d, (void)t, (void)dd, (void)out, (void)n;
    return false;
}
const char *sr_doc_fill(sr_arena *a, sr_diags *d, const sr_source *src, unsigned first_line,
                        const char *text, const sr_metrics *m, const sr_dataset *ds, bool final)
{
    (void)a, (void)d, (void)src, (void)first_line, (void)m, (void)ds, (void)final;
    return text;
}

#if 0 /* the builder before the new tree: helper reference */
/* build: building the document tree, see build.h. */
#include "doc/build.h"

#include "chart/palette.h"
#include "core/buf.h"
#include "core/fmt.h"
#include "core/fsutil.h"
#include "data/guidance.h"
#include "data/loader.h"
#include "data/overlay.h"
#include "data/schema.h"
#include "data/signoff.h"

#include <cmark.h>
#include <ctype.h>
#include <glib.h>
#include <stdlib.h>
#include <string.h>

/* ---- the template --------------------------------------------------------------- */

static const sr_schema texts_t = {.kind = SR_S_LIST, .item = &sr_s_text};
static const sr_schema size_t_ = {.kind = SR_S_ENUM, .values = (const char *const[]){"A4", NULL}};
static const sr_schema orient_t = {.kind = SR_S_ENUM,
                                   .values = (const char *const[]){"portrait", "landscape", NULL}};
static const sr_schema page_t = {
    .kind = SR_S_MAP,
    .what = "the page setup",
    .fields =
        (const sr_field[]){
            {"size", &size_t_, 0, "A4"},
            {"orientation", &orient_t, 0, "portrait (default) or landscape"},
            {0},
        },
};
static const sr_schema style_t = {
    .kind = SR_S_MAP,
    .what = "the style",
    .fields =
        (const sr_field[]){
            {"font", &sr_s_text, 0, "the font family, from the fonts folder (default Open Sans)"},
            {"accent", &sr_s_text, 0,
             "the colour of headings and the cover title, as #RRGGBB; at least 4.5:1 against "
             "white"},
            {0},
        },
};

static const sr_schema section_t = {
    .kind = SR_S_MAP,
    .what = "a section",
    .identity = (const char *const[]){"id", NULL},
    .fields =
        (const sr_field[]){
            {"id", &sr_s_id, SR_REQUIRED,
             "the section's id, used in links and the statutory check"},
            {"title", &sr_s_text, SR_REQUIRED, "its heading; placeholders allowed"},
            {"narrative", &sr_s_text, 0, "the Markdown file in data/<year>/narrative/ it takes"},
            {"blocks", &texts_t, 0, "data blocks after the narrative: \"chart ID\", \"table ID\""},
            {"optional", &sr_s_bool, 0,
             "yes: left out of the report, without a warning, when it has no words"},
            {0},
        },
};
static const sr_schema sections_t = {.kind = SR_S_LIST, .item = &section_t};
static const sr_schema idents_t = {.kind = SR_S_LIST, .item = &sr_s_id};
/* `statutory:` maps a duty id of the guidance edition to the sections that
 * meet it; the duty's words come from the edition. */
static const sr_schema duties_t = {.kind = SR_S_DICT, .dict_key = SR_S_TEXT, .item = &idents_t};
static const sr_schema report_t = {
    .kind = SR_S_MAP,
    .what = "the report template",
    .fields =
        (const sr_field[]){
            {"format", &sr_s_format, SR_REQUIRED, "write 1"},
            {"title", &sr_s_text, SR_REQUIRED, "the report's title; placeholders allowed"},
            {"subject", &sr_s_text, 0, "the PDF's subject"},
            {"keywords", &texts_t, 0, "the PDF's keywords"},
            {"language", &sr_s_text, 0, "the language, en-GB by default"},
            {"page", &page_t, 0, "the page setup"},
            {"style", &style_t, 0, "the font and the accent colour"},
            {"sections", &sections_t, SR_REQUIRED, "the sections in order"},
            {"statutory", &duties_t, 0,
             "for each duty of the statutory guidance, the sections that meet it"},
            {0},
        },
};

/* A partnership's own report.yaml (in data/templates/) changes sections by
 * id, field by field, and may place a new one `after:` another. */
static const sr_overlay_list layered_lists[] = {
    {"sections", "id", true, true, "section"},
    {0},
};

static sr_ynode *load_template(sr_arena *a, sr_diags *d, const char *templates_dir,
                               const char *data_dir, const sr_source **src)
{
    sr_ynode *root =
        sr_load_template_file(a, d, templates_dir, data_dir, "report.yaml", layered_lists, src);
    if (!root)
        return NULL;
    const sr_ynode *st = sr_ymap_get(root, "statutory");
    if (st && st->kind == SR_Y_SEQ) {
        /* The form before the duties' words moved into the guidance
         * editions: a list of {duty, text, sections}. */
        sr_diag_hint(sr_diag_add(d, SR_ERROR, sr_ynode_loc(sr_ymap_key(root, "statutory")),
                                 "`statutory:` is a list of duties with their words; the words "
                                 "now come from the guidance edition"),
                     "write one line per duty id with the sections that meet it, such as "
                     "`reviews: [reviews]`; the duties and their ids are in the edition files in "
                     "guidance/ beside report.yaml");
        return NULL;
    }
    if (!sr_schema_check_file(a, d, *src, &report_t, root))
        return NULL;
    /* A narrative is a file of the year's narrative folder, named plainly:
     * never a path to somewhere else. */
    bool ok = true;
    const sr_ynode *secs = sr_ymap_get(root, "sections");
    for (size_t i = 0; secs && i < secs->n; i++) {
        const sr_ynode *nf = sr_ymap_get(secs->items[i], "narrative");
        const char *file = sr_ynode_text(nf);
        if (file && (strchr(file, '/') || strchr(file, '\\') || file[0] == '.' || !*file)) {
            sr_diag_hint(sr_diag_add(d, SR_ERROR, sr_ynode_loc(nf),
                                     "`%s` is not a plain file name in the narrative folder", file),
                         "write the name of a file in data/<year>/narrative/, such as "
                         "finance.md, with no folder before it");
            ok = false;
        }
    }
    return ok ? root : NULL;
}

static bool yes(const sr_ynode *n)
{
    const char *t = sr_ynode_text(n);
    return t && (strcmp(t, "yes") == 0 || strcmp(t, "true") == 0);
}

/* ---- placeholders ------------------------------------------------------------------ */

typedef struct {
    sr_arena *a;
    sr_diags *d;
    const sr_dataset *ds;
    const sr_catalogue *cat;
    const sr_metrics *m;
    const sr_chart_specs *specs;
    const sr_doc_options *o;
    sr_document *doc;
} builder;

static const char *year_str(sr_arena *a, int y)
{
    char b[16];
    sr_fmt_year(y, b, sizeof b);
    return sr_arena_strdup(a, b);
}

/* The replacement for one placeholder, or NULL if it is not known. With
 * {{value:ID}} of a figure that is not available, *missing is set: the
 * text reads "not available", and the caller says so. */
static const char *placeholder(sr_arena *a, const char *name, const sr_metrics *m,
                               const sr_dataset *ds, bool *missing)
{
    *missing = false;
    if (strcmp(name, "year") == 0)
        return year_str(a, ds->year0);
    if (strcmp(name, "previous-year") == 0)
        return year_str(a, ds->year0 - 1);
    if (strcmp(name, "partnership") == 0)
        return ds->p->name;
    if (strcmp(name, "area") == 0)
        return ds->p->area;
    const char *colon = strchr(name, ':');
    if (!colon)
        return NULL;
    const sr_metric *mt = sr_metrics_find(m, colon + 1);
    if (!mt || mt->def->each || mt->nrows != 1)
        return NULL;
    size_t kind = (size_t)(colon - name);
    char buf[256];
    sr_cmp c = sr_metric_compare(m, mt, &mt->rows[0], 0);
    if (kind == 5 && strncmp(name, "value", 5) == 0) {
        const sr_mval *v = &mt->rows[0].cells[0].v;
        *missing = !v->suppressed && v->avail == SR_NOT_AVAILABLE;
        sr_mcell_words(&mt->rows[0].cells[0], mt->def->unit, buf, sizeof buf);
    } else if (kind == 8 && strncmp(name, "previous", 8) == 0)
        sr_mval_format(&c.prev, mt->def->unit, buf, sizeof buf);
    else if (kind == 6 && strncmp(name, "change", 6) == 0)
        sr_cmp_words(&c, mt->def->unit, buf, sizeof buf);
    else
        return NULL;
    return sr_arena_strdup(a, buf);
}

const char *sr_doc_fill(sr_arena *a, sr_diags *d, const sr_source *src, unsigned first_line,
                        const char *text, const sr_metrics *m, const sr_dataset *ds, bool final)
{
    if (!strstr(text, "{{"))
        return text;
    sr_buf out = SR_BUF_INIT;
    unsigned line = first_line, col = 1;
    const char *p = text;
    while (*p) {
        if (p[0] == '{' && p[1] == '{') {
            const char *end = strstr(p + 2, "}}");
            size_t len = end ? (size_t)(end - p - 2) : 0;
            if (end && len < 120 && !memchr(p + 2, '\n', len)) {
                char *name = sr_arena_strndup(a, p + 2, len);
                g_strstrip(name);
                bool missing;
                const char *r = placeholder(a, name, m, ds, &missing);
                if (r && missing) {
                    /* "came to not available" is no sentence to publish. */
                    sr_diag *g = sr_diag_add(d, final ? SR_ERROR : SR_WARNING,
                                             (sr_loc){src, line, col, (unsigned)len + 4},
                                             "`{{%s}}` is a figure that is not available: the "
                                             "text reads \"not available\"",
                                             name);
                    sr_diag_hint(g,
                                 "send the figure (`sscp-report explain %s %s` shows what "
                                 "it is worked out from), or reword the sentence without it",
                                 ds ? year_str(a, ds->year0) : "YEAR", strchr(name, ':') + 1);
                }
                if (r) {
                    sr_buf_puts(&out, r);
                } else {
                    sr_diag *g = sr_diag_add(d, final ? SR_ERROR : SR_WARNING,
                                             (sr_loc){src, line, col, (unsigned)len + 4},
                                             "unknown placeholder `{{%s}}`", name);
                    sr_diag_hint(g, "use {{value:ID}}, {{previous:ID}} or {{change:ID}} with "
                                    "the id of a single-valued metric in metrics.yaml, or "
                                    "{{year}}, {{previous-year}}, {{partnership}}, {{area}}");
                    sr_buf_printf(&out, "[?%s]", name);
                }
                col += (unsigned)len + 4;
                p = end + 2;
                continue;
            }
        }
        if (*p == '\n') {
            line++;
            col = 1;
        } else if (((unsigned char)*p & 0xC0) != 0x80) {
            col++;
        }
        sr_buf_putc(&out, *p++);
    }
    const char *r = sr_arena_strdup(a, sr_buf_str(&out));
    sr_buf_free(&out);
    return r;
}

/* ---- nodes ------------------------------------------------------------------------- */

static sr_dnode *node(builder *b, sr_dkind k)
{
    sr_dnode *n = sr_arena_alloc(b->a, sizeof *n);
    n->kind = k;
    return n;
}

static void add(sr_arena *a, sr_dnode *parent, sr_dnode *kid)
{
    sr_dnode **v = sr_arena_alloc(a, (parent->nkids + 1) * sizeof *v);
    if (parent->nkids)
        memcpy(v, parent->kids, parent->nkids * sizeof *v);
    v[parent->nkids++] = kid;
    parent->kids = v;
}

static void escaped(sr_buf *b, const char *s)
{
    char *e = g_markup_escape_text(s, -1);
    sr_buf_puts(b, e);
    g_free(e);
}

/* Plain text as Pango markup, in a. */
static const char *markup_of(sr_arena *a, const char *text)
{
    char *e = g_markup_escape_text(text, -1);
    const char *m = sr_arena_strdup(a, e);
    g_free(e);
    return m;
}

/* A node of plain text (a note, or a paragraph the tool writes itself). */
static sr_dnode *plain_node(builder *b, sr_dkind k, const char *text)
{
    sr_dnode *n = node(b, k);
    n->text = text;
    n->markup = markup_of(b->a, text);
    return n;
}

/* Inline content as Pango markup; partner text is always escaped. Links are
 * written "text (address)" so the address survives on paper. */
static void inlines(cmark_node *n, sr_buf *mk, sr_buf *plain)
{
    for (cmark_node *c = cmark_node_first_child(n); c; c = cmark_node_next(c)) {
        switch (cmark_node_get_type(c)) {
        case CMARK_NODE_TEXT:
        case CMARK_NODE_HTML_INLINE: /* shown as text: never interpreted */
            escaped(mk, cmark_node_get_literal(c));
            sr_buf_puts(plain, cmark_node_get_literal(c));
            break;
        case CMARK_NODE_CODE:
            sr_buf_puts(mk, "<tt>");
            escaped(mk, cmark_node_get_literal(c));
            sr_buf_puts(mk, "</tt>");
            sr_buf_puts(plain, cmark_node_get_literal(c));
            break;
        case CMARK_NODE_SOFTBREAK:
            sr_buf_putc(mk, ' ');
            sr_buf_putc(plain, ' ');
            break;
        case CMARK_NODE_LINEBREAK:
            sr_buf_putc(mk, '\n');
            sr_buf_putc(plain, ' ');
            break;
        case CMARK_NODE_EMPH:
            sr_buf_puts(mk, "<i>");
            inlines(c, mk, plain);
            sr_buf_puts(mk, "</i>");
            break;
        case CMARK_NODE_STRONG:
            sr_buf_puts(mk, "<b>");
            inlines(c, mk, plain);
            sr_buf_puts(mk, "</b>");
            break;
        case CMARK_NODE_LINK: {
            sr_buf sub = SR_BUF_INIT, subp = SR_BUF_INIT;
            inlines(c, &sub, &subp);
            sr_buf_puts(mk, sr_buf_str(&sub));
            sr_buf_puts(plain, sr_buf_str(&subp));
            const char *url = cmark_node_get_url(c);
            /* Only web and mail addresses are shown; anything else (such as
             * javascript:) is dropped. */
            if (url &&
                (strncmp(url, "https://", 8) == 0 || strncmp(url, "http://", 7) == 0 ||
                 strncmp(url, "mailto:", 7) == 0) &&
                strcmp(url + (url[0] == 'm' ? 7 : 0), sr_buf_str(&subp)) != 0) {
                sr_buf_puts(mk, " (");
                escaped(mk, url[0] == 'm' ? url + 7 : url);
                sr_buf_puts(mk, ")");
            }
            sr_buf_free(&sub);
            sr_buf_free(&subp);
            break;
        }
        case CMARK_NODE_IMAGE: /* images are not part of a narrative: keep their words */
            inlines(c, mk, plain);
            break;
        default:
            inlines(c, mk, plain);
        }
    }
}

static sr_dnode *text_node(builder *b, sr_dkind k, cmark_node *n)
{
    sr_buf mk = SR_BUF_INIT, plain = SR_BUF_INIT;
    inlines(n, &mk, &plain);
    sr_dnode *d = node(b, k);
    d->markup = sr_arena_strdup(b->a, sr_buf_str(&mk));
    d->text = sr_arena_strdup(b->a, sr_buf_str(&plain));
    sr_buf_free(&mk);
    sr_buf_free(&plain);
    return d;
}

static void block(builder *b, sr_dnode *into, const char *spec, sr_loc at);

static void blocks(builder *b, cmark_node *parent, sr_dnode *into, const sr_source *src,
                   unsigned base_line)
{
    for (cmark_node *c = cmark_node_first_child(parent); c; c = cmark_node_next(c)) {
        unsigned line = base_line + (unsigned)cmark_node_get_start_line(c) - 1;
        switch (cmark_node_get_type(c)) {
        case CMARK_NODE_PARAGRAPH:
            add(b->a, into, text_node(b, SR_D_PARAGRAPH, c));
            break;
        case CMARK_NODE_HEADING: {
            sr_dnode *h = text_node(b, SR_D_HEADING, c);
            int lv = cmark_node_get_heading_level(c);
            h->level = lv <= 2 ? 2 : 3; /* `#` is the section's own title */
            add(b->a, into, h);
            break;
        }
        case CMARK_NODE_LIST: {
            sr_dnode *l = node(b, SR_D_LIST);
            l->ordered = cmark_node_get_list_type(c) == CMARK_ORDERED_LIST;
            for (cmark_node *it = cmark_node_first_child(c); it; it = cmark_node_next(it)) {
                sr_dnode *item = node(b, SR_D_ITEM);
                blocks(b, it, item, src, base_line);
                add(b->a, l, item);
            }
            add(b->a, into, l);
            break;
        }
        case CMARK_NODE_BLOCK_QUOTE: {
            sr_dnode *q = node(b, SR_D_QUOTE);
            blocks(b, c, q, src, base_line);
            add(b->a, into, q);
            break;
        }
        case CMARK_NODE_CODE_BLOCK: {
            const char *info = cmark_node_get_fence_info(c);
            if (info && (strncmp(info, "chart ", 6) == 0 || strncmp(info, "table ", 6) == 0 ||
                         strcmp(info, "lead-partners") == 0 || strcmp(info, "sign-off") == 0)) {
                block(b, into, info, (sr_loc){src, line, 1, 3});
                break;
            }
            sr_dnode *p = node(b, SR_D_PARAGRAPH);
            sr_buf mk = SR_BUF_INIT;
            sr_buf_puts(&mk, "<tt>");
            escaped(&mk, cmark_node_get_literal(c));
            sr_buf_puts(&mk, "</tt>");
            p->markup = sr_arena_strdup(b->a, sr_buf_str(&mk));
            p->text = cmark_node_get_literal(c);
            sr_buf_free(&mk);
            add(b->a, into, p);
            break;
        }
        case CMARK_NODE_HTML_BLOCK: {
            /* Raw HTML is not interpreted anywhere: shown as text. */
            sr_dnode *p = node(b, SR_D_PARAGRAPH);
            sr_buf mk = SR_BUF_INIT;
            escaped(&mk, cmark_node_get_literal(c));
            p->markup = sr_arena_strdup(b->a, sr_buf_str(&mk));
            p->text = cmark_node_get_literal(c);
            sr_buf_free(&mk);
            add(b->a, into, p);
            break;
        }
        default:
            break;
        }
    }
}

/* ---- data blocks ---------------------------------------------------------------------- */

static const char *fmt_cell(sr_arena *a, const sr_mval *v, sr_unit u)
{
    char b[64];
    sr_mval_format(v, u, b, sizeof b);
    return sr_arena_strdup(a, b);
}

static sr_dtable *metric_table(builder *b, const sr_metric *mt)
{
    const sr_metrics *m = b->m;
    sr_dtable *t = sr_arena_alloc(b->a, sizeof *t);
    char period[128];
    t->caption = sr_metric_period(mt, 0, period, sizeof period)
                     ? sr_arena_printf(b->a, "%s, %s", mt->def->label, period)
                     : mt->def->label;
    t->ncols = 5;
    t->head = sr_arena_alloc(b->a, 5 * sizeof *t->head);
    t->head[0] = mt->def->each ? "" : "Figure";
    t->head[1] = year_str(b->a, m->years[0] - 1);
    t->head[2] = year_str(b->a, m->years[0]);
    t->head[3] = "Change";
    t->head[4] = "Change (%)";
    t->numeric = sr_arena_alloc(b->a, 5 * sizeof *t->numeric);
    for (int i = 1; i < 5; i++)
        t->numeric[i] = true;
    t->cells = sr_arena_alloc(b->a, (mt->nrows ? mt->nrows : 1) * 5 * sizeof *t->cells);
    bool broken = false;
    const char *period_note = NULL; /* why periods of different length are not compared */
    sr_cmp brk = {0};               /* the first comparison a break stops */
    for (size_t r = 0; r < mt->nrows; r++) {
        const sr_mrow *row = &mt->rows[r];
        /* A row with no figure in either year (a measure not sent) is left
         * out, as in the summary, rather than shown as [x] twice. */
        if (!sr_metric_row_shown(m, mt, row, 0))
            continue;
        sr_cmp c = sr_metric_compare(m, mt, row, 0);
        char d[64], p[64];
        sr_cmp_diff(&c, mt->def->unit, d, sizeof d);
        sr_cmp_percent(&c, p, sizeof p);
        const char **cell = &t->cells[t->nrows++ * 5];
        cell[0] = mt->def->each ? row->label : mt->def->label;
        /* A stated baseline is not the year before: the change says its year. */
        sr_mval before = sr_metric_year_before(m, row);
        cell[1] = fmt_cell(b->a, c.from_baseline ? &before : &c.prev, mt->def->unit);
        cell[2] = fmt_cell(b->a, &row->cells[0].v, mt->def->unit);
        char w[200];
        if (c.from_baseline)
            sr_cmp_words(&c, mt->def->unit, w, sizeof w);
        cell[3] = sr_arena_strdup(b->a, c.from_baseline ? w : d);
        cell[4] = sr_arena_strdup(b->a, p);
        if (c.status == SR_CMP_BREAK && !broken) {
            broken = true;
            brk = c;
        }
        if (c.status == SR_CMP_PERIOD && !period_note) {
            char why[400];
            sr_cmp_words(&c, mt->def->unit, why, sizeof why);
            why[0] = (char)toupper((unsigned char)why[0]);
            period_note = sr_arena_printf(b->a, "%s.", why);
        }
    }
    if (period_note)
        t->note = period_note;
    if (broken && brk.break_reason && !brk.break_earlier) {
        char when[40];
        sr_fmt_date((int32_t)brk.break_date->v.i, when, sizeof when);
        t->note = sr_arena_printf(b->a,
                                  "Not compared with earlier years: the series was broken "
                                  "on %s (%s).",
                                  when, brk.break_reason->v.text);
    } else if (broken && brk.break_reason) {
        char w[400];
        sr_cmp_words(&brk, mt->def->unit, w, sizeof w);
        w[0] = (char)toupper((unsigned char)w[0]);
        t->note = sr_arena_printf(b->a, "%s (%s).", w, brk.break_reason->v.text);
    }
    return t;
}

/* Every single-valued metric of the catalogue (local: every local measure
 * instead): the year before, this year, the change. */
static sr_dtable *summary_table(builder *b, bool local)
{
    const sr_metrics *m = b->m;
    sr_dtable *t = sr_arena_alloc(b->a, sizeof *t);
    t->caption = local ? "Local measures" : "Year-on-year summary";
    t->ncols = 4;
    t->head = sr_arena_alloc(b->a, 4 * sizeof *t->head);
    t->head[0] = local ? "Measure" : "Figure";
    t->head[1] = year_str(b->a, m->years[0] - 1);
    t->head[2] = year_str(b->a, m->years[0]);
    t->head[3] = "Change";
    t->numeric = sr_arena_alloc(b->a, 4 * sizeof *t->numeric);
    t->numeric[1] = t->numeric[2] = true;
    t->cells = sr_arena_alloc(b->a, (m->nmetrics ? m->nmetrics : 1) * 4 * sizeof *t->cells);
    for (size_t k = 0; k < m->nmetrics; k++) {
        const sr_metric *mt = &m->metrics[k];
        if (mt->def->each || mt->nrows != 1 || mt->def->local != local ||
            !sr_metric_row_shown(m, mt, &mt->rows[0], 0))
            continue;
        sr_cmp c = sr_metric_compare(m, mt, &mt->rows[0], 0);
        char w[200];
        sr_cmp_words(&c, mt->def->unit, w, sizeof w);
        const char **cell = &t->cells[t->nrows++ * 4];
        char period[128];
        cell[0] = sr_metric_period(mt, 0, period, sizeof period)
                      ? sr_arena_printf(b->a, "%s (%s)", mt->def->label, period)
                      : mt->def->label;
        sr_mval before = sr_metric_year_before(m, &mt->rows[0]);
        cell[1] = fmt_cell(b->a, &before, mt->def->unit);
        cell[2] = fmt_cell(b->a, &mt->rows[0].cells[0].v, mt->def->unit);
        cell[3] = sr_arena_strdup(b->a, w);
    }
    t->note = "[x] not available, [z] not applicable, [c] hidden to protect small numbers.";
    return t;
}

/* The lead safeguarding partners (partnership.yaml `lead_partners`): the
 * partner, its lead and its delegated safeguarding partner. NULL when the
 * partnership names none, or when the year's edition does not ask for
 * their sign-off and the year has no sign-off record (lead_partners is not
 * kept by year: a year under an earlier edition had none). */
static sr_dtable *lead_partners_table(builder *b)
{
    const sr_partnership *p = b->ds->p;
    if (!p->nlead_partners)
        return NULL;
    if (!(b->doc->guidance && b->doc->guidance->needs_sign_off)) {
        sr_sign_off so;
        sr_sign_off_read(b->a, b->ds->have[0], &so);
        if (!so.report.given && !so.budget.given)
            return NULL;
    }
    sr_dtable *t = sr_arena_alloc(b->a, sizeof *t);
    t->caption = "The lead safeguarding partners";
    t->ncols = 3;
    t->head = sr_arena_alloc(b->a, 3 * sizeof *t->head);
    t->head[0] = "Partner";
    t->head[1] = "Lead safeguarding partner";
    t->head[2] = "Delegated safeguarding partner";
    t->numeric = sr_arena_alloc(b->a, 3 * sizeof *t->numeric);
    t->nrows = p->nlead_partners;
    t->cells = sr_arena_alloc(b->a, t->nrows * 3 * sizeof *t->cells);
    for (size_t i = 0; i < p->nlead_partners; i++) {
        const sr_lead_partner *lp = &p->lead_partners[i];
        const sr_partner *pt = sr_partnership_find(p, lp->partner);
        const char **cell = &t->cells[i * 3];
        cell[0] = pt ? sr_partner_name_in(pt, b->ds->year0) : lp->partner;
        cell[1] =
            lp->lead_name ? sr_arena_printf(b->a, "%s, %s", lp->lead_name, lp->lead) : lp->lead;
        cell[2] = lp->delegate_name
                      ? sr_arena_printf(b->a, "%s, %s", lp->delegate_name, lp->delegate)
                      : lp->delegate;
    }
    return t;
}

/* The sign-off record in words, or NULL when the year has none. */
static sr_dnode *sign_off_paragraph(builder *b)
{
    sr_sign_off so;
    sr_sign_off_read(b->a, b->ds->have[0], &so);
    const char *words = sr_sign_off_words(b->a, b->ds->p, &so, b->ds->year0);
    if (!words)
        return NULL;
    return plain_node(b, SR_D_PARAGRAPH, words);
}

/* A block of one word: data the partnership keeps, not a metric. Adds
 * nothing when there is nothing to show (so the report has no empty table). */
static void word_block(builder *b, sr_dnode *into, const char *spec, sr_loc at)
{
    if (strcmp(spec, "lead-partners") == 0) {
        sr_dtable *t = lead_partners_table(b);
        if (t) {
            sr_dnode *n = node(b, SR_D_TABLE);
            n->table = t;
            add(b->a, into, n);
        }
        return;
    }
    if (strcmp(spec, "sign-off") == 0) {
        sr_dnode *n = sign_off_paragraph(b);
        if (n)
            add(b->a, into, n);
        return;
    }
    sr_diag *g = sr_diag_add(b->d, b->o->final ? SR_ERROR : SR_WARNING, at,
                             "there is no data block `%s`", spec);
    sr_diag_hint(g, "the blocks are \"chart ID\", \"table ID\", \"lead-partners\" and "
                    "\"sign-off\"");
}

/* A draft's note in place of what has no figures. */
static sr_dnode *note_node(builder *b, const char *text)
{
    return plain_node(b, SR_D_NOTE, text);
}

/* The chart or table a block names, added to into. A chart made for each
 * body gives one figure per body. */
static void block(builder *b, sr_dnode *into, const char *spec, sr_loc at)
{
    char kind[64], id[128];
    int got = sscanf(spec, "%63s %127s", kind, id);
    if (got == 1) {
        word_block(b, into, kind, at);
        return;
    }
    if (got != 2)
        return;
    sr_diag *g = NULL;
    if (strcmp(kind, "chart") == 0) {
        bool named = false;
        for (size_t i = 0; b->specs && i < b->specs->n; i++) {
            const sr_chart_spec *s = &b->specs->v[i];
            if (strcmp(s->group ? s->group : s->id, id) != 0)
                continue;
            named = true;
            sr_chart *ch = sr_chart_build(b->a, s, b->m, b->ds);
            if (!sr_chart_has_figures(ch)) {
                /* No figure is left empty in a final report. */
                sr_diag *w =
                    sr_diag_add(b->d, b->o->final ? SR_ERROR : SR_WARNING, at,
                                "there are no figures for the chart \"%s\" this year", s->title);
                sr_diag_hint(w, s->kind == SR_CHART_MATRIX
                                    ? "add the meetings and who came to a submission "
                                      "(attendance.meetings), or remove the chart from the report"
                                    : "add the figures it shows to a submission, or remove the "
                                      "chart from the report");
                if (!b->o->final)
                    add(b->a, into,
                        note_node(b, sr_arena_printf(b->a,
                                                     "There are no figures for the chart \"%s\" "
                                                     "this year.",
                                                     s->title)));
                continue;
            }
            sr_dnode *f = node(b, SR_D_FIGURE);
            f->chart = ch;
            char *alt = sr_chart_alt(ch);
            f->alt = sr_arena_strdup(b->a, alt);
            free(alt);
            f->text = ch->title;
            f->width = s->width;
            f->height = s->height;
            add(b->a, into, f);
        }
        if (named)
            return;
        g = sr_diag_add(b->d, b->o->final ? SR_ERROR : SR_WARNING, at,
                        "there is no chart `%s` in charts.yaml", id);
    } else if (strcmp(kind, "table") == 0) {
        sr_dnode *t = node(b, SR_D_TABLE);
        if (strcmp(id, "summary") == 0) {
            t->table = summary_table(b, false);
            add(b->a, into, t);
            return;
        }
        /* The measures partners sent that the catalogue does not know: a
         * table only when there are some. */
        if (strcmp(id, "local-measures") == 0) {
            t->table = summary_table(b, true);
            if (t->table->nrows) {
                add(b->a, into, t);
                b->doc->shows_local_measures = true;
            }
            return;
        }
        /* Each partner's contribution to the shared budget: a table only
         * when the year has income lines. */
        if (strcmp(id, "contributions") == 0) {
            const sr_metric *c = sr_metrics_find(b->m, "contributions-by-partner");
            if (c) {
                t->table = metric_table(b, c);
                if (t->table->nrows == 0 || !sr_metric_has_figures(c, 0))
                    return;
                b->doc->shows_contributions = true;
                add(b->a, into, t);
                return;
            }
            g = sr_diag_add(b->d, b->o->final ? SR_ERROR : SR_WARNING, at,
                            "`table contributions` needs the metric `contributions-by-partner` "
                            "in metrics.yaml");
            sr_diag_hint(g, "copy it from the default report-templates/metrics.yaml");
            return;
        }
        const sr_metric *mt = sr_metrics_find(b->m, id);
        if (mt) {
            t->table = metric_table(b, mt);
            if (t->table->nrows == 0 || !sr_metric_has_figures(mt, 0)) {
                /* No table is left empty in a final report, as no chart
                 * is. */
                sr_diag *w = sr_diag_add(b->d, b->o->final ? SR_ERROR : SR_WARNING, at,
                                         "there are no figures for the table \"%s\" this year",
                                         mt->def->label);
                sr_diag_hint(w, "add the figures it shows to a submission, or remove the table "
                                "from the report");
                if (!b->o->final)
                    add(b->a, into,
                        note_node(b, sr_arena_printf(b->a,
                                                     "There are no figures for the table \"%s\" "
                                                     "this year.",
                                                     mt->def->label)));
                return;
            }
            add(b->a, into, t);
            return;
        }
        g = sr_diag_add(b->d, b->o->final ? SR_ERROR : SR_WARNING, at,
                        "there is no metric `%s` for this table", id);
    }
    if (g)
        sr_diag_hint(g, "charts are named in charts.yaml, metrics in metrics.yaml; `table "
                        "summary` is the year-on-year summary");
}

/* ---- sections --------------------------------------------------------------------------- */

/* data/<year>/narrative/file, or NULL; malloc'd. */
static char *narrative_path(builder *b, const char *file)
{
    char yname[16];
    sr_fmt_year(b->ds->year0, yname, sizeof yname);
    char *ydir = sr_path_join(b->o->data_dir, yname);
    char *ndir = sr_path_join(ydir, "narrative");
    char *path = sr_path_join(ndir, file);
    free(ydir);
    free(ndir);
    return path;
}

/* Whether the narrative file exists and has words (an optional section
 * without them is left out). A file that cannot be read counts as words, so
 * that narrative() reports it. */
static bool has_words(builder *b, const char *file)
{
    char *path = narrative_path(b, file), *text, *outside = NULL;
    size_t len;
    sr_read_status st =
        sr_read_file_within(path, b->o->data_dir, SR_MAX_FILE_SIZE, &text, &len, &outside);
    free(path);
    free(outside);
    if (st == SR_READ_NOT_FOUND)
        return false;
    if (st != SR_READ_OK)
        return true;
    bool words = strspn(text, " \t\r\n") != len;
    free(text);
    return words;
}

static void narrative(builder *b, sr_dnode *sec, const char *file)
{
    char *path = narrative_path(b, file);
    char *text, *outside;
    size_t len;
    sr_read_status st =
        sr_read_file_within(path, b->o->data_dir, SR_MAX_FILE_SIZE, &text, &len, &outside);
    bool read = st == SR_READ_OK;
    if (read && strspn(text, " \t\r\n") == len) { /* an empty file, as new-year makes */
        free(text);
        read = false;
    }
    if (st != SR_READ_OK && st != SR_READ_NOT_FOUND) {
        /* Not a narrative to be left out quietly: a file that must not or
         * cannot be read stops even a draft. */
        sr_report_read_error(b->d, path, st, len, outside);
        free(outside);
    } else if (!read) {
        sr_source *src = sr_diags_add_source(b->d, path, NULL, 0);
        sr_diag *g = sr_diag_add(b->d, b->o->final ? SR_ERROR : SR_WARNING, (sr_loc){src, 0, 0, 0},
                                 "the narrative for \"%s\" is missing", sec->text);
        sr_diag_hint(g,
                     "write it in Markdown in %s; a draft shows a marked placeholder, a "
                     "final build stops",
                     path);
    }
    if (!read) {
        add(b->a, sec,
            note_node(b, sr_arena_printf(b->a,
                                         "Draft: the words for this section have not been "
                                         "written yet (%s).",
                                         path)));
        b->doc->missing_narratives++;
        free(path);
        return;
    }
    sr_source *src = sr_diags_add_source(b->d, path, text, len);
    src->checked = true;
    free(path);
    const char *filled = sr_doc_fill(b->a, b->d, src, 1, text, b->m, b->ds, b->o->final);
    cmark_node *doc = cmark_parse_document(filled, strlen(filled), CMARK_OPT_SOURCEPOS);
    blocks(b, doc, sec, src, 1);
    cmark_node_free(doc);
    sec->written = true;
}

static void number(sr_arena *a, sr_dnode *sec, int n)
{
    sec->number = sr_arena_printf(a, "%d", n);
    sec->anchor = sr_arena_printf(a, "section-%d", n);
    int sub = 0;
    for (size_t i = 0; i < sec->nkids; i++) {
        sr_dnode *h = sec->kids[i];
        if (h->kind != SR_D_HEADING || h->level != 2)
            continue;
        sub++;
        h->number = sr_arena_printf(a, "%d.%d", n, sub);
        h->anchor = sr_arena_printf(a, "section-%d-%d", n, sub);
    }
}

bool sr_doc_sections(sr_arena *a, sr_diags *d, const char *templates_dir, const char *data_dir,
                     sr_doc_section_info **out, size_t *n)
{
    const sr_source *tsrc;
    sr_ynode *root = load_template(a, d, templates_dir, data_dir, &tsrc);
    if (!root)
        return false;
    const sr_ynode *secs = sr_ymap_get(root, "sections");
    *out = sr_arena_alloc(a, (secs->n ? secs->n : 1) * sizeof **out);
    for (size_t i = 0; i < secs->n; i++) {
        const sr_ynode *e = secs->items[i];
        (*out)[i] = (sr_doc_section_info){
            sr_ynode_text(sr_ymap_get(e, "id")), sr_ynode_text(sr_ymap_get(e, "title")),
            sr_ynode_text(sr_ymap_get(e, "narrative")), yes(sr_ymap_get(e, "optional"))};
    }
    *n = secs->n;
    return true;
}

sr_document *sr_doc_build(sr_arena *a, sr_diags *d, const sr_doc_options *o, const sr_dataset *ds,
                          const sr_catalogue *cat, const sr_metrics *m, const sr_chart_specs *specs)
{
    const sr_source *tsrc;
    sr_ynode *root = load_template(a, d, o->templates_dir, o->data_dir, &tsrc);
    if (!root)
        return NULL;
    const sr_guidance *ed =
        o->guidance ? o->guidance : sr_guidance_for_year(a, d, o->templates_dir, ds->p, ds->year0);
    if (!ed)
        return NULL;
    sr_document *doc = sr_arena_alloc(a, sizeof *doc);
    doc->guidance = ed;
    builder b = {a, d, ds, cat, m, specs, o, doc};
    doc->partnership = ds->p->name;
    doc->short_name = ds->p->short_name;
    doc->year = year_str(a, ds->year0);
    doc->title = sr_doc_fill(a, d, sr_ymap_get(root, "title")->loc.src, 0,
                             sr_ynode_text(sr_ymap_get(root, "title")), m, ds, o->final);
    const char *subject = sr_ynode_text(sr_ymap_get(root, "subject"));
    doc->subject = subject ? sr_doc_fill(a, d, sr_ymap_get(root, "subject")->loc.src, 0, subject, m,
                                         ds, o->final)
                           : "";
    const char *lang = sr_ynode_text(sr_ymap_get(root, "language"));
    doc->lang = lang ? lang : "en-GB";
    const sr_ynode *kw = sr_ymap_get(root, "keywords");
    sr_buf k = SR_BUF_INIT;
    for (size_t i = 0; kw && kw->kind == SR_Y_SEQ && i < kw->n; i++)
        sr_buf_printf(&k, "%s%s", i ? ", " : "", sr_ynode_text(kw->items[i]));
    for (size_t i = 0; i < ed->nkeywords; i++) /* the edition's, such as its short name */
        sr_buf_printf(&k, "%s%s", k.len ? ", " : "", ed->keywords[i]);
    doc->keywords = sr_arena_strdup(a, sr_buf_str(&k));
    sr_buf_free(&k);
    const char *orient = sr_ynode_text(sr_ymap_get(sr_ymap_get(root, "page"), "orientation"));
    doc->landscape = orient && strcmp(orient, "landscape") == 0;
    const sr_ynode *style = sr_ymap_get(root, "style");
    const char *font = sr_ynode_text(sr_ymap_get(style, "font"));
    doc->font = font ? font : SR_FONT_FAMILY;
    doc->accent[0] = 0x0B / 255.0, doc->accent[1] = 0x4F / 255.0, doc->accent[2] = 0x8A / 255.0;
    const sr_ynode *acc = sr_ymap_get(style, "accent");
    if (sr_ynode_text(acc)) {
        unsigned r, g, bl;
        char extra;
        if (sscanf(acc->text, "#%2x%2x%2x%c", &r, &g, &bl, &extra) != 3 || strlen(acc->text) != 7) {
            sr_diag_hint(sr_diag_add(d, SR_ERROR, acc->loc, "`%s` is not a colour", acc->text),
                         "write a colour as # and six hexadecimal digits, such as #0B4F8A");
            return NULL;
        }
        sr_rgb c = {r / 255.0, g / 255.0, bl / 255.0};
        double ratio = sr_contrast(c, sr_background);
        if (ratio < 4.5) {
            sr_diag_hint(sr_diag_add(d, SR_ERROR, acc->loc,
                                     "the accent colour %s has a contrast of %.1f:1 with the "
                                     "page; headings need at least 4.5:1",
                                     acc->text, ratio),
                         "choose a darker colour");
            return NULL;
        }
        doc->accent[0] = c.r, doc->accent[1] = c.g, doc->accent[2] = c.b;
    }
    doc->root = node(&b, SR_D_SECTION);
    const sr_ynode *secs = sr_ymap_get(root, "sections");
    doc->left_out = sr_arena_alloc(a, (secs->n + 1) * sizeof *doc->left_out);
    int shown = 0;
    for (size_t i = 0; i < secs->n; i++) {
        const sr_ynode *e = secs->items[i];
        const char *file = sr_ynode_text(sr_ymap_get(e, "narrative"));
        if (yes(sr_ymap_get(e, "optional")) && !(file && has_words(&b, file))) {
            /* An optional section with nothing to say is left out. */
            doc->left_out[doc->nleft_out++] = sr_ynode_text(sr_ymap_get(e, "id"));
            continue;
        }
        sr_dnode *sec = node(&b, SR_D_SECTION);
        sec->level = 1;
        /* The title may come from a layered file, or the template's. */
        const sr_ynode *tn = sr_ymap_get(e, "title");
        sec->text =
            sr_doc_fill(a, d, tn->loc.src, tn->loc.line, sr_ynode_text(tn), m, ds, o->final);
        sec->markup = markup_of(a, sec->text);
        sec->narrative = file;
        if (file)
            narrative(&b, sec, file);
        const sr_ynode *bl = sr_ymap_get(e, "blocks");
        for (size_t j = 0; bl && bl->kind == SR_Y_SEQ && j < bl->n; j++)
            block(&b, sec, sr_ynode_text(bl->items[j]), sr_ynode_loc(bl->items[j]));
        number(a, sec, ++shown);
        sec->sid = sr_ynode_text(sr_ymap_get(e, "id"));
        for (size_t q = 0; !file && q < sec->nkids && !sec->written; q++)
            sec->written = sec->kids[q]->kind != SR_D_NOTE;
        add(a, doc->root, sec);
    }
    /* The measures partners sent that no metric shows appear only in the
     * Local measures table: a report without one leaves them out. */
    if (!doc->shows_local_measures) {
        sr_buf ids = SR_BUF_INIT;
        size_t nlocal = 0;
        for (size_t q = 0; q < m->nmetrics; q++) {
            const sr_metric *mt = &m->metrics[q];
            if (!mt->def->local || mt->nrows != 1 || !sr_metric_row_shown(m, mt, &mt->rows[0], 0))
                continue;
            sr_buf_printf(&ids, "%s`%s`", nlocal ? ", " : "", mt->def->id);
            nlocal++;
        }
        if (nlocal) {
            sr_diag *g = sr_diag_add(
                d, o->final ? SR_ERROR : SR_WARNING, sr_ynode_loc(sr_ymap_key(root, "sections")),
                "the report leaves out the %s partners sent that the metrics catalogue does not "
                "know (%s): no section shows the Local measures table",
                nlocal == 1 ? "measure" : "measures", sr_buf_str(&ids));
            sr_diag_hint(g,
                         "add \"table local-measures\" to the blocks of a section (the default "
                         "template has it in performance), or define %s as a metric in "
                         "data/templates/metrics.yaml",
                         nlocal == 1 ? "it" : "each");
        }
        sr_buf_free(&ids);
    }
    /* The statutory contents check: each duty of the edition needs a section
     * with words. A duty mapped here that the edition does not have belongs
     * to another edition and is not checked. */
    const sr_ynode *map = sr_ymap_get(root, "statutory");
    doc->duties = sr_arena_alloc(a, (ed->nduties ? ed->nduties : 1) * sizeof *doc->duties);
    for (size_t i = 0; i < ed->nduties; i++) {
        const sr_guidance_duty *gd = &ed->duties[i];
        sr_duty *du = &doc->duties[doc->nduties++];
        du->id = gd->id;
        du->text = gd->text;
        du->confirmed = gd->confirmed;
        const sr_ynode *ss = map && map->kind == SR_Y_MAP ? sr_ymap_get(map, gd->id) : NULL;
        if (!ss || ss->kind != SR_Y_SEQ || ss->n == 0) {
            sr_loc where =
                map ? sr_ynode_loc(sr_ymap_key(root, "statutory")) : (sr_loc){tsrc, 0, 0, 0};
            if (ss)
                where = sr_ynode_loc(ss);
            sr_diag_hint(sr_diag_add(d, SR_ERROR, where,
                                     "report.yaml does not say which sections meet the duty `%s` "
                                     "of %s: %s",
                                     gd->id, ed->short_name, gd->text),
                         "add `%s: [SECTION, ...]` under `statutory:`, with the ids of the "
                         "sections that meet it",
                         gd->id);
            continue;
        }
        du->sections = sr_arena_alloc(a, ss->n * sizeof *du->sections);
        for (size_t q = 0; q < ss->n; q++) {
            const char *sid = sr_ynode_text(ss->items[q]);
            const sr_dnode *found = NULL;
            for (size_t j = 0; j < doc->root->nkids && !found; j++)
                if (strcmp(doc->root->kids[j]->sid, sid) == 0)
                    found = doc->root->kids[j];
            if (!found && sr_doc_left_out(doc, sid)) {
                du->sections[du->nsections++] = sid; /* optional, and without words */
                continue;
            }
            if (!found) {
                sr_diag *g = sr_diag_add(d, SR_ERROR, sr_ynode_loc(ss->items[q]),
                                         "the duty `%s` of %s is to be met by a section `%s`, "
                                         "which the template does not have",
                                         du->id, ed->short_name, sid);
                if (strcmp(sid, "scrutiny") == 0 && ed->needs_scrutiny)
                    sr_diag_hint(g,
                                 "%s asks for the independent scrutineer's statement as a "
                                 "section of its own: add a section with `id: scrutiny` under "
                                 "`sections`",
                                 ed->short_name);
                else
                    sr_diag_hint(g,
                                 "add a section with `id: %s` under `sections`, or name one "
                                 "of the sections there are",
                                 sid);
                continue;
            }
            du->sections[du->nsections++] = sid;
            du->covered |= found->written;
        }
        if (!du->covered && du->nsections) {
            sr_diag *g = sr_diag_add(d, o->final ? SR_ERROR : SR_WARNING, sr_ynode_loc(ss),
                                     "the report says nothing yet on what %s asks for: %s",
                                     ed->short_name, du->text);
            sr_diag_hint(g, "write the narrative for the section %s", du->sections[0]);
        }
    }
    return doc;
}

bool sr_doc_left_out(const sr_document *doc, const char *sid)
{
    for (size_t i = 0; i < doc->nleft_out; i++)
        if (strcmp(doc->left_out[i], sid) == 0)
            return true;
    return false;
}

size_t sr_doc_contributions_check(sr_diags *d, const sr_document *doc, bool needs_contributions,
                                  bool final)
{
    if (!needs_contributions || doc->shows_contributions)
        return 0;
    sr_diag *g = sr_diag_add(d, final ? SR_ERROR : SR_WARNING, (sr_loc){0},
                             "the report does not show each partner's contribution to the "
                             "shared budget");
    sr_diag_hint(g, "the guidance in force asks for it: put the block \"table contributions\" "
                    "in a section of report.yaml, and the year's income lines in the finance "
                    "data");
    return 1;
}

#endif
