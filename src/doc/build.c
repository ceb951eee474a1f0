/* build: building the document tree, see build.h. */
#include "doc/build.h"

#include "chart/palette.h"
#include "core/buf.h"
#include "core/encoding.h"
#include "core/fmt.h"
#include "core/fsutil.h"
#include "data/guidance.h"
#include "data/loader.h"
#include "data/overlay.h"
#include "data/schema.h"
#include "data/signoff.h"
#include "doc/compare.h"
#include "metrics/tally.h"

#include <cairo.h>
#include <cmark.h>
#include <errno.h>
#include <ctype.h>
#include <glib.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* ---- the template --------------------------------------------------------------- */

static const sr_schema texts_t = {.kind = SR_S_LIST, .item = &sr_s_text};
static const sr_schema size_t_ = {.kind = SR_S_ENUM, .values = (const char *const[]){"A4", NULL}};
static const sr_schema orient_t = {.kind = SR_S_ENUM,
                                   .values = (const char *const[]){"portrait", "landscape", NULL}};
static const sr_schema sections_break_t = {
    .kind = SR_S_ENUM, .values = (const char *const[]){"flow", "new-page", NULL}};
static const sr_schema page_t = {
    .kind = SR_S_MAP,
    .what = "the page setup",
    .fields =
        (const sr_field[]){
            {"size", &size_t_, 0, "A4"},
            {"orientation", &orient_t, 0, "portrait (default) or landscape"},
            {"sections", &sections_break_t, 0,
             "flow (default): a section follows the one before on the same page; new-page: "
             "each section starts a new page"},
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
             "the colour of headings and of the cover's field (its words in white), as #RRGGBB; at "
             "least 4.5:1 against "
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
    size_t notes_cap;           /* of doc->notes */
    const char *disclosure;     /* the note on hidden small numbers, when disclosure control
                                   is on: a note once a sheet hides some */
    sr_dfigure **figures;       /* per chart spec, once built */
    sr_dtable **tables;         /* per metric, once made */
    sr_dtable *summary, *local; /* the summary and the local measures, once made */
    sr_dnode **sheets;          /* the annex's tables, in order */
    size_t nsheets;
    const char *population;      /* population_note(), once made ("" for none) */
    const sr_chart_bench *bench; /* the comparisons with England..., or NULL: none */
    int *file_notes; /* bench_file_note()'s number for each of bench->files, 0 until made */
} builder;

static const char *year_str(sr_arena *a, int y)
{
    char b[16];
    sr_fmt_year(y, b, sizeof b);
    return sr_arena_strdup(a, b);
}

/* Why a placeholder's figure is not given: it is there, the local figure
 * is not available, or the DfE's files give no comparison for the year. */
typedef enum { PH_OK, PH_MISSING, PH_NO_BENCH } ph_status;

static sr_compare_in compare_in(const sr_bench_cmp *c)
{
    return (sr_compare_in){.unit = c->unit,
                           .places = c->places,
                           .area = {c->area.v, c->area.shown},
                           .england = {c->england.v, c->england.shown},
                           .neighbours = {c->neighbours_mean, c->neighbours_mean_shown},
                           .nmean = c->nmean,
                           .nlisted = c->nneighbours};
}

/* The words of {{compare:ID}}: how the area stands against England and
 * the neighbours' average, with (break) the note on the series break when
 * the figures straddle it. In a. */
static const char *compare_text(sr_arena *a, const sr_bench_cmp *c, bool with_break)
{
    sr_compare_in in = compare_in(c);
    char buf[512];
    sr_compare_words(&in, buf, sizeof buf);
    /* One year is compared: only a note on its own figures, none on the
     * year before beside them. */
    const char *brk = with_break ? sr_chart_bench_own_break(c) : NULL;
    if (!brk)
        return sr_arena_strdup(a, buf);
    /* The note as a clause in brackets: no capital, no full stop. */
    return sr_arena_printf(a, "%s (%s)", buf, sr_chart_bench_clause(a, brk, false));
}

/* {{england:ID}}, {{region:ID}}, {{neighbours:ID}} and {{compare:ID}}:
 * NULL when name is none of them or ID is no metric. */
static const char *bench_placeholder(sr_arena *a, const char *name, const sr_metrics *m,
                                     const sr_chart_bench *bench, ph_status *why)
{
    static const char *const kinds[] = {"england", "region", "neighbours", "compare"};
    const char *colon = strchr(name, ':');
    size_t kind = 4;
    for (size_t k = 0; colon && k < 4; k++)
        if ((size_t)(colon - name) == strlen(kinds[k]) &&
            strncmp(name, kinds[k], strlen(kinds[k])) == 0)
            kind = k;
    if (kind == 4 || !sr_metrics_find(m, colon + 1))
        return NULL;
    const sr_bench_cmp *c = sr_chart_bench_find(bench, colon + 1, m->years[0]);
    if (!c) {
        *why = PH_NO_BENCH;
        return kind == 3 ? "not compared: there are no figures from the Department for Education"
                         : "not available";
    }
    if (kind == 3)
        return compare_text(a, c, true);
    sr_compare_fig f = kind == 0   ? (sr_compare_fig){c->england.v, c->england.shown}
                       : kind == 1 ? (sr_compare_fig){c->region.v, c->region.shown}
                                   : (sr_compare_fig){c->neighbours_mean, c->neighbours_mean_shown};
    return sr_compare_fig_words(&f);
}

/* The replacement for one placeholder, or NULL if it is not known. With
 * {{value:ID}} of a figure that is not available, *why is PH_MISSING: the
 * text reads "not available", and the caller says so; with a benchmark
 * the DfE's files do not give, PH_NO_BENCH. */
static const char *placeholder(sr_arena *a, const char *name, const sr_metrics *m,
                               const sr_dataset *ds, const sr_chart_bench *bench, ph_status *why)
{
    *why = PH_OK;
    const char *bp = bench_placeholder(a, name, m, bench, why);
    if (bp)
        return bp;
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
        if (!v->suppressed && v->avail == SR_NOT_AVAILABLE)
            *why = PH_MISSING;
        sr_mcell_words(&mt->rows[0].cells[0], mt->def->unit, buf, sizeof buf);
    } else if (kind == 8 && strncmp(name, "previous", 8) == 0)
        sr_mval_format(&c.prev, mt->def->unit, buf, sizeof buf);
    else if (kind == 6 && strncmp(name, "change", 6) == 0)
        sr_cmp_words(&c, mt->def->unit, buf, sizeof buf);
    else
        return NULL;
    return sr_arena_strdup(a, buf);
}

static const char *fill(sr_arena *a, sr_diags *d, const sr_source *src, unsigned first_line,
                        const char *text, const sr_metrics *m, const sr_dataset *ds,
                        const sr_chart_bench *bench, bool final)
{
    if (!strstr(text, "{{"))
        return text;
    sr_buf out = SR_BUF_INIT;
    unsigned line = first_line, col = 1;
    const char *p = text;
    while (*p) {
        /* A comment never reaches the report: its placeholders are not
         * filled, nor reported. */
        const char *close = strncmp(p, "<!--", 4) == 0 ? strstr(p + 4, "-->") : NULL;
        if (close) {
            for (const char *e = close + 3; p < e; p++) {
                if (*p == '\n') {
                    line++;
                    col = 1;
                } else if (((unsigned char)*p & 0xC0) != 0x80) {
                    col++;
                }
                sr_buf_putc(&out, *p);
            }
            continue;
        }
        if (p[0] == '{' && p[1] == '{') {
            const char *end = strstr(p + 2, "}}");
            size_t len = end ? (size_t)(end - p - 2) : 0;
            if (end && len < 120 && !memchr(p + 2, '\n', len)) {
                char *name = sr_arena_strndup(a, p + 2, len);
                g_strstrip(name);
                ph_status why;
                const char *r = placeholder(a, name, m, ds, bench, &why);
                const char *bid = strchr(name, ':') ? strchr(name, ':') + 1 : name;
                if (r && why == PH_NO_BENCH && bench && !sr_chart_bench_mapped(bench, bid)) {
                    sr_diag *g = sr_diag_add(
                        d, final ? SR_ERROR : SR_WARNING,
                        (sr_loc){src, line, col, (unsigned)len + 4},
                        "`{{%s}}` needs the Department for Education's figures for `%s`, which "
                        "no table in benchmarks.yaml gives: the text reads \"%s\"",
                        name, bid, r);
                    sr_diag_hint(g, "reword the sentence without it, or add the column of the "
                                    "DfE's table that gives it to benchmarks.yaml (see "
                                    "docs/benchmarks.md)");
                } else if (r && why == PH_NO_BENCH) {
                    sr_diag *g = sr_diag_add(
                        d, final ? SR_ERROR : SR_WARNING,
                        (sr_loc){src, line, col, (unsigned)len + 4},
                        "`{{%s}}` needs the Department for Education's figures for %s, which "
                        "no file in the benchmarks folder gives: the text reads \"%s\"",
                        name, ds ? year_str(a, ds->year0) : "the year", r);
                    sr_diag_hint(g, bench ? "put the DfE's file with the year's figures in "
                                            "data/benchmarks/ (see docs/benchmarks.md)"
                                          : "name the area's local authority under `benchmarks:` "
                                            "in partnership.yaml and put the DfE's files in "
                                            "data/benchmarks/ (see docs/benchmarks.md)");
                }
                if (r && why == PH_MISSING) {
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
                                    "the id of a single-valued metric in metrics.yaml, "
                                    "{{england:ID}}, {{region:ID}}, {{neighbours:ID}} or "
                                    "{{compare:ID}} with the id of one the DfE's files give, or "
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

const char *sr_doc_fill(sr_arena *a, sr_diags *d, const sr_source *src, unsigned first_line,
                        const char *text, const sr_metrics *m, const sr_dataset *ds, bool final)
{
    return fill(a, d, src, first_line, text, m, ds, NULL, final);
}

/* ---- inlines ------------------------------------------------------------------------- */

static sr_dnode *add(builder *b, sr_dnode *parent, sr_dnode *kid)
{
    return sr_dnode_add(b->a, parent, kid);
}

/* A phone number written as a link's address: digits, spaces, +, -, and
 * brackets, with at least 6 digits. */
static bool phone_like(const char *s)
{
    size_t digits = 0;
    for (const char *p = s; *p; p++) {
        if (isdigit((unsigned char)*p))
            digits++;
        else if (!strchr(" +-()", *p))
            return false;
    }
    return digits >= 6;
}

/* An address with one @, something before it and a dot after it, and no
 * spaces, slashes or colons. */
static bool email_like(const char *s)
{
    const char *at = strchr(s, '@');
    if (!at || at == s || strchr(at + 1, '@') || !strchr(at + 1, '.'))
        return false;
    for (const char *p = s; *p; p++)
        if (isspace((unsigned char)*p) || *p == '/' || *p == ':' || *p == '<' || *p == '>')
            return false;
    return at[1] != '.' && s[strlen(s) - 1] != '.';
}

/* The address as every output writes it: spaces, control characters,
 * bytes beyond ASCII and the characters a URI may not hold (" < > \\ ^ `
 * { | }) percent-encoded, as RFC 3987 maps an IRI to a URI; a % is kept
 * (the address may be encoded already). In a. */
static const char *uri_of(sr_arena *a, const char *url)
{
    sr_buf b = SR_BUF_INIT;
    for (const unsigned char *p = (const unsigned char *)url; *p; p++) {
        if (*p <= ' ' || *p >= 0x7f || strchr("\"<>\\^`{|}", *p))
            sr_buf_printf(&b, "%%%02X", *p);
        else
            sr_buf_putc(&b, (char)*p);
    }
    const char *s = sr_arena_strdup(a, sr_buf_str(&b));
    sr_buf_free(&b);
    return s;
}

/* Where a link goes: a web, mail or telephone address; an address without
 * a scheme that is an email address or a phone number gets one. NULL for
 * anything else (such as javascript:): the link is shown as its words. */
static const char *link_url(sr_arena *a, const char *url)
{
    if (!url || !*url)
        return NULL;
    static const char *const schemes[] = {"https:", "http:", "mailto:", "tel:"};
    for (size_t i = 0; i < sizeof schemes / sizeof *schemes; i++)
        if (g_ascii_strncasecmp(url, schemes[i], strlen(schemes[i])) == 0)
            return uri_of(a, url); /* the parse tree's is freed */
    if (email_like(url))
        return uri_of(a, sr_arena_printf(a, "mailto:%s", url));
    if (phone_like(url)) {
        sr_buf t = SR_BUF_INIT;
        sr_buf_puts(&t, "tel:");
        for (const char *p = url; *p; p++)
            if (isdigit((unsigned char)*p) || (*p == '+' && t.len == 4))
                sr_buf_putc(&t, *p);
        const char *r = sr_arena_strdup(a, sr_buf_str(&t));
        sr_buf_free(&t);
        return r;
    }
    return NULL;
}

/* ---- the words: Markdown to nodes ------------------------------------------------- */

#define MAX_NESTING SR_DOC_MAX_NESTING

/* s without its HTML comments (`<!-- ... -->`), in a; *unclosed is set to
 * the offset of a `<!--` that is never closed (SIZE_MAX when there is
 * none), and the rest of s from there is left out. */
static const char *without_comments(sr_arena *a, const char *s, size_t *unclosed)
{
    *unclosed = SIZE_MAX;
    if (!strstr(s, "<!--"))
        return s;
    sr_buf out = SR_BUF_INIT;
    const char *p = s;
    for (;;) {
        const char *open = strstr(p, "<!--");
        if (!open) {
            sr_buf_puts(&out, p);
            break;
        }
        sr_buf_put(&out, p, (size_t)(open - p));
        /* CommonMark: `<!-->` and `<!--->` are comments too. */
        const char *body = open + 4;
        const char *close = strncmp(body, ">", 1) == 0    ? body - 2
                            : strncmp(body, "->", 2) == 0 ? body - 1
                                                          : strstr(body, "-->");
        if (!close) {
            *unclosed = (size_t)(open - s);
            break;
        }
        p = close + 3;
        /* Words either side have one space between them, not two. */
        if (*p == ' ' && out.len && sr_buf_str(&out)[out.len - 1] == ' ')
            p++;
    }
    const char *r = sr_arena_strdup(a, sr_buf_str(&out));
    sr_buf_free(&out);
    return r;
}

static bool blank(const char *s)
{
    return !s || s[strspn(s, " \t\r\n")] == '\0';
}

/* Whether Markdown text has words for a reader: text, code or a data
 * block. Comments, and raw HTML that is only comments, are none. */
static bool md_has_words(const char *text, size_t len)
{
    cmark_node *doc = cmark_parse_document(text, len, 0);
    if (!doc)
        sr_oom();
    cmark_iter *it = cmark_iter_new(doc);
    if (!it)
        sr_oom();
    bool words = false;
    sr_arena *a = sr_arena_new();
    cmark_event_type ev;
    while (!words && (ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
        cmark_node *n = cmark_iter_get_node(it);
        if (ev != CMARK_EVENT_ENTER)
            continue;
        size_t unclosed;
        switch (cmark_node_get_type(n)) {
        case CMARK_NODE_TEXT:
        case CMARK_NODE_CODE:
            words = !blank(cmark_node_get_literal(n));
            break;
        case CMARK_NODE_CODE_BLOCK:
            words = true; /* code, or a data block */
            break;
        case CMARK_NODE_HTML_BLOCK:
        case CMARK_NODE_HTML_INLINE:
            words = !blank(without_comments(a, cmark_node_get_literal(n), &unclosed));
            break;
        default:
            break;
        }
    }
    sr_arena_free(a);
    cmark_iter_free(it);
    cmark_node_free(doc);
    return words;
}

/* Where the first `<!--` on or after line `from` of src is, or line 0. */
static sr_loc comment_at(const sr_source *src, unsigned from)
{
    for (unsigned l = from ? from : 1;; l++) {
        size_t n;
        const char *line = sr_source_line(src, l, &n);
        if (!line)
            return (sr_loc){src, 0, 0, 0};
        for (size_t i = 0; i + 4 <= n; i++)
            if (memcmp(line + i, "<!--", 4) == 0) {
                unsigned col = 1;
                for (size_t k = 0; k < i; k++)
                    col += ((unsigned char)line[k] & 0xC0) != 0x80;
                return (sr_loc){src, l, col, 4};
            }
    }
}

static void unclosed_comment(builder *b, sr_loc at)
{
    sr_diag *g = sr_diag_add(b->d, SR_ERROR, at,
                             "this comment (`<!--`) is never closed, so the words after it would "
                             "be left out of the report");
    sr_diag_hint(g, "end the comment with `-->`; a comment's words never appear in the report");
}

/* One level of the walk: the node the words go into. */
typedef struct {
    sr_dnode *into;
    bool made; /* a node of its own, not its parent's (a level deeper than allowed) */
} level;

/* The words of a parsed narrative into sec: paragraphs, headings, lists,
 * quotations, code, data blocks, and their inlines. Walked with cmark's
 * iterator, so any depth of nesting is walked without recursion. */
static void block(builder *b, sr_dnode *into, const char *spec, sr_loc at);

static void md_to_nodes(builder *b, cmark_node *doc, sr_dnode *sec, const sr_source *src)
{
    cmark_iter *it = cmark_iter_new(doc);
    if (!it)
        sr_oom();
    level *st = NULL;
    size_t n = 0, cap = 0;
    sr_dnode *text = NULL;  /* the paragraph or heading being made */
    unsigned text_line = 1; /* where it starts */
    sr_buf plain = SR_BUF_INIT;
    bool too_deep = false;
    bool comment_gap = false; /* an inline comment was just left out after a space */
    cmark_event_type ev;
    while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
        cmark_node *c = cmark_iter_get_node(it);
        cmark_node_type t = cmark_node_get_type(c);
        unsigned line = (unsigned)cmark_node_get_start_line(c);
        if (ev == CMARK_EVENT_EXIT) {
            if (!n)
                break;
            level *top = &st[--n];
            if (top->made && t == CMARK_NODE_LINK && top->into->nkids == 0) {
                /* A link without words ([](https://...)) shows its address:
                 * a link is never an empty place to click. */
                const char *u = top->into->url, *shown = u;
                if (g_ascii_strncasecmp(u, "mailto:", 7) == 0)
                    shown = u + 7;
                else if (g_ascii_strncasecmp(u, "tel:", 4) == 0)
                    shown = u + 4;
                add(b, top->into, sr_dnode_new_text(b->a, SR_D_TEXT, shown));
                sr_buf_puts(&plain, shown);
            }
            if (top->made && (t == CMARK_NODE_PARAGRAPH || t == CMARK_NODE_HEADING)) {
                /* A paragraph or heading is added once it is known to have
                 * words: one of only a comment is none. */
                text->text = sr_arena_strdup(b->a, sr_buf_str(&plain));
                if (!blank(text->text))
                    add(b, n ? st[n - 1].into : sec, text);
                text = NULL;
                sr_buf_clear(&plain);
            }
            continue;
        }
        if (t == CMARK_NODE_DOCUMENT) {
            if (n == cap) {
                cap = cap ? cap * 2 : 16;
                st = sr_xrealloc(st, cap * sizeof *st);
            }
            st[n++] = (level){sec, false};
            continue;
        }
        if (!n)
            break;
        sr_dnode *into = st[n - 1].into;
        sr_dnode *made = NULL; /* a container node made for c */
        bool container = true;
        size_t unclosed;
        switch (t) {
        case CMARK_NODE_PARAGRAPH:
        case CMARK_NODE_HEADING:
            if (text) { /* never: cmark does not nest them */
                container = true;
                break;
            }
            text_line = line;
            text = made =
                sr_dnode_new(b->a, t == CMARK_NODE_PARAGRAPH ? SR_D_PARAGRAPH : SR_D_HEADING);
            if (t == CMARK_NODE_HEADING) /* `#` is the section's own title */
                made->level = cmark_node_get_heading_level(c) <= 2 ? 2 : 3;
            break;
        case CMARK_NODE_LIST:
            /* A list and its items are one level of nesting: a list is made
             * only with room for its items. */
            if (n + 1 < MAX_NESTING) {
                made = add(b, into, sr_dnode_new(b->a, SR_D_LIST));
                made->ordered = cmark_node_get_list_type(c) == CMARK_ORDERED_LIST;
            }
            break;
        case CMARK_NODE_ITEM:
            if (into->kind == SR_D_LIST)
                made = add(b, into, sr_dnode_new(b->a, SR_D_ITEM));
            break;
        case CMARK_NODE_BLOCK_QUOTE:
            if (n < MAX_NESTING)
                made = add(b, into, sr_dnode_new(b->a, SR_D_QUOTE));
            break;
        case CMARK_NODE_EMPH:
        case CMARK_NODE_STRONG:
            if (n < MAX_NESTING)
                made = add(b, into,
                           sr_dnode_new(b->a, t == CMARK_NODE_EMPH ? SR_D_EMPH : SR_D_STRONG));
            break;
        case CMARK_NODE_LINK: {
            const char *url = link_url(b->a, cmark_node_get_url(c));
            if (url && n < MAX_NESTING) { /* else just the words */
                made = add(b, into, sr_dnode_new(b->a, SR_D_LINK));
                made->url = url;
            }
            break;
        }
        case CMARK_NODE_CODE_BLOCK: {
            container = false;
            const char *info = cmark_node_get_fence_info(c);
            if (info && (strncmp(info, "chart ", 6) == 0 || strncmp(info, "table ", 6) == 0 ||
                         strcmp(info, "lead-partners") == 0 || strcmp(info, "sign-off") == 0)) {
                block(b, into, info, (sr_loc){src, line, 1, 3});
                break;
            }
            add(b, into,
                sr_dnode_new_text(b->a, SR_D_CODE_BLOCK,
                                  sr_arena_strdup(b->a, cmark_node_get_literal(c))));
            break;
        }
        case CMARK_NODE_HTML_BLOCK: {
            /* Raw HTML is not interpreted anywhere: shown as text, but for
             * its comments, which never reach the report. */
            container = false;
            const char *s = without_comments(b->a, cmark_node_get_literal(c), &unclosed);
            if (unclosed != SIZE_MAX)
                unclosed_comment(b, comment_at(src, line));
            if (!blank(s))
                add(b, into, sr_dnode_new_plain(b->a, SR_D_PARAGRAPH, sr_arena_strdup(b->a, s)));
            break;
        }
        case CMARK_NODE_THEMATIC_BREAK:
            container = false;
            break;
        case CMARK_NODE_TEXT:
        case CMARK_NODE_HTML_INLINE: /* shown as text, never interpreted; comments left out */
        case CMARK_NODE_CODE: {
            container = false;
            const char *s = cmark_node_get_literal(c);
            /* cmark makes a comment raw HTML, but for forms such as
             * `<!-- a -- b -->` and `<!--->`, which stay text: both are
             * comments to their writer. */
            if (t != CMARK_NODE_CODE) {
                bool html = t == CMARK_NODE_HTML_INLINE;
                const char *was = s;
                s = without_comments(b->a, s, &unclosed);
                if (unclosed != SIZE_MAX)
                    unclosed_comment(b, comment_at(src, text_line));
                if (!html && s != was && !*s) {
                    comment_gap = plain.len && sr_buf_str(&plain)[plain.len - 1] == ' ';
                    break;
                }
            }
            /* Words around a comment left out have one space between them,
             * not two. */
            if (t == CMARK_NODE_HTML_INLINE && !*s) {
                comment_gap = plain.len && sr_buf_str(&plain)[plain.len - 1] == ' ';
                break;
            }
            if (comment_gap && t == CMARK_NODE_TEXT)
                s += strspn(s, " ");
            comment_gap = false;
            if (!*s)
                break;
            add(b, into,
                sr_dnode_new_text(b->a, t == CMARK_NODE_CODE ? SR_D_CODE : SR_D_TEXT,
                                  sr_arena_strdup(b->a, s)));
            sr_buf_puts(&plain, s);
            break;
        }
        case CMARK_NODE_SOFTBREAK:
            container = false;
            add(b, into, sr_dnode_new_text(b->a, SR_D_TEXT, " "));
            sr_buf_putc(&plain, ' ');
            break;
        case CMARK_NODE_LINEBREAK:
            container = false;
            add(b, into, sr_dnode_new(b->a, SR_D_LINEBREAK));
            sr_buf_putc(&plain, ' ');
            break;
        default: /* images are not part of a narrative: keep their words */
            break;
        }
        if (!container)
            continue;
        if (!made && n >= MAX_NESTING - 1 && !too_deep &&
            (t == CMARK_NODE_LIST || t == CMARK_NODE_BLOCK_QUOTE || t == CMARK_NODE_EMPH ||
             t == CMARK_NODE_STRONG || t == CMARK_NODE_LINK)) {
            too_deep = true;
            sr_diag *g = sr_diag_add(
                b->d, SR_WARNING, (sr_loc){src, line, (unsigned)cmark_node_get_start_column(c), 1},
                "lists, quotations and emphasis are nested more than %d deep here; the words "
                "inside are kept, set at that depth",
                MAX_NESTING);
            sr_diag_hint(g, "nest them less deeply: a report reads best with two or three "
                            "levels at most");
        }
        if (n == cap) {
            cap *= 2;
            st = sr_xrealloc(st, cap * sizeof *st);
        }
        st[n++] = made ? (level){made, true} : (level){into, false};
    }
    sr_buf_free(&plain);
    free(st);
    cmark_iter_free(it);
}

/* ---- tables ----------------------------------------------------------------------------- */

/* What a rate is per, as the metrics work it out. */
#define RATE_WORDS "per 10,000 children aged 0 to 17"

/* A unit as the workbook's Unit column says it, in a reader's words: the
 * metrics' own names ("rate", "money") are codes, which the CSV and JSON
 * of `metrics` keep for programs. */
static const char *unit_words(sr_unit u)
{
    switch (u) {
    case SR_U_COUNT:
        return "count";
    case SR_U_MONEY:
        return "\xC2\xA3";
    case SR_U_PERCENTAGE:
        return "%";
    case SR_U_RATE:
        return RATE_WORDS;
    case SR_U_RATIO:
        return "ratio";
    }
    return sr_unit_name(u);
}

/* A note's number in the document's notes, adding it if new. */
static int note(builder *b, const char *text)
{
    sr_document *doc = b->doc;
    for (size_t i = 0; i < doc->nnotes; i++)
        if (strcmp(doc->notes[i], text) == 0)
            return (int)i + 1;
    if (doc->nnotes == b->notes_cap) {
        b->notes_cap = b->notes_cap ? b->notes_cap * 2 : 16;
        const char **v = sr_arena_alloc(b->a, b->notes_cap * sizeof *v);
        if (doc->nnotes)
            memcpy(v, doc->notes, doc->nnotes * sizeof *v);
        doc->notes = v;
    }
    doc->notes[doc->nnotes++] = text;
    return (int)doc->nnotes;
}

static sr_dtable *new_table(builder *b, size_t ncols, size_t maxrows)
{
    sr_dtable *t = sr_arena_alloc(b->a, sizeof *t);
    t->ncols = ncols;
    t->cols = sr_arena_alloc(b->a, ncols * sizeof *t->cols);
    for (size_t c = 0; c < ncols; c++)
        t->cols[c] = (sr_dcol){.shown = SR_OUT_ALL, .cur = -1, .prev = -1, .base = -1};
    t->cells = sr_arena_alloc(b->a, (maxrows ? maxrows : 1) * ncols * sizeof *t->cells);
    return t;
}

static sr_dcol *col(sr_dtable *t, size_t c, sr_dcol_kind k, const char *head, double width)
{
    sr_dcol *v = &t->cols[c];
    v->kind = k;
    v->head = head;
    v->width = width;
    return v;
}

static sr_dcell *cell(sr_dtable *t, size_t r, size_t c)
{
    return &t->cells[r * t->ncols + c];
}

static void text_cell(sr_dtable *t, size_t r, size_t c, const char *text)
{
    *cell(t, r, c) = (sr_dcell){.kind = SR_CELL_TEXT, .text = text ? text : ""};
}

static void value_cell(sr_dtable *t, size_t r, size_t c, const sr_mval *v, sr_unit u)
{
    *cell(t, r, c) = (sr_dcell){.kind = SR_CELL_VALUE, .unit = u, .v = *v};
}

static void change_cell(sr_dtable *t, size_t r, size_t c, const sr_cmp *cmp, sr_unit u)
{
    *cell(t, r, c) = (sr_dcell){.kind = SR_CELL_CHANGE, .unit = u, .cmp = cmp};
}

static sr_cmp *compare(builder *b, const sr_metric *mt, const sr_mrow *row)
{
    sr_cmp *c = sr_arena_alloc(b->a, sizeof *c);
    *c = sr_metric_compare(b->m, mt, row, 0);
    return c;
}

static void upper_first(char *s)
{
    s[0] = (char)toupper((unsigned char)s[0]);
}

/* The unit of a column of values as its header gives it, after the year:
 * " (£)", " (%)", " (per 10,000 children aged 0 to 17)"; "" for a count. */
static const char *unit_suffix(sr_unit u)
{
    switch (u) {
    case SR_U_MONEY:
        return " (\xC2\xA3)";
    case SR_U_PERCENTAGE:
        return " (%)";
    case SR_U_RATE:
        return " (" RATE_WORDS ")";
    case SR_U_RATIO:
        return " (ratio)";
    case SR_U_COUNT:
        break;
    }
    return "";
}

/* The same for a change: a change in a percentage is in points. */
static const char *change_suffix(sr_unit u)
{
    return u == SR_U_PERCENTAGE ? " (percentage points)" : unit_suffix(u);
}

/* A header with the unit of the values under it: the workbook's always
 * (its cells are bare numbers); the printed one only where the printed
 * figures do not say it themselves (a rate, a ratio: "351.4"). */
static void unit_head(builder *b, sr_dcol *c, const char *suffix, sr_unit u)
{
    if (!*suffix)
        return;
    c->data_head = sr_arena_printf(b->a, "%s%s", c->head, suffix);
    if (u == SR_U_RATE || u == SR_U_RATIO)
        c->head = c->data_head;
}

/* What comes after the last sep in s ("Training attendees by course",
 * " by ": "Course"), with a capital and hyphens as spaces; NULL when sep
 * is not in s or nothing follows it. In b's arena. */
static const char *by_words(builder *b, const char *s, const char *sep)
{
    const char *by = NULL;
    for (const char *p = s ? strstr(s, sep) : NULL; p; p = strstr(p + 1, sep))
        by = p + strlen(sep);
    if (!by || !*by)
        return NULL;
    char *h = sr_arena_strdup(b->a, by);
    for (char *p = h; *p; p++)
        if (*p == '-')
            *p = ' ';
    upper_first(h);
    return h;
}

/* What the rows of a metric with `each` are, for its first column's
 * header: what its label says they are by ("Training attendees by course":
 * "Course"), or its id ("contributions-by-partner": "Partner"); "Measure"
 * for a metric of one row, or one that says neither. */
static const char *row_head(builder *b, const sr_metric *mt)
{
    const char *h = NULL;
    if (mt->def->each) {
        h = by_words(b, mt->def->label, " by ");
        if (!h)
            h = by_words(b, mt->def->id, "-by-");
    }
    return h ? h : "Measure";
}

/* Adds a sentence to the note under t (nothing for NULL). */
static void add_note(builder *b, sr_dtable *t, const char *sentence)
{
    if (!sentence || !*sentence)
        return;
    t->note = t->note && *t->note ? sr_arena_printf(b->a, "%s %s", t->note, sentence) : sentence;
}

/* What a rate per 10,000 children is of: the child population of each
 * year compared, and where those figures come from (partnership.yaml's
 * `population`). NULL when partnership.yaml gives no population for the
 * year. Made once. */
static const char *population_note(builder *b)
{
    if (b->population)
        return *b->population ? b->population : NULL;
    const sr_partnership *p = b->ds->p;
    int y = b->ds->year0;
    int64_t now = sr_partnership_population(p, y), before = sr_partnership_population(p, y - 1);
    char n1[32], n0[32];
    sr_fmt_count(now, n1, sizeof n1);
    sr_fmt_count(before, n0, sizeof n0);
    sr_buf w = SR_BUF_INIT;
    if (now > 0 && before > 0)
        sr_buf_printf(&w,
                      "Rates are " RATE_WORDS ". The child population used is %s for %s and "
                      "%s for %s.",
                      n1, year_str(b->a, y), n0, year_str(b->a, y - 1));
    else if (now > 0)
        sr_buf_printf(&w, "Rates are " RATE_WORDS ". The child population used is %s for %s.", n1,
                      year_str(b->a, y));
    if (w.len && p->population_source && *p->population_source) {
        char *src = sr_arena_strdup(b->a, p->population_source);
        upper_first(src);
        size_t l = strlen(src);
        sr_buf_printf(&w, " Source: %s%s", src, l && src[l - 1] == '.' ? "" : ".");
    }
    b->population = sr_arena_strdup(b->a, sr_buf_str(&w));
    sr_buf_free(&w);
    return *b->population ? b->population : NULL;
}

/* A metric's rows: the year before, this year, a stated baseline when
 * some row is compared with one, the change. */
static sr_dtable *metric_table(builder *b, const sr_metric *mt)
{
    const sr_metrics *m = b->m;
    sr_unit u = mt->def->unit;
    /* A column of stated baselines when some row is compared with one. */
    size_t nbase = 0;
    int base_year = 0;
    bool one_year = true;
    for (size_t r = 0; r < mt->nrows; r++) {
        if (!sr_metric_row_shown(m, mt, &mt->rows[r], 0))
            continue;
        sr_cmp c = sr_metric_compare(m, mt, &mt->rows[r], 0);
        if (!c.from_baseline)
            continue;
        if (nbase++ == 0)
            base_year = c.prev_year;
        else if (c.prev_year != base_year)
            one_year = false;
    }
    size_t bc = nbase ? 3 : 0, ch = nbase ? 4 : 3;
    sr_dtable *t = new_table(b, ch + 2, mt->nrows);
    char period[128];
    t->caption = sr_metric_period(mt, 0, period, sizeof period)
                     ? sr_arena_printf(b->a, "%s, %s", mt->def->label, period)
                     : mt->def->label;
    sr_dcol *c0 = col(t, 0, SR_COL_LABEL, row_head(b, mt), 52);
    c0->wrap = true;
    sr_dcol *y1 = col(t, 1, SR_COL_VALUE, year_str(b->a, m->years[0] - 1), 14);
    y1->year = m->years[0] - 1;
    unit_head(b, y1, unit_suffix(u), u);
    sr_dcol *y2 = col(t, 2, SR_COL_VALUE, year_str(b->a, m->years[0]), 14);
    y2->year = m->years[0];
    unit_head(b, y2, unit_suffix(u), u);
    if (nbase) {
        sr_dcol *bl =
            col(t, bc, SR_COL_VALUE,
                one_year ? sr_arena_printf(b->a, "Baseline (%s)", year_str(b->a, base_year))
                         : "Baseline",
                14);
        bl->baseline = true;
        bl->year = one_year ? base_year : 0;
        unit_head(b, bl, unit_suffix(u), u);
    }
    for (size_t k = ch; k < ch + 2; k++) {
        sr_dcol *cc = col(t, k, k == ch ? SR_COL_CHANGE : SR_COL_CHANGE_PCT,
                          k == ch ? "Change" : "Change (%)", 14);
        cc->cur = 2;
        cc->prev = 1;
        cc->base = nbase ? (int)bc : -1;
        if (k == ch)
            unit_head(b, cc, change_suffix(u), u);
    }
    bool broken = false;
    const char *period_note = NULL; /* why periods of different length are not compared */
    sr_cmp brk = {0};               /* the first comparison a break stops */
    for (size_t r = 0; r < mt->nrows; r++) {
        const sr_mrow *row = &mt->rows[r];
        /* A row with no figure in either year (a measure not sent) is left
         * out, as in the summary, rather than shown as [x] twice. */
        if (!sr_metric_row_shown(m, mt, row, 0))
            continue;
        sr_cmp *c = compare(b, mt, row);
        size_t rr = t->nrows++;
        text_cell(t, rr, 0, mt->def->each ? row->label : mt->def->label);
        /* A stated baseline is not the year before: the change says its year. */
        sr_mval before = sr_metric_year_before(m, row);
        value_cell(t, rr, 1, &before, u);
        value_cell(t, rr, 2, &row->cells[0].v, u);
        if (nbase && c->from_baseline)
            value_cell(t, rr, bc, &c->prev, u);
        change_cell(t, rr, ch, c, u);
        change_cell(t, rr, ch + 1, c, u);
        if (c->status == SR_CMP_BREAK && !broken) {
            broken = true;
            brk = *c;
        }
        if (c->status == SR_CMP_PERIOD && !period_note) {
            char why[400];
            sr_cmp_words(c, u, why, sizeof why);
            upper_first(why);
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
        sr_cmp_words(&brk, u, w, sizeof w);
        upper_first(w);
        t->note = sr_arena_printf(b->a, "%s (%s).", w, brk.break_reason->v.text);
    }
    if (u == SR_U_RATE && t->nrows)
        add_note(b, t, population_note(b));
    return t;
}

/* The metric's table, made once: the report's block and the annex's
 * sheet are the same table. */
static sr_dtable *metric_table_of(builder *b, const sr_metric *mt)
{
    size_t k = (size_t)(mt - b->m->metrics);
    if (!b->tables[k])
        b->tables[k] = metric_table(b, mt);
    return b->tables[k];
}

/* The note a comparison that was refused needs, worded as the report's
 * table note, with the figure's label in front (the notes serve every
 * table): a break (in this year, or part-way through the year compared
 * with), or periods of different lengths. NULL for any other status. */
static const char *refused_note(builder *b, const sr_metric *mt, const sr_cmp *c)
{
    char w[400];
    if (c->status == SR_CMP_BREAK && c->break_reason && !c->break_earlier) {
        char when[40];
        sr_fmt_date((int32_t)c->break_date->v.i, when, sizeof when);
        return sr_arena_printf(b->a,
                               "%s: not compared with earlier years: the series was broken on "
                               "%s (%s).",
                               mt->def->label, when, c->break_reason->v.text);
    }
    if (c->status == SR_CMP_BREAK && c->break_reason) {
        sr_cmp_words(c, mt->def->unit, w, sizeof w);
        return sr_arena_printf(b->a, "%s: %s (%s).", mt->def->label, w, c->break_reason->v.text);
    }
    if (c->status == SR_CMP_PERIOD) {
        sr_cmp_words(c, mt->def->unit, w, sizeof w);
        return sr_arena_printf(b->a, "%s: %s.", mt->def->label, w);
    }
    return NULL;
}

/* The note of the first shown row of mt whose comparison was refused, as
 * " [note N]", or "". */
static const char *metric_note(builder *b, const sr_metric *mt)
{
    for (size_t r = 0; r < mt->nrows; r++) {
        const sr_mrow *row = &mt->rows[r];
        if (!sr_metric_row_shown(b->m, mt, row, 0))
            continue;
        sr_cmp c = sr_metric_compare(b->m, mt, row, 0);
        const char *t = refused_note(b, mt, &c);
        if (t)
            return sr_arena_printf(b->a, " [note %d]", note(b, t));
    }
    return "";
}

/* ---- the DfE's figures: England, the region, the neighbours ---------------------------- */

/* What the DfE's `low` and `k` become, and mean. */
#define LOW_WORDS                                                                                  \
    "[low] means the figure is close to zero, but not zero (the Department for Education's "       \
    "`low`, or `k` for a percentage under 0.5%)."

/* The comparison the summary shows for mt: of the report's year, or NULL. */
static const sr_bench_cmp *summary_bench(builder *b, const sr_metric *mt)
{
    return b->bench ? sr_chart_bench_find(b->bench, mt->def->id, b->m->years[0]) : NULL;
}

/* A figure of the DfE's as a cell: its value, shown as published. */
static void bench_cell(sr_dtable *t, size_t r, size_t c, const sr_mval *v, const char *shown,
                       sr_unit u)
{
    *cell(t, r, c) = (sr_dcell){.kind = SR_CELL_VALUE, .unit = u, .v = *v, .shown = shown};
}

/* The neighbours' average as a cell: the mean rounded to the places the
 * DfE publishes, as shown, so a copied cell holds the figure the report
 * gives (154.3, not 154.3125). */
static void mean_cell(sr_dtable *t, size_t r, size_t c, const sr_bench_cmp *bc)
{
    sr_mval v = bc->neighbours_mean;
    if (v.avail == SR_AVAILABLE && !v.suppressed && v.den != 0) {
        int64_t scale = 1;
        for (int i = 0; i < bc->places; i++)
            scale *= 10;
        v.num = sr_round_frac(v.num, v.den, bc->places);
        v.den = scale;
    }
    bench_cell(t, r, c, &v, bc->neighbours_mean_shown, bc->unit);
}

/* England's figure, the region's and the neighbours' average of bc as
 * cells c, c + 1 and c + 2 of row r. */
static void bench_cells(sr_dtable *t, size_t r, size_t c, const sr_bench_cmp *bc)
{
    bench_cell(t, r, c, &bc->england.v, bc->england.shown, bc->unit);
    bench_cell(t, r, c + 1, &bc->region.v, bc->region.shown, bc->unit);
    mean_cell(t, r, c + 2, bc);
}

/* The area's rank among the neighbours with a figure ("3 of 9"), or [x]. */
static const char *bench_rank(builder *b, const sr_bench_cmp *bc)
{
    return bc->rank ? sr_arena_printf(b->a, "%d of %zu", bc->rank, bc->rank_of) : "[x]";
}

/* The area's name as the comparisons give it, else partnership.yaml's. */
static const char *bench_area(builder *b)
{
    const sr_chart_bench *bn = b->bench;
    return bn && bn->n && bn->v[0].area.name ? bn->v[0].area.name : b->ds->p->area;
}

/* The region the comparisons name ("North West"), or NULL. */
static const char *bench_region(builder *b)
{
    for (size_t i = 0; b->bench && i < b->bench->n; i++)
        if (b->bench->v[i].region.code && b->bench->v[i].region.name)
            return b->bench->v[i].region.name;
    return NULL;
}

/* Where the summary's England, region and neighbours' columns come from,
 * for its note: the publications and releases of the files read, and the
 * neighbours' list with its date. NULL without benchmarks. */
static const char *bench_source_note(builder *b, bool summary)
{
    if (!b->bench)
        return NULL;
    sr_buf w = SR_BUF_INIT;
    for (size_t i = 0; i < b->bench->nfiles; i++) {
        const sr_bench_file *f = &b->bench->files[i];
        if (!f->publication)
            continue;
        const char *one = sr_chart_bench_publication(b->a, f->publication, f->release);
        if (!strstr(sr_buf_str(&w), one))
            sr_buf_printf(&w, "%s%s", w.len ? "; " : "", one);
    }
    const char *region = bench_region(b);
    const char *y = year_str(b->a, b->m->years[0]);
    const char *r = sr_arena_printf(
        b->a,
        "England, %s and the statistical neighbours' average: the Department for "
        "Education's published figures%s%s%s, as published, with its rounding; in these "
        "columns, [x] means not available: %s%s",
        region ? region : "the region", w.len ? " (" : "", sr_buf_str(&w), w.len ? ")" : "",
        summary ? sr_arena_printf(b->a,
                                  "the Department publishes the figure, but no file in the "
                                  "benchmarks folder gives it for %s",
                                  y)
                : sr_arena_printf(b->a, "the file has no figure for that area for %s", y),
        summary ? "; [z] means not applicable: the Department publishes no such figure (a "
                  "measure of the partnership's own)."
                : ".");
    sr_buf_free(&w);
    const sr_bench_cmp *c = b->bench->n ? &b->bench->v[0] : NULL;
    if (c && c->neighbours_as_of)
        r = sr_arena_printf(b->a,
                            "%s The neighbours' average is the mean of the figures of the %zu "
                            "statistical neighbours listed in partnership.yaml (the list of "
                            "%s%s%s) that have one.",
                            r, c->nneighbours, sr_chart_bench_month(b->a, c->neighbours_as_of),
                            c->neighbours_source ? ", " : "",
                            c->neighbours_source ? c->neighbours_source : "");
    return r;
}

/* The note naming a file the comparisons were read from: its path, the
 * publication, table and release, and where to download it. Its number,
 * made the first time it is asked for (so numbered in the order of first
 * use) and kept. */
static int bench_file_note(builder *b, const sr_bench_file *f)
{
    size_t i = (size_t)(f - b->bench->files);
    if (!b->file_notes)
        b->file_notes = sr_arena_alloc(b->a, b->bench->nfiles * sizeof *b->file_notes);
    if (b->file_notes[i])
        return b->file_notes[i];
    sr_buf w = SR_BUF_INIT;
    sr_buf_printf(&w, "%s: Department for Education, %s", f->file ? f->file : "",
                  f->publication ? f->publication : "");
    if (f->table)
        sr_buf_printf(&w, ", table %s", f->table);
    if (f->release)
        sr_buf_printf(&w, ", %s", f->release);
    if (f->url)
        sr_buf_printf(&w, " (%s)", f->url);
    sr_buf_puts(&w, ".");
    b->file_notes[i] = note(b, sr_arena_strdup(b->a, sr_buf_str(&w)));
    sr_buf_free(&w);
    return b->file_notes[i];
}

/* Where a figure was read: "data/benchmarks/c4-2023.csv, line 57
 * [note 4]", the note naming the file; "" for a figure no file gave. */
static const char *bench_where(builder *b, const sr_bsource *s, int *ref)
{
    *ref = 0;
    if (!s->file)
        return "";
    for (size_t i = 0; i < b->bench->nfiles && !*ref; i++)
        if (b->bench->files[i].file && strcmp(b->bench->files[i].file, s->file) == 0)
            *ref = bench_file_note(b, &b->bench->files[i]);
    if (*ref)
        return sr_arena_printf(b->a, "%s, line %u [note %d]", s->file, s->line, *ref);
    return sr_arena_printf(b->a, "%s, line %u", s->file, s->line);
}

/* Where each cell a figure was worked out from was read, "; " between
 * them (a rate per 10,000 children: its count's and its population's; the
 * local authorities together: each one's), into w, and the notes naming
 * their files into refs (at most cap, each once). */
static void figure_where(builder *b, const sr_bfigure *f, sr_buf *w, int *refs, size_t *nrefs,
                         size_t cap)
{
    if (f->nparts && f->how != SR_BHOW_READ) {
        for (size_t k = 0; k < f->nparts; k++) {
            figure_where(b, &f->parts[k], w, refs, nrefs, cap);
            if (f->weights && f->parts[k].how != SR_BHOW_PER_10000)
                figure_where(b, &f->weights[k], w, refs, nrefs, cap);
        }
        return;
    }
    int ref;
    const char *one = bench_where(b, &f->src, &ref);
    if (!*one)
        return;
    /* A line given once: a percentage and the count it is of are of one
     * row. */
    const char *at = strstr(sr_buf_str(w), one);
    size_t ol = strlen(one);
    if (at && (at[ol] == '\0' || at[ol] == ';'))
        return;
    sr_buf_printf(w, "%s%s", w->len ? "; " : "", one);
    bool seen = false;
    for (size_t i = 0; i < *nrefs && !seen; i++)
        seen = refs[i] == ref;
    if (ref && !seen && *nrefs < cap)
        refs[(*nrefs)++] = ref;
}

/* How the area's figure of c was worked out, in a sentence for a note, or
 * NULL for one read as the DfE publishes it: a rate worked out per 10,000
 * children, the local authorities together, and why such a figure is not
 * available. */
static const char *worked_out_note(builder *b, const sr_bench_cmp *c)
{
    sr_buf w = SR_BUF_INIT;
    if (c->per_10000)
        sr_buf_puts(&w, "The Department publishes the count, not this rate: the rates are worked "
                        "out from its counts and its estimates of the number of children aged 0 "
                        "to 17.");
    if (c->area.how == SR_BHOW_COMBINED)
        sr_buf_printf(&w, "%sThe area's figure is of its %zu local authorities together%s.",
                      w.len ? " " : "", c->area.nparts,
                      c->unit == SR_U_COUNT ? ", added"
                      : c->unit == SR_U_RATE
                          ? ", weighted by their numbers of children aged 0 to 17"
                          : ", weighted by the counts the percentages are of");
    if (c->area.why)
        sr_buf_printf(&w, "%sIt is %s: %s.", w.len ? " " : "",
                      c->area.sym == SR_BSYM_C ? "not shown, to protect small numbers"
                                               : "not available",
                      c->area.why);
    const char *r = w.len ? sr_arena_strdup(b->a, sr_buf_str(&w)) : NULL;
    sr_buf_free(&w);
    return r;
}

/* Every comparison the DfE's files give, each metric and year: the area's
 * figure as the DfE publishes it, England's, the region's, the neighbours'
 * average (of how many) and the area's rank, and where each row was read,
 * the file named in a note. NULL without benchmarks. */
static sr_dtable *bench_table(builder *b)
{
    if (!b->bench)
        return NULL;
    const sr_chart_bench *bn = b->bench;
    sr_dtable *t = new_table(b, 11, bn->n);
    t->caption = "Comparisons with England, the region and the statistical neighbours";
    const char *area = bench_area(b);
    const char *region = bench_region(b);
    col(t, 0, SR_COL_LABEL, "Measure", 50)->wrap = true;
    col(t, 1, SR_COL_TEXT, "Year", 10);
    col(t, 2, SR_COL_TEXT, "Unit", 12);
    col(t, 3, SR_COL_VALUE, sr_arena_printf(b->a, "%s (DfE)", area ? area : "Area"), 14);
    col(t, 4, SR_COL_VALUE, "England", 14);
    col(t, 5, SR_COL_VALUE, region ? region : "Region", 14);
    col(t, 6, SR_COL_VALUE, "Neighbours' average", 14);
    col(t, 7, SR_COL_TEXT, "Neighbours with a figure", 14);
    col(t, 8, SR_COL_TEXT, "Rank among neighbours", 14);
    col(t, 9, SR_COL_TEXT, "Read from", 40)->wrap = true;
    col(t, 10, SR_COL_TEXT, "Notes", 40)->wrap = true;
    for (size_t i = 0; i < bn->n; i++) {
        const sr_bench_cmp *c = &bn->v[i];
        const sr_metric *mt = sr_metrics_find(b->m, c->metric_id);
        size_t r = t->nrows++;
        text_cell(t, r, 0, mt ? mt->def->label : c->metric_id);
        text_cell(t, r, 1, year_str(b->a, c->year));
        text_cell(t, r, 2, unit_words(c->unit));
        bench_cell(t, r, 3, &c->area.v, c->area.shown, c->unit);
        bench_cells(t, r, 4, c);
        text_cell(t, r, 7, sr_arena_printf(b->a, "%zu of %zu", c->nmean, c->nneighbours));
        text_cell(t, r, 8, bench_rank(b, c));
        /* The area's row (every row it was worked out from), or
         * England's when the area has none. */
        sr_buf wh = SR_BUF_INIT;
        int *refs = sr_arena_alloc(b->a, 8 * sizeof *refs);
        size_t nrefs = 0;
        figure_where(b, &c->area, &wh, refs, &nrefs, 8);
        if (!wh.len)
            figure_where(b, &c->england, &wh, refs, &nrefs, 8);
        text_cell(t, r, 9, sr_arena_strdup(b->a, sr_buf_str(&wh)));
        sr_buf_free(&wh);
        if (nrefs) {
            cell(t, r, 9)->notes = refs;
            cell(t, r, 9)->nnotes = nrefs;
        }
        sr_buf w = SR_BUF_INIT;
        const char *how = worked_out_note(b, c);
        if (how)
            sr_buf_puts(&w, how);
        if (c->local_differs) {
            char lv[64];
            sr_mval_format(&c->local, c->unit, lv, sizeof lv);
            sr_buf_printf(&w, "%sThe partners' submissions give %s.", w.len ? " " : "", lv);
        }
        if (c->break_note)
            sr_buf_printf(&w, "%s%s", w.len ? " " : "",
                          sr_chart_bench_sentence(b->a, c->break_note));
        text_cell(t, r, 10, sr_arena_strdup(b->a, sr_buf_str(&w)));
        sr_buf_free(&w);
    }
    return t;
}

/* A measure's name inside a sentence: "children in need during the
 * year", its first letter lower case (unless its first word is an
 * abbreviation, such as "GP"). */
static const char *lower_first(builder *b, const char *label)
{
    char *s = sr_arena_strdup(b->a, label);
    if (s[0] && !(s[1] && isupper((unsigned char)s[1])))
        s[0] = (char)tolower((unsigned char)s[0]);
    return s;
}

/* The measures of the summary the DfE publishes, for the report's year:
 * the area's figure as the DfE publishes it, England's, the region's,
 * the neighbours' average and the area's rank. Printed instead of
 * England, region and neighbours' columns in the summary, where most rows
 * (the partnership's own measures) would have none: a reader, or a screen
 * reader, gets only rows that compare. NULL without benchmarks. */
static sr_dtable *compare_table(builder *b)
{
    if (!b->bench)
        return NULL;
    const sr_metrics *m = b->m;
    const char *y = year_str(b->a, m->years[0]);
    const char *area = bench_area(b);
    const char *region = bench_region(b);
    sr_dtable *t = new_table(b, 6, m->nmetrics);
    t->caption = sr_arena_printf(b->a,
                                 "How %s compares with England, %s and its statistical "
                                 "neighbours, %s",
                                 area, region ? region : "its region", y);
    /* Every column is of the caption's year, and the only year shown:
     * the headers stay short, so the measures keep their room. */
    col(t, 0, SR_COL_LABEL, "Measure", 60)->wrap = true;
    col(t, 1, SR_COL_VALUE, sr_arena_printf(b->a, "%s (DfE)", area), 14);
    col(t, 2, SR_COL_VALUE, "England", 14);
    col(t, 3, SR_COL_VALUE, region ? region : "Region", 14);
    col(t, 4, SR_COL_VALUE, "Neighbours' average", 14);
    col(t, 5, SR_COL_TEXT, "Rank", 10);
    sr_buf notes = SR_BUF_INIT, absent = SR_BUF_INIT;
    size_t nfig = 0, nwhy = 0;
    const char **whys = sr_arena_alloc(b->a, (m->nmetrics ? m->nmetrics : 1) * sizeof *whys);
    sr_buf *why_of = sr_arena_alloc(b->a, (m->nmetrics ? m->nmetrics : 1) * sizeof *why_of);
    bool *why_c = sr_arena_alloc(b->a, (m->nmetrics ? m->nmetrics : 1) * sizeof *why_c);
    for (size_t k = 0; k < m->nmetrics; k++) {
        const sr_metric *mt = &m->metrics[k];
        /* Every measure the DfE's files give, whether or not the partners
         * sent their own figure for it: the table shows the Department's. */
        if (mt->def->each || mt->nrows != 1 || mt->def->local)
            continue;
        /* A measure with a comparison is mapped: the spec is searched only
         * for one without. */
        const sr_bench_cmp *bc = summary_bench(b, mt);
        if (!bc && !sr_chart_bench_mapped(b->bench, mt->def->id))
            continue;
        if (!bc) {
            /* The DfE publishes it, but no file gives the year: named in
             * the note, not a row of [x] read out cell by cell. */
            sr_buf_printf(&absent, "%s%s", absent.len ? ", " : "", lower_first(b, mt->def->label));
            continue;
        }
        size_t r = t->nrows++;
        text_cell(t, r, 0, mt->def->label);
        nfig++;
        bench_cell(t, r, 1, &bc->area.v, bc->area.shown, bc->unit);
        bench_cells(t, r, 2, bc);
        text_cell(t, r, 5, bench_rank(b, bc));
        if (bc->local_differs) {
            char lv[64];
            sr_mval_format(&bc->local, bc->unit, lv, sizeof lv);
            sr_buf_printf(&notes,
                          " %s: the partners' submissions give %s (the year-on-year summary), "
                          "the Department's figure for the area %s.",
                          mt->def->label, lv, bc->area.shown ? bc->area.shown : "[x]");
        }
        if (bc->per_10000)
            sr_buf_printf(&notes,
                          " %s: the Department publishes the count, not the rate; the rates are "
                          "worked out from its counts and its estimates of the number of "
                          "children aged 0 to 17.",
                          mt->def->label);
        /* The measures whose figure is not available for one reason are
         * named together, in a sentence after the table's others. */
        if (bc->area.why) {
            size_t w = 0;
            while (w < nwhy && strcmp(whys[w], bc->area.why) != 0)
                w++;
            if (w == nwhy) {
                why_c[nwhy] = bc->area.sym == SR_BSYM_C;
                whys[nwhy] = bc->area.why;
                why_of[nwhy++] = (sr_buf)SR_BUF_INIT;
            }
            sr_buf_printf(&why_of[w], "%s%s", why_of[w].len ? "; " : "", mt->def->label);
        }
        char period[128];
        if (sr_metric_period(mt, 0, period, sizeof period))
            sr_buf_printf(&notes,
                          " %s: the Department's figures are for the whole year; the partners' "
                          "own figure in the year-on-year summary covers %s only.",
                          mt->def->label, period);
        const char *own = sr_chart_bench_own_break(bc);
        if (own)
            sr_buf_printf(&notes, " %s: the Department's %s", mt->def->label,
                          sr_chart_bench_clause(b->a, own, true));
    }
    for (size_t w = 0; w < nwhy; w++) {
        bool many = strchr(sr_buf_str(&why_of[w]), ';') != NULL;
        sr_buf_printf(&notes, " %s: %s's figure%s %s, as %s.", sr_buf_str(&why_of[w]), area,
                      many ? "s are" : " is",
                      why_c[w] ? "not shown, to protect small numbers" : "not available", whys[w]);
        sr_buf_free(&why_of[w]);
    }
    if (!nfig) {
        sr_buf_free(&notes);
        sr_buf_free(&absent);
        t->nrows = 0;
        return t;
    }
    if (absent.len)
        sr_buf_printf(&notes,
                      " The Department publishes these too, but no file in the benchmarks "
                      "folder gives them for %s: %s.",
                      y, sr_buf_str(&absent));
    sr_buf_free(&absent);
    add_note(b, t, bench_source_note(b, false));
    const sr_bfigure *whole = &b->bench->v[0].area;
    add_note(b, t,
             sr_arena_printf(b->a,
                             "%s's figures are %s, and the rank is of them: 1 is the highest of "
                             "%s and the neighbours with a figure for the measure (8 of 9 is "
                             "eighth of %s and 8 neighbours); the average is of the same "
                             "neighbours. The partnership's other measures are not published by "
                             "the Department and are in the year-on-year summary only.",
                             area,
                             whole->how == SR_BHOW_COMBINED
                                 ? "worked out from the Department's published figures for its "
                                   "local authorities"
                                 : "the Department's published figures for the area",
                             area, area));
    if (whole->how == SR_BHOW_COMBINED) {
        sr_buf las = SR_BUF_INIT;
        for (size_t k = 0; k < whole->nparts; k++)
            sr_buf_printf(&las, "%s%s",
                          k == 0                   ? ""
                          : k + 1 == whole->nparts ? " and "
                                                   : ", ",
                          whole->parts[k].name ? whole->parts[k].name : "");
        add_note(b, t,
                 sr_arena_printf(b->a,
                                 "%s's figures are those of its %zu local authorities (%s) "
                                 "together: their counts added, their rates weighted by their "
                                 "numbers of children aged 0 to 17, and their percentages by the "
                                 "counts they are of. A figure one of them does not have, or "
                                 "has suppressed, is not available, or suppressed, for the "
                                 "whole.",
                                 area, whole->nparts, sr_buf_str(&las)));
        sr_buf_free(&las);
    }
    if (notes.len)
        add_note(b, t, sr_arena_strdup(b->a, sr_buf_str(&notes) + 1));
    sr_buf_free(&notes);
    return t;
}

/* Every single-valued metric of the catalogue (local: every local measure
 * instead): the year before, this year, the change; for the workbook also
 * the unit, the percentage change, a stated baseline and the notes. */
static sr_dtable *summary_table(builder *b, bool local)
{
    const sr_metrics *m = b->m;
    /* With benchmarks, the summary (not the local measures) has England,
     * the region, the neighbours' average and the rank, before its notes. */
    bool bench = !local && b->bench;
    size_t nc = bench ? 12 : 8; /* the notes' column */
    sr_dtable *t = new_table(b, nc + 1, m->nmetrics);
    t->caption = local ? "Local measures" : "Year-on-year summary";
    bool rates = false;
    sr_dcol *c0 = col(t, 0, SR_COL_LABEL, "Measure", 60);
    c0->wrap = true;
    col(t, 1, SR_COL_TEXT, "Unit", 12)->shown = SR_OUT_DATA;
    col(t, 2, SR_COL_VALUE, year_str(b->a, m->years[0] - 1), 14)->year = m->years[0] - 1;
    col(t, 3, SR_COL_VALUE, year_str(b->a, m->years[0]), 14)->year = m->years[0];
    sr_dcol *cw = col(t, 4, SR_COL_CHANGE, "Change", 14);
    cw->words = true;
    sr_dcol *cp = col(t, 5, SR_COL_CHANGE_PCT, "Change (%)", 14);
    cp->shown = SR_OUT_DATA;
    for (sr_dcol *cc = cw; cc <= cp; cc++)
        cc->cur = 3, cc->prev = 2, cc->base = 7;
    col(t, 6, SR_COL_TEXT, "Baseline year", 14)->shown = SR_OUT_DATA;
    sr_dcol *bl = col(t, 7, SR_COL_VALUE, "Baseline", 14);
    bl->shown = SR_OUT_DATA;
    bl->baseline = true;
    if (bench) {
        /* In the workbook only: printed, they would give most rows three
         * cells of [z] (the partnership's own measures), which a screen
         * reader reads out row by row. The report prints the measures the
         * DfE publishes in a table of their own (compare_table). */
        const char *region = bench_region(b);
        const char *y = year_str(b->a, m->years[0]);
        sr_dcol *dc[4] = {
            col(t, 8, SR_COL_VALUE, sr_arena_printf(b->a, "England %s", y), 14),
            col(t, 9, SR_COL_VALUE, sr_arena_printf(b->a, "%s %s", region ? region : "Region", y),
                14),
            col(t, 10, SR_COL_VALUE, sr_arena_printf(b->a, "Neighbours' average %s", y), 14),
            col(t, 11, SR_COL_TEXT,
                sr_arena_printf(b->a, "Rank among neighbours %s (of the DfE's figure)", y), 14)};
        for (size_t q = 0; q < 4; q++) {
            dc[q]->year = m->years[0];
            dc[q]->shown = SR_OUT_DATA;
        }
    }
    sr_dcol *notes_col = col(t, nc, SR_COL_TEXT, "Notes", 30);
    notes_col->shown = SR_OUT_DATA;
    notes_col->wrap = true;
    for (size_t k = 0; k < m->nmetrics; k++) {
        const sr_metric *mt = &m->metrics[k];
        if (mt->def->each || mt->nrows != 1 || mt->def->local != local ||
            !sr_metric_row_shown(m, mt, &mt->rows[0], 0))
            continue;
        const sr_mrow *row = &mt->rows[0];
        sr_unit u = mt->def->unit;
        sr_cmp *c = compare(b, mt, row);
        size_t rr = t->nrows++;
        char period[128], before_p[128];
        bool part = sr_metric_period(mt, 0, period, sizeof period);
        text_cell(t, rr, 0,
                  part ? sr_arena_printf(b->a, "%s (%s)", mt->def->label, period) : mt->def->label);
        text_cell(t, rr, 1, unit_words(u));
        sr_mval before = sr_metric_year_before(m, row);
        value_cell(t, rr, 2, &before, u);
        value_cell(t, rr, 3, &row->cells[0].v, u);
        change_cell(t, rr, 4, c, u);
        change_cell(t, rr, 5, c, u);
        if (c->from_baseline) {
            text_cell(t, rr, 6, year_str(b->a, c->prev_year));
            value_cell(t, rr, 7, &c->prev, u);
        }
        /* The notes: a comparison refused, a figure over part of the year
         * (whether or not it was compared), a stated baseline, the
         * population a rate is of. */
        sr_buf n = SR_BUF_INIT;
        int refs[5];
        size_t nrefs = 0;
        const char *refused = refused_note(b, mt, c);
        if (refused) {
            refs[nrefs] = note(b, refused);
            sr_buf_printf(&n, "[note %d]", refs[nrefs++]);
        }
        if (part && c->status != SR_CMP_PERIOD) {
            bool pb = m->nyears > 1 && m->have[1] && m->years[1] == c->prev_year &&
                      sr_metric_period(mt, 1, before_p, sizeof before_p);
            const char *w =
                pb ? sr_arena_printf(b->a,
                                     "%s: the figures for %s cover %s, and those for %s %s, "
                                     "not the whole year.",
                                     mt->def->label, year_str(b->a, m->years[0]), period,
                                     year_str(b->a, c->prev_year), before_p)
                   : sr_arena_printf(b->a, "%s: the figures for %s cover %s, not the whole year.",
                                     mt->def->label, year_str(b->a, m->years[0]), period);
            refs[nrefs] = note(b, w);
            sr_buf_printf(&n, "%s[note %d]", n.len ? " " : "", refs[nrefs++]);
        }
        if (c->from_baseline) {
            refs[nrefs] = note(b, sr_arena_printf(b->a,
                                                  "%s: compared with %s, the baseline the "
                                                  "partner gave, not with the year before.",
                                                  mt->def->label, year_str(b->a, c->prev_year)));
            sr_buf_printf(&n, "%s[note %d]", n.len ? " " : "", refs[nrefs++]);
        }
        const char *pop = u == SR_U_RATE ? population_note(b) : NULL;
        if (pop) {
            refs[nrefs] = note(b, pop);
            sr_buf_printf(&n, "%s[note %d]", n.len ? " " : "", refs[nrefs++]);
            rates = true;
        }
        const sr_bench_cmp *bc = bench ? summary_bench(b, mt) : NULL;
        if (bc) {
            bench_cells(t, rr, 8, bc);
            text_cell(t, rr, 11, bench_rank(b, bc));
            /* The DfE's figures for the year, with what they leave out. */
            sr_buf bn = SR_BUF_INIT;
            if (bc->nmean < bc->nneighbours)
                sr_buf_printf(&bn,
                              "%s: the neighbours' average is of the %zu of the %zu "
                              "statistical neighbours with a figure for %s.",
                              mt->def->label, bc->nmean, bc->nneighbours,
                              year_str(b->a, m->years[0]));
            if (bc->local_differs) {
                char lv[64];
                sr_mval_format(&bc->local, u, lv, sizeof lv);
                sr_buf_printf(&bn,
                              "%s%s: the figure from the partners' submissions (%s) differs "
                              "from the Department for Education's for the area (%s); England, "
                              "the region and the neighbours are the Department's, and the rank "
                              "is of the Department's figure for the area.",
                              bn.len ? " " : "", mt->def->label, lv,
                              bc->area.shown ? bc->area.shown : "[x]");
            }
            if (part)
                sr_buf_printf(&bn,
                              "%s%s: the partners' figure covers %s; the Department for "
                              "Education's figures are for the whole year.",
                              bn.len ? " " : "", mt->def->label, period);
            /* Only a note on the DfE's figures of the year: the change
             * beside them is the partners' own, which no revision of the
             * DfE's touches. */
            const char *own = sr_chart_bench_own_break(bc);
            if (own)
                sr_buf_printf(&bn, "%s%s: the Department for Education's %s", bn.len ? " " : "",
                              mt->def->label, sr_chart_bench_clause(b->a, own, true));
            if (bn.len) {
                refs[nrefs] = note(b, sr_arena_strdup(b->a, sr_buf_str(&bn)));
                sr_buf_printf(&n, "%s[note %d]", n.len ? " " : "", refs[nrefs++]);
            }
            sr_buf_free(&bn);
        } else if (bench) {
            /* No empty cell: [x] where the DfE publishes the figure (a
             * table in benchmarks.yaml maps it) but no file gives it for
             * the year, [z] where the DfE publishes no such figure. */
            bool mapped = sr_chart_bench_mapped(b->bench, mt->def->id);
            sr_mval none = {mapped ? SR_NOT_AVAILABLE : SR_NOT_APPLICABLE, 0, 1, false, false};
            for (size_t q = 8; q < 11; q++)
                value_cell(t, rr, q, &none, u);
            text_cell(t, rr, 11, mapped ? "[x]" : "[z]");
        }
        text_cell(t, rr, nc, sr_arena_strdup(b->a, sr_buf_str(&n)));
        sr_buf_free(&n);
        if (nrefs) {
            int *v = sr_arena_alloc(b->a, nrefs * sizeof *v);
            memcpy(v, refs, nrefs * sizeof *v);
            cell(t, rr, nc)->notes = v;
            cell(t, rr, nc)->nnotes = nrefs;
        }
    }
    /* Where a printed row is a rate, the note says of which population. */
    if (rates)
        add_note(b, t, population_note(b));
    return t;
}

static sr_dtable *summary_of(builder *b, bool local)
{
    sr_dtable **t = local ? &b->local : &b->summary;
    if (!*t)
        *t = summary_table(b, local);
    return *t;
}

/* One row per member and meeting, as recorded. */
static sr_dtable *attendance_table(builder *b)
{
    sr_attendance_tally at;
    sr_metrics_attendance(b->a, b->ds->have[0], &at);
    sr_dtable *t = new_table(b, 5, at.nentries);
    col(t, 0, SR_COL_LABEL, "Body", 28);
    col(t, 1, SR_COL_TEXT, "Date", 18);
    col(t, 2, SR_COL_TEXT, "Member", 48);
    col(t, 3, SR_COL_TEXT, "Partner id", 16);
    col(t, 4, SR_COL_TEXT, "Attendance", 16);
    static const char *const words[] = {"Attended", "Sent apologies", "Absent"};
    for (size_t i = 0; i < at.nentries; i++) {
        const sr_attendance_entry *e = &at.entries[i];
        const sr_meeting *mt = &at.meetings[e->meeting];
        if (!mt->dated)
            continue;
        size_t rr = t->nrows++;
        char when[40];
        sr_fmt_date(mt->date, when, sizeof when);
        const sr_partner *pt = e->partner ? sr_partnership_find(b->ds->p, e->partner) : NULL;
        text_cell(t, rr, 0, mt->body);
        text_cell(t, rr, 1, sr_arena_strdup(b->a, when));
        text_cell(t, rr, 2, pt ? sr_partner_name_in(pt, b->ds->year0) : e->partner);
        text_cell(t, rr, 3, e->partner);
        text_cell(t, rr, 4, words[e->how]);
    }
    return t;
}

/* What attendees of training answered, as tallies. */
static sr_dtable *evaluations_table(builder *b)
{
    sr_evaluation_tally ev;
    sr_metrics_evaluations(b->a, b->m, &ev);
    sr_dtable *t = new_table(b, 4, ev.n);
    col(t, 0, SR_COL_LABEL, "Evaluation", 52)->wrap = true;
    col(t, 1, SR_COL_TEXT, "Answer", 30);
    col(t, 2, SR_COL_VALUE, "Score", 12)->year = b->ds->year0;
    col(t, 3, SR_COL_VALUE, "Responses", 12)->year = b->ds->year0;
    for (size_t i = 0; i < ev.n; i++) {
        size_t rr = t->nrows++;
        text_cell(t, rr, 0, ev.v[i].evaluation);
        text_cell(t, rr, 1, ev.v[i].answer);
        value_cell(t, rr, 2, &ev.v[i].score, SR_U_COUNT);
        value_cell(t, rr, 3, &ev.v[i].responses, SR_U_COUNT);
    }
    return t;
}

/* The rows of a metric's sheet: those with a figure in either year. */
static size_t metric_rows(const sr_metrics *m, const sr_metric *mt)
{
    size_t n = 0;
    for (size_t r = 0; r < mt->nrows; r++)
        n += sr_metric_row_shown(m, mt, &mt->rows[r], 0);
    return n;
}

/* The annex's sheets that are not a metric's, named by the builder. */
static const char *const fixed_sheets[] = {"Summary", "Local_measures", "Attendance", "Evaluations",
                                           "Benchmarks"};

/* Whether name is taken in the workbook: one of its own sheets, one the
 * builder names (which a metric's sheet never takes, even before that one
 * is planned), or a sheet planned before; compared as Excel does, ignoring
 * case. */
static bool sheet_taken(const builder *b, const char *name)
{
    static const char *const own[] = SR_ANNEX_OWN_SHEETS;
    for (size_t i = 0; i < sizeof own / sizeof *own; i++)
        if (strcasecmp(own[i], name) == 0)
            return true;
    for (size_t i = 0; i < sizeof fixed_sheets / sizeof *fixed_sheets; i++)
        if (strcasecmp(fixed_sheets[i], name) == 0)
            return true;
    for (size_t i = 0; i < b->nsheets; i++)
        if (strcasecmp(b->sheets[i]->table->sheet, name) == 0)
            return true;
    return false;
}

/* Sheet and table names: letters, digits and underscores, starting with a
 * capital letter, at most SR_SHEET_NAME_MAX characters: income-by-group ->
 * Income_by_group. A name already taken (a metric `attendance` beside the
 * Attendance sheet, two ids alike in their first 31 characters) gets the
 * first free "_2", "_3"..., shortened to fit, so no sheet is lost. */
static const char *sheet_name(builder *b, const char *id)
{
    for (size_t i = 0; i < sizeof fixed_sheets / sizeof *fixed_sheets; i++)
        if (strcmp(fixed_sheets[i], id) == 0)
            return id; /* the builder's own, taken by no metric */
    char base[SR_SHEET_NAME_MAX + 1];
    snprintf(base, sizeof base, "%s", id);
    for (char *p = base; *p; p++)
        if (!isalnum((unsigned char)*p))
            *p = '_';
    base[0] = (char)toupper((unsigned char)base[0]);
    if (!sheet_taken(b, base))
        return sr_arena_strdup(b->a, base);
    /* There are fewer sheets than numbers to try, so one is free. */
    for (size_t k = 2;; k++) {
        char suffix[24], name[SR_SHEET_NAME_MAX + 1];
        int ns = snprintf(suffix, sizeof suffix, "_%zu", k);
        int keep = SR_SHEET_NAME_MAX - ns;
        snprintf(name, sizeof name, "%.*s%s", keep, base, suffix);
        if (!sheet_taken(b, name))
            return sr_arena_strdup(b->a, name);
    }
}

/* Whether a cell the workbook shows of t is hidden by disclosure control
 * ([c]): a value, or a change from or to one. */
static bool hides_figures(const sr_dtable *t)
{
    for (size_t r = 0; r < t->nrows; r++)
        for (size_t c = 0; c < t->ncols; c++) {
            const sr_dcell *cell = sr_dtable_cell(t, r, c);
            if (!(t->cols[c].shown & SR_OUT_DATA))
                continue;
            if ((cell->kind == SR_CELL_VALUE && cell->v.suppressed) ||
                (cell->kind == SR_CELL_CHANGE && cell->cmp &&
                 cell->cmp->status == SR_CMP_SUPPRESSED))
                return true;
        }
    return false;
}

static void sheet(builder *b, sr_dtable *t, const char *name, const char *title, const char *desc)
{
    t->sheet = sheet_name(b, name);
    t->title = title;
    /* A sheet that hides small numbers refers to the note that says how;
     * the note is written only when a sheet does. */
    if (b->disclosure && hides_figures(t))
        desc = sr_arena_printf(b->a, "%s [note %d]", desc, note(b, b->disclosure));
    t->desc = desc;
    sr_dnode *n = sr_dnode_new(b->a, SR_D_TABLE);
    n->table = t;
    b->sheets[b->nsheets++] = n;
}

/* The shorthand the outputs print, in the order its explanations are
 * given. */
enum { SH_X = 1, SH_Z = 2, SH_C = 4, SH_LOW = 8 };

static unsigned shorthand_of(const char *s);
static unsigned shorthand_in(const sr_dtable *t);

/* The data annex: which tables the workbook holds, in order, and the
 * notes they refer to, numbered as they are planned. Made before the
 * sections, so the report's tables are the annex's. */
static void plan_annex(builder *b)
{
    const sr_metrics *m = b->m;
    const sr_partnership *p = b->ds->p;
    const char *yr = year_str(b->a, b->ds->year0);
    b->sheets = sr_arena_alloc(b->a, (m->nmetrics + 6) * sizeof *b->sheets);
    note(b, "[x] means not available, [z] not applicable (such as a change across a series "
            "break or from 0), [c] hidden to protect small numbers.");
    if (p->disclosure_control)
        b->disclosure = sr_arena_printf(b->a,
                                        "Counts from 1 to %lld are hidden as [c], and a second "
                                        "figure is hidden wherever a hidden one could be worked "
                                        "out from a total.",
                                        (long long)p->suppression_threshold);
    /* The metric sheets' notes are numbered first, then the summary's,
     * then the local measures'. */
    const char **descs = sr_arena_alloc(b->a, (m->nmetrics + 1) * sizeof *descs);
    for (size_t k = 0; k < m->nmetrics; k++) {
        const sr_metric *mt = &m->metrics[k];
        descs[k] = NULL;
        if (!mt->def->each || !sr_metric_has_figures(mt, 0) || metric_rows(m, mt) == 0)
            continue;
        /* A sheet whose comparisons a break (or periods of different
         * lengths) stops says why, as the report's table note does. */
        descs[k] = sr_arena_printf(
            b->a, "Rows as submitted by partners, with the year before and the change. [note 1]%s",
            metric_note(b, mt));
    }
    sr_dtable *sum = summary_of(b, false), *loc = summary_of(b, true);
    /* A sheet only for a table with figures: no sheet is all [x], or
     * "none given". */
    if (sum->nrows)
        sheet(b, sum, "Summary", sr_arena_printf(b->a, "Every figure, %s and the year before", yr),
              b->bench ? sr_arena_printf(b->a,
                                         "Each figure of the report with the year before and the "
                                         "change, and the Department for Education's figures "
                                         "for %s. Change columns are formulas. [note 1] [note %d]",
                                         yr, note(b, bench_source_note(b, true)))
                       : "Each figure of the report with the year before and the change. "
                         "Change columns are formulas. [note 1]");
    for (size_t k = 0; k < m->nmetrics; k++) {
        const sr_metric *mt = &m->metrics[k];
        if (!descs[k])
            continue;
        /* Figures over a part of the year give that period, as the report's
         * caption does. */
        char period[128];
        const char *when = sr_metric_period(mt, 0, period, sizeof period) ? period : yr;
        sheet(b, metric_table_of(b, mt), mt->def->id,
              sr_arena_printf(b->a, "%s, %s", mt->def->label, when), descs[k]);
    }
    if (loc->nrows)
        sheet(b, loc, "Local_measures", sr_arena_printf(b->a, "Local measures, %s", yr),
              "Measures partners sent that are not in the metrics catalogue, "
              "with the year before and the change. Change columns are "
              "formulas. [note 1]");
    sr_dtable *att = attendance_table(b);
    if (att->nrows)
        sheet(b, att, "Attendance",
              sr_arena_printf(b->a, "Attendance at partnership meetings, %s", yr),
              "One row per member and meeting, as recorded.");
    sr_dtable *ev = evaluations_table(b);
    if (ev->nrows)
        sheet(b, ev, "Evaluations", sr_arena_printf(b->a, "Training evaluations, %s", yr),
              "What attendees answered, as tallies. [note 1]");
    sr_dtable *bt = bench_table(b);
    if (bt && bt->nrows) {
        /* The sheet's description names the notes of every file read. */
        sr_buf refs = SR_BUF_INIT;
        if (shorthand_in(bt) & SH_LOW)
            sr_buf_printf(&refs, " [note %d]", note(b, LOW_WORDS));
        for (size_t i = 0; i < b->bench->nfiles; i++)
            sr_buf_printf(&refs, " [note %d]", bench_file_note(b, &b->bench->files[i]));
        sheet(b, bt, "Benchmarks",
              sr_arena_printf(b->a,
                              "How %s compares with England, its region and its "
                              "statistical neighbours",
                              bench_area(b)),
              sr_arena_printf(b->a,
                              "The Department for Education's published figures, as published "
                              "(its rounding and its shorthand), for each measure and year its "
                              "files give, with the file and line each was read from. [note 1]%s",
                              sr_buf_str(&refs)));
        sr_buf_free(&refs);
    }
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
    sr_dtable *t = new_table(b, 3, p->nlead_partners);
    t->caption = "The lead safeguarding partners";
    col(t, 0, SR_COL_LABEL, "Partner", 0);
    col(t, 1, SR_COL_TEXT, "Lead safeguarding partner", 0);
    col(t, 2, SR_COL_TEXT, "Delegated safeguarding partner", 0);
    for (size_t i = 0; i < p->nlead_partners; i++) {
        const sr_lead_partner *lp = &p->lead_partners[i];
        const sr_partner *pt = sr_partnership_find(p, lp->partner);
        size_t rr = t->nrows++;
        text_cell(t, rr, 0, pt ? sr_partner_name_in(pt, b->ds->year0) : lp->partner);
        text_cell(t, rr, 1,
                  lp->lead_name ? sr_arena_printf(b->a, "%s, %s", lp->lead_name, lp->lead)
                                : lp->lead);
        text_cell(t, rr, 2,
                  lp->delegate_name
                      ? sr_arena_printf(b->a, "%s, %s", lp->delegate_name, lp->delegate)
                      : lp->delegate);
    }
    return t;
}

/* ---- data blocks ---------------------------------------------------------------------- */

static sr_dnode *table_node(builder *b, sr_dtable *t)
{
    sr_dnode *n = sr_dnode_new(b->a, SR_D_TABLE);
    n->table = t;
    return n;
}

/* A draft's note in place of what has no figures. */
static sr_dnode *note_node(builder *b, const char *text)
{
    return sr_dnode_new_plain(b->a, SR_D_NOTE, text);
}

/* The chart's figures as a table, for those who cannot see the chart: a
 * row per category (its row header), a column per series, each cell the
 * value as the chart labels it. KPI tiles: the figure, the change and the
 * year before; the attendance matrix: a row per member, a column per
 * meeting. The caption is the chart's title. */
static sr_dtable *chart_data(builder *b, const sr_chart *c)
{
    bool kpi = c->kind == SR_CHART_KPI;
    /* Tiles with nothing to compare with (the figure's note says so, once)
     * have no change or year before: no column of them. */
    bool compared = kpi && (c->notes || c->before);
    size_t ncols = 1 + (kpi ? (compared ? 3 : 1) : c->nseries);
    sr_dtable *t = new_table(b, ncols, c->ncat);
    t->caption = c->title;
    /* The row headers' column is headed by what they are, never left
     * empty: a header with no words names nothing. */
    bool dots = c->kind == SR_CHART_COMPARE;
    const char *rows = c->kind == SR_CHART_MATRIX ? "Member" : kpi || dots ? "Measure" : "Category";
    /* The rows are years, or named by the title of the axis they are on
     * (a horizontal bar chart's is the vertical one), or by what the
     * chart's title says it is by ("Training attendees by course"). */
    const char *axis = c->kind == SR_CHART_HBAR ? c->y_title : c->x_title;
    bool years = c->ncat > 0;
    for (size_t i = 0; i < c->ncat && years; i++)
        years = sr_year_from_name(c->categories[i]) > 0;
    const char *by = by_words(b, c->title, " by ");
    if (c->kind != SR_CHART_MATRIX && !kpi && !dots)
        rows = years ? "Year" : axis && *axis ? axis : by ? by : rows;
    col(t, 0, SR_COL_LABEL, rows, 0);
    if (kpi) {
        col(t, 1, SR_COL_VALUE, c->nseries ? c->series[0].name : "", 0);
        if (compared) {
            col(t, 2, SR_COL_TEXT, "Change", 0);
            col(t, 3, SR_COL_TEXT, "Year before", 0);
        }
    } else {
        for (size_t s = 0; s < c->nseries; s++)
            col(t, 1 + s, SR_COL_VALUE, c->series[s].name, 0);
    }
    for (size_t i = 0; i < c->ncat; i++) {
        sr_dcell *row = &t->cells[i * ncols];
        row[0] = (sr_dcell){.kind = SR_CELL_TEXT, .text = c->categories[i]};
        if (kpi) {
            row[1] = (sr_dcell){.kind = SR_CELL_TEXT,
                                .text = c->nseries ? c->series[0].values[i].label : ""};
            if (compared) {
                row[2] = (sr_dcell){.kind = SR_CELL_TEXT, .text = c->notes ? c->notes[i] : ""};
                row[3] = (sr_dcell){.kind = SR_CELL_TEXT, .text = c->before ? c->before[i] : ""};
            }
        } else {
            for (size_t s = 0; s < c->nseries; s++)
                row[1 + s] = (sr_dcell){.kind = SR_CELL_TEXT, .text = c->series[s].values[i].label};
        }
    }
    t->nrows = c->ncat;
    return t;
}

/* When no tile of key figures spec s shows has a figure of the year
 * before (the first year, or a year whose year before has none of them),
 * the year before's name ("2023-24"); otherwise NULL. Each tile would say
 * "no figure for 2023-24 to compare with": the figure says it once. */
static const char *kpi_none_before(builder *b, const sr_chart_spec *s)
{
    const sr_metric *one = s->metric ? sr_metrics_find(b->m, s->metric) : NULL;
    size_t n = s->metric ? 1 : s->nmetrics, rows = 0;
    int prev = 0;
    for (size_t k = 0; k < n; k++) {
        const sr_metric *mt = s->metric ? one : sr_metrics_find(b->m, s->metrics[k]);
        if (!mt)
            return NULL;
        for (size_t r = 0; r < (s->metric ? mt->nrows : (mt->nrows ? 1 : 0)); r++) {
            sr_cmp c = sr_metric_compare(b->m, mt, &mt->rows[r], 0);
            if (c.status != SR_CMP_NO_PREVIOUS || (prev && c.prev_year != prev))
                return NULL;
            prev = c.prev_year;
            rows++;
        }
    }
    return rows && prev ? year_str(b->a, prev) : NULL;
}

/* The chart of spec i, built once: the report's figure and the chart
 * file are the same. */
static sr_dfigure *figure_of(builder *b, size_t i)
{
    if (b->figures[i])
        return b->figures[i];
    const sr_chart_spec *s = &b->specs->v[i];
    sr_dfigure *f = sr_arena_alloc(b->a, sizeof *f);
    f->id = s->id;
    f->chart = sr_chart_build(b->a, s, b->m, b->ds, b->bench);
    if (f->chart && f->chart->kind == SR_CHART_COMPARE && f->chart->ncat) {
        /* How the area compares, in words, for the text alternative
         * (which gives the note on the series break once, at its end). */
        const char **notes = sr_arena_alloc(b->a, f->chart->ncat * sizeof *notes);
        for (size_t k = 0, r = 0; k < s->nmetrics && r < f->chart->ncat; k++) {
            const sr_bench_cmp *c = sr_chart_bench_find(b->bench, s->metrics[k], b->m->years[0]);
            if (c)
                notes[r++] = compare_text(b->a, c, false);
        }
        f->chart->notes = notes;
    }
    const char *none = f->chart && f->chart->kind == SR_CHART_KPI ? kpi_none_before(b, s) : NULL;
    if (none) {
        f->chart->notes = NULL;
        f->chart->before = NULL;
        f->note = sr_arena_printf(b->a, "There are no %s figures to compare with.", none);
    }
    if (sr_chart_has_figures(f->chart)) {
        char *alt = sr_chart_alt(f->chart);
        f->alt = sr_arena_strdup(b->a, alt ? alt : "");
        free(alt);
        f->data = chart_data(b, f->chart);
    }
    f->width = s->width;
    f->height = s->height;
    return b->figures[i] = f;
}

static sr_dnode *figure_node(builder *b, sr_dfigure *f)
{
    sr_dnode *n = sr_dnode_new(b->a, SR_D_FIGURE);
    n->figure = f;
    n->text = f->chart->title;
    return n;
}

/* A block of one word: data the partnership keeps, not a metric. Adds
 * nothing when there is nothing to show (so the report has no empty table). */
static void word_block(builder *b, sr_dnode *into, const char *spec, sr_loc at)
{
    if (strcmp(spec, "lead-partners") == 0) {
        sr_dtable *t = lead_partners_table(b);
        if (t)
            add(b, into, table_node(b, t));
        return;
    }
    if (strcmp(spec, "sign-off") == 0) {
        sr_sign_off so;
        sr_sign_off_read(b->a, b->ds->have[0], &so);
        const char *words = sr_sign_off_words(b->a, b->ds->p, &so, b->ds->year0);
        if (words)
            add(b, into, sr_dnode_new_plain(b->a, SR_D_PARAGRAPH, words));
        return;
    }
    sr_diag *g = sr_diag_add(b->d, b->o->final ? SR_ERROR : SR_WARNING, at,
                             "there is no data block `%s`", spec);
    sr_diag_hint(g, "the blocks are \"chart ID\", \"table ID\", \"lead-partners\" and "
                    "\"sign-off\"");
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
            /* A dot plot of the DfE's figures is for a partnership that
             * gives them: without, the report is as it was. */
            if (s->kind == SR_CHART_COMPARE && !b->bench)
                continue;
            sr_dfigure *f = figure_of(b, i);
            if (s->kind == SR_CHART_COMPARE && !sr_chart_has_figures(f->chart)) {
                /* The DfE's files give no rate for the year (its release
                 * may not be out yet): the report goes without the dot
                 * plot, in a final report too, and says so once. */
                sr_diag *w = sr_diag_add(
                    b->d, SR_WARNING, at,
                    "the chart \"%s\" is left out: the Department for Education's files in "
                    "the benchmarks folder give none of its rates for %s",
                    f->chart ? f->chart->title : s->title, year_str(b->a, b->m->years[0]));
                sr_diag_hint(w, "put the DfE's files with the year's rates in data/benchmarks/ "
                                "(see docs/benchmarks.md); to leave the chart out without this "
                                "warning, list the section's blocks without it in "
                                "data/templates/report.yaml");
                continue;
            }
            if (!sr_chart_has_figures(f->chart)) {
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
                    add(b, into,
                        note_node(b, sr_arena_printf(b->a,
                                                     "There are no figures for the chart \"%s\" "
                                                     "this year.",
                                                     s->title)));
                continue;
            }
            add(b, into, figure_node(b, f));
        }
        if (named)
            return;
        g = sr_diag_add(b->d, b->o->final ? SR_ERROR : SR_WARNING, at,
                        "there is no chart `%s` in charts.yaml", id);
    } else if (strcmp(kind, "table") == 0) {
        if (strcmp(id, "summary") == 0) {
            add(b, into, table_node(b, summary_of(b, false)));
            return;
        }
        /* The measures the DfE publishes against England, the region and
         * the neighbours: for a partnership that gives the DfE's files;
         * without, the report is as it was. */
        if (strcmp(id, "comparisons") == 0) {
            sr_dtable *t = compare_table(b);
            if (t && t->nrows) {
                add(b, into, table_node(b, t));
            } else if (t) {
                sr_diag *w = sr_diag_add(b->d, SR_WARNING, at,
                                         "the table of comparisons with England, the region and "
                                         "the neighbours is left out: the Department for "
                                         "Education's files in the benchmarks folder give no "
                                         "figure for %s",
                                         year_str(b->a, b->m->years[0]));
                sr_diag_hint(w, "put the DfE's files with the year's figures in data/benchmarks/ "
                                "(see docs/benchmarks.md)");
            }
            return;
        }
        /* The measures partners sent that the catalogue does not know: a
         * table only when there are some. */
        if (strcmp(id, "local-measures") == 0) {
            sr_dtable *t = summary_of(b, true);
            if (t->nrows) {
                add(b, into, table_node(b, t));
                b->doc->shows_local_measures = true;
            }
            return;
        }
        /* Each partner's contribution to the shared budget: a table only
         * when the year has income lines. */
        if (strcmp(id, "contributions") == 0) {
            const sr_metric *c = sr_metrics_find(b->m, "contributions-by-partner");
            if (c) {
                sr_dtable *t = metric_table_of(b, c);
                if (t->nrows == 0 || !sr_metric_has_figures(c, 0))
                    return;
                b->doc->shows_contributions = true;
                add(b, into, table_node(b, t));
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
            sr_dtable *t = metric_table_of(b, mt);
            if (t->nrows == 0 || !sr_metric_has_figures(mt, 0)) {
                /* No table is left empty in a final report, as no chart
                 * is. */
                sr_diag *w = sr_diag_add(b->d, b->o->final ? SR_ERROR : SR_WARNING, at,
                                         "there are no figures for the table \"%s\" this year",
                                         mt->def->label);
                sr_diag_hint(w, "add the figures it shows to a submission, or remove the table "
                                "from the report");
                if (!b->o->final)
                    add(b, into,
                        note_node(b, sr_arena_printf(b->a,
                                                     "There are no figures for the table \"%s\" "
                                                     "this year.",
                                                     mt->def->label)));
                return;
            }
            add(b, into, table_node(b, t));
            return;
        }
        g = sr_diag_add(b->d, b->o->final ? SR_ERROR : SR_WARNING, at,
                        "there is no metric `%s` for this table", id);
    }
    if (g)
        sr_diag_hint(g, "charts are named in charts.yaml, metrics in metrics.yaml; `table "
                        "summary` is the year-on-year summary, `table comparisons` the "
                        "comparisons with England, the region and the neighbours");
}

/* ---- what printed tables leave out, and what they explain ------------------------------- */

/* Whether the cell at (r, c) of t is printed as s. */
static bool printed_as(const sr_dtable *t, size_t r, size_t c, const char *s)
{
    char buf[400];
    sr_dcell_print(t, r, c, buf, sizeof buf);
    return strcmp(buf, s) == 0;
}

/* How many rows of t have nothing to compare with in change column c. */
static size_t nothing_to_compare(const sr_dtable *t, size_t c)
{
    size_t n = 0;
    for (size_t r = 0; r < t->nrows; r++) {
        const sr_dcell *cl = sr_dtable_cell(t, r, c);
        n += cl->kind == SR_CELL_CHANGE && cl->cmp && cl->cmp->status == SR_CMP_NO_PREVIOUS;
    }
    return n;
}

/* A printed column of t that would say nothing is left out of print (the
 * workbook keeps it): a column of values that are all [x], and a change
 * column with nothing compared, all [x] or all "no figure for 2018-19 to
 * compare with"; a change in words with nothing to compare with on several
 * rows is printed [x] there. Returns what the note under the table says of
 * it, once, or NULL. */
static const char *tidy_print(builder *b, sr_dtable *t)
{
    if (!t->nrows)
        return NULL;
    sr_buf why = SR_BUF_INIT;
    int no_prev = 0;       /* the year nothing is compared with, or 0 */
    int compared_some = 0; /* the year some rows have no figure for, their change [x] */
    bool change_gone = false;
    for (size_t c = 0; c < t->ncols; c++) {
        sr_dcol *dc = &t->cols[c];
        if (!(dc->shown & SR_OUT_PRINT) ||
            (dc->kind != SR_COL_CHANGE && dc->kind != SR_COL_CHANGE_PCT))
            continue;
        bool all_x = true, all_none = true, any = false;
        int yr = 0;
        for (size_t r = 0; r < t->nrows; r++) {
            const sr_dcell *cl = sr_dtable_cell(t, r, c);
            if (cl->kind == SR_CELL_EMPTY)
                continue;
            any = true;
            if (cl->kind != SR_CELL_CHANGE || !cl->cmp) {
                all_x = all_none = false;
                break;
            }
            if (cl->cmp->status == SR_CMP_NO_PREVIOUS)
                yr = cl->cmp->prev_year;
            else
                all_none = false;
            all_x = all_x && printed_as(t, r, c, "[x]");
        }
        if (any && !(all_x || all_none) && dc->words && nothing_to_compare(t, c) > 1) {
            /* Words that would say the same on many rows are said once. */
            dc->none_as_x = true;
            compared_some = yr;
            continue;
        }
        if (!any || !(all_x || all_none))
            continue;
        dc->shown &= ~(unsigned)SR_OUT_PRINT;
        change_gone = true;
        if (all_none)
            no_prev = yr;
    }
    bool value_gone = false;
    for (size_t c = 0; c < t->ncols; c++) {
        sr_dcol *dc = &t->cols[c];
        if (!(dc->shown & SR_OUT_PRINT) || dc->kind != SR_COL_VALUE)
            continue;
        bool all_x = true, any = false;
        for (size_t r = 0; r < t->nrows && all_x; r++) {
            if (sr_dtable_cell(t, r, c)->kind == SR_CELL_EMPTY)
                continue;
            any = true;
            all_x = printed_as(t, r, c, "[x]");
        }
        if (!any || !all_x)
            continue;
        dc->shown &= ~(unsigned)SR_OUT_PRINT;
        value_gone = true;
        /* "There are no 2018-19 figures to compare with" says it too. */
        if (no_prev && dc->year == no_prev && !dc->baseline)
            continue;
        if (dc->baseline || !dc->year)
            sr_buf_printf(&why, "%sThe baseline figures are not available.", why.len ? " " : "");
        else
            sr_buf_printf(&why, "%sThe %s figures are not available.", why.len ? " " : "",
                          year_str(b->a, dc->year));
    }
    if (no_prev)
        sr_buf_printf(&why, "%sThere are no %s figures to compare with.", why.len ? " " : "",
                      year_str(b->a, no_prev));
    else if (compared_some)
        sr_buf_printf(&why, "%sWhere the change is [x], there is no %s figure to compare with.",
                      why.len ? " " : "", year_str(b->a, compared_some));
    else if (change_gone && !value_gone)
        sr_buf_printf(&why, "%sNo row has figures for both years to compare.", why.len ? " " : "");
    const char *r = why.len ? sr_arena_strdup(b->a, sr_buf_str(&why)) : NULL;
    sr_buf_free(&why);
    return r;
}

/* The shorthand t prints (SH_*), in the columns it prints. */
static unsigned shorthand_in(const sr_dtable *t)
{
    unsigned used = 0;
    char buf[400];
    for (size_t c = 0; c < t->ncols; c++) {
        if (!(t->cols[c].shown & SR_OUT_PRINT))
            continue;
        for (size_t r = 0; r < t->nrows; r++) {
            const sr_dcell *cl = sr_dtable_cell(t, r, c);
            if (cl->kind != SR_CELL_VALUE && cl->kind != SR_CELL_CHANGE)
                continue;
            sr_dcell_print(t, r, c, buf, sizeof buf);
            used |= shorthand_of(buf);
        }
    }
    return used;
}

static unsigned shorthand_of(const char *s)
{
    if (!s)
        return 0;
    return (strstr(s, "[x]") ? SH_X : 0u) | (strstr(s, "[z]") ? SH_Z : 0u) |
           (strstr(s, "[c]") ? SH_C : 0u) | (strstr(s, "[low]") ? SH_LOW : 0u);
}

/* The shorthand a figure prints: in its chart's labels (values, a bar's
 * total, a tile's year before and change), or in its table of figures. */
static unsigned shorthand_in_figure(const sr_dfigure *f)
{
    unsigned used = f->data ? shorthand_in(f->data) : 0;
    const sr_chart *ch = f->chart;
    if (!ch)
        return used;
    for (size_t i = 0; i < ch->ncat; i++) {
        for (size_t k = 0; k < ch->nseries; k++)
            if (ch->series[k].values)
                used |= shorthand_of(ch->series[k].values[i].label);
        /* A donut has one total, a stacked bar one per category. */
        if (ch->totals && (ch->kind != SR_CHART_DONUT || i == 0))
            used |= shorthand_of(ch->totals[i].label);
        if (ch->before)
            used |= shorthand_of(ch->before[i]);
        if (ch->notes)
            used |= shorthand_of(ch->notes[i]);
    }
    return used;
}

/* The words that explain each shorthand in `which` (SH_*), in a. */
static const char *shorthand_words(builder *b, unsigned which)
{
    sr_buf w = SR_BUF_INIT;
    if (which & SH_X)
        sr_buf_puts(&w, "[x] means the figure is not available.");
    if (which & SH_Z)
        sr_buf_printf(&w,
                      "%s[z] means not applicable (such as a change across a break in the "
                      "series, or from 0).",
                      w.len ? " " : "");
    if (which & SH_C) {
        const sr_partnership *p = b->ds->p;
        if (p->disclosure_control)
            sr_buf_printf(&w,
                          "%s[c] means the figure is hidden to protect small numbers (counts "
                          "from 1 to %lld, and a figure from which a hidden one could be "
                          "worked out).",
                          w.len ? " " : "", (long long)p->suppression_threshold);
        else
            sr_buf_printf(&w, "%s[c] means the figure is hidden to protect small numbers.",
                          w.len ? " " : "");
    }
    if (which & SH_LOW)
        sr_buf_printf(&w, "%s%s", w.len ? " " : "", LOW_WORDS);
    const char *r = sr_arena_strdup(b->a, sr_buf_str(&w));
    sr_buf_free(&w);
    return r;
}

/* The report's tables, in document order: each leaves out of print what
 * would say nothing (tidy_print), and each shorthand ([x], [z], [c]) is
 * explained once, in the note of the first table or figure that prints
 * it. */
static void print_notes(builder *b)
{
    GHashTable *seen = g_hash_table_new(NULL, NULL);
    unsigned explained = 0;
    sr_doc_iter *it = sr_doc_iter_new(b->doc->root);
    sr_doc_event ev;
    while ((ev = sr_doc_iter_next(it)) != SR_EV_DONE) {
        const sr_dnode *n = sr_doc_iter_node(it);
        if (ev != SR_EV_ENTER)
            continue;
        if (n->kind == SR_D_ANNEX || n->kind == SR_D_CHART_FILES) {
            sr_doc_iter_skip(it); /* not printed, or printed as the report's */
            continue;
        }
        unsigned used = 0;
        const char *why = NULL;
        if (n->kind == SR_D_TABLE && n->table && !g_hash_table_contains(seen, n->table)) {
            g_hash_table_add(seen, n->table);
            why = tidy_print(b, n->table);
            used = shorthand_in(n->table);
        } else if (n->kind == SR_D_FIGURE && n->figure && !g_hash_table_contains(seen, n->figure)) {
            g_hash_table_add(seen, n->figure);
            used = shorthand_in_figure(n->figure);
        }
        /* The table's own note (a break, periods of different lengths, the
         * population) first, then what its shorthand means, then what it
         * leaves out. */
        unsigned fresh = used & ~explained;
        explained |= fresh;
        const char *w = fresh ? shorthand_words(b, fresh) : NULL;
        if (n->kind == SR_D_TABLE) {
            add_note(b, n->table, w);
            add_note(b, n->table, why);
        } else if (w)
            n->figure->note = n->figure->note && *n->figure->note
                                  ? sr_arena_printf(b->a, "%s %s", n->figure->note, w)
                                  : w;
    }
    sr_doc_iter_free(it);
    g_hash_table_destroy(seen);
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

/* A narrative file read and checked as text (problems to d), without a
 * byte order mark, registered with d as *src. Returns the read status;
 * *ok is false when the file is not UTF-8 plain text. */
static sr_read_status read_narrative(builder *b, sr_diags *d, const char *path, sr_source **src,
                                     size_t *len, char **outside, bool *ok)
{
    char *text;
    *outside = NULL;
    *ok = true;
    *src = NULL;
    sr_read_status st =
        sr_read_file_within(path, b->o->data_dir, SR_MAX_FILE_SIZE, &text, len, outside);
    if (st != SR_READ_OK)
        return st;
    size_t bom = sr_encoding_bom_len(text, *len);
    if (bom) { /* as in a submission: columns on line 1 count from the first word */
        memmove(text, text + bom, *len - bom + 1);
        *len -= bom;
    }
    *src = sr_diags_add_source(d, path, text, *len);
    (*src)->checked = true;
    *ok = sr_encoding_check(d, *src);
    return st;
}

/* Whether the narrative file exists and has words (an optional section
 * without them is left out): comments are none. A file that cannot be read,
 * or is not UTF-8 text, counts as words, so that narrative() reports it. */
static bool has_words(builder *b, const char *file)
{
    char *path = narrative_path(b, file), *outside;
    sr_source *src;
    size_t len;
    bool ok;
    sr_diags quiet;
    sr_diags_init(&quiet);
    sr_read_status st = read_narrative(b, &quiet, path, &src, &len, &outside, &ok);
    free(path);
    free(outside);
    bool words =
        st != SR_READ_NOT_FOUND && (st != SR_READ_OK || !ok || md_has_words(src->text, src->len));
    sr_diags_free(&quiet);
    return words;
}

static void narrative(builder *b, sr_dnode *sec, const char *file)
{
    char *path = narrative_path(b, file), *outside;
    sr_source *src;
    size_t len = 0;
    bool ok;
    sr_read_status st = read_narrative(b, b->d, path, &src, &len, &outside, &ok);
    bool read = st == SR_READ_OK && ok;
    bool only_comments = false;
    if (read && blank(src->text)) { /* an empty file, as new-year makes */
        read = false;
    } else if (read && !md_has_words(src->text, src->len)) {
        read = false;
        only_comments = true;
    }
    if (st != SR_READ_OK && st != SR_READ_NOT_FOUND) {
        /* Not a narrative to be left out quietly: a file that must not or
         * cannot be read stops even a draft. */
        sr_report_read_error(b->d, path, st, len, outside);
    } else if (st == SR_READ_OK && !ok) {
        /* Reported by the check: its words would be lost or garbled, so
         * even a draft stops. */
    } else if (!read) {
        if (!src)
            src = sr_diags_add_source(b->d, path, NULL, 0);
        sr_diag *g =
            sr_diag_add(b->d, b->o->final ? SR_ERROR : SR_WARNING, (sr_loc){src, 0, 0, 0},
                        only_comments ? "the narrative for \"%s\" has only comments, no words"
                                      : "the narrative for \"%s\" is missing",
                        sec->text);
        sr_diag_hint(g,
                     "write it in Markdown in %s%s; a draft shows a marked placeholder, a "
                     "final build stops",
                     path, only_comments ? " (comments, `<!-- ... -->`, never appear)" : "");
    }
    free(outside);
    if (!read) {
        add(b, sec,
            note_node(b, sr_arena_printf(b->a,
                                         "Draft: the words for this section have not been "
                                         "written yet (%s).",
                                         path)));
        b->doc->missing_narratives++;
        free(path);
        return;
    }
    free(path);
    const char *filled = fill(b->a, b->d, src, 1, src->text, b->m, b->ds, b->bench, b->o->final);
    cmark_node *doc = cmark_parse_document(filled, strlen(filled), CMARK_OPT_SOURCEPOS);
    if (!doc)
        sr_oom();
    md_to_nodes(b, doc, sec, src);
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

/* What every output says of the report: its cover, period, footer, the
 * workbook's cover. */
static void describe(builder *b)
{
    sr_document *doc = b->doc;
    const sr_partnership *p = b->ds->p;
    int y0 = b->ds->year0;
    doc->area = p->area;
    doc->contact = p->email ? p->email : p->name;
    doc->cover_title = sr_arena_printf(b->a, "Annual report %s", doc->year);
    doc->period = sr_arena_printf(b->a, "1 April %d to 31 March %d", y0, y0 + 1);
    doc->covering = sr_arena_printf(b->a, "Covering %s", doc->period);
    doc->footer = doc->title;
    /* Published, or a draft: decided here, for every output. A draft with
     * a date says it is the day planned, not the day it was published. */
    char pd[40] = "";
    if (b->o->published)
        sr_fmt_date(b->o->published, pd, sizeof pd);
    if (b->o->final)
        doc->published = pd[0] ? sr_arena_strdup(b->a, pd) : NULL;
    else
        doc->draft = pd[0] ? sr_arena_printf(b->a,
                                             "Draft: not yet published (planned publication "
                                             "date %s).",
                                             pd)
                           : "Draft: not for publication.";
    doc->also = "Also published as a PDF, with a spreadsheet of every figure.";
    doc->annex_title =
        sr_arena_printf(b->a, "%s: data tables for %s, %s", doc->partnership, p->area, doc->period);
    const char **v = sr_arena_alloc(b->a, 6 * sizeof *v);
    v[0] = "This workbook holds every figure in the partnership's annual report, "
           "with the year before and the change, one table per sheet.";
    v[1] = "Source: the figures partner agencies sent to the "
           "partnership, checked and computed by sscp-report.";
    v[2] = sr_arena_printf(b->a, "Reporting year: %s. Area: %s.", doc->year, p->area);
    v[3] = sr_arena_printf(b->a, "Contact: %s", doc->contact);
    v[4] = "Shorthand used in the tables, and notes on the figures, are on the "
           "Notes sheet.";
    doc->annex_cover = v;
    doc->nannex_cover = 5;
    /* The population rates are of, when a table gives a rate. */
    const char *pop = b->population && *b->population ? b->population : NULL;
    for (size_t i = 0; pop && i < doc->nnotes; i++)
        if (strcmp(doc->notes[i], pop) == 0) {
            v[doc->nannex_cover++] = pop;
            break;
        }
}

/* The partnership's logo for the cover: SR_LOGO_FILE in the data folder,
 * when there is one. Its bytes go into doc (in a's memory); a file that
 * cannot be read, is not a PNG image or is larger than SR_LOGO_MAX_PIXELS
 * either way, is an error. */
static void read_logo(sr_arena *a, sr_diags *d, const char *data_dir, sr_document *doc)
{
    if (!data_dir)
        return;
    char *path = sr_path_join(data_dir, SR_LOGO_FILE);
    if (sr_path_kind_of(path) == SR_PATH_NONE) {
        free(path);
        return;
    }
    char *bytes = NULL, *outside = NULL;
    size_t len = 0;
    sr_read_status st =
        sr_read_file_within(path, data_dir, SR_MAX_FILE_SIZE, &bytes, &len, &outside);
    sr_source *src = sr_diags_add_source(d, path, NULL, 0);
    sr_loc at = {src, 0, 0, 0};
    const char *why = NULL;
    char buf[256];
    switch (st) {
    case SR_READ_OK:
        break;
    case SR_READ_TOO_LARGE:
        snprintf(buf, sizeof buf, "the logo is too large to read (%zu bytes)", len);
        why = buf;
        break;
    case SR_READ_OUTSIDE:
        snprintf(buf, sizeof buf, "the logo is a link to a file outside the data folder (%s)",
                 outside ? outside : "?");
        why = buf;
        break;
    case SR_READ_IS_DIR:
    case SR_READ_NOT_REGULAR:
        why = "the logo is not a file";
        break;
    default:
        snprintf(buf, sizeof buf, "cannot read the logo: %s", sr_io_error(errno));
        why = buf;
        d->io_errors++;
        break;
    }
    if (!why && (len < 8 || memcmp(bytes, "\x89PNG\r\n\x1a\n", 8) != 0))
        why = "the logo is not a PNG image (it does not begin as a PNG file does)";
    /* Its size, from its header (the IHDR chunk, first after the
     * signature), before it is decoded: decoded, an image takes 4 bytes a
     * pixel, 576 MB for one 12000 pixels square. */
    unsigned long pw = 0, ph = 0;
    char hint[256] = "";
    if (!why && !sr_png_size((const unsigned char *)bytes, len, &pw, &ph)) {
        why = "the logo is not a PNG image that can be read (it has no header chunk, IHDR, "
              "where a PNG file has one)";
    } else if (!why) {
        if (pw > SR_LOGO_MAX_PIXELS || ph > SR_LOGO_MAX_PIXELS) {
            snprintf(buf, sizeof buf,
                     "the logo is %lu x %lu pixels: a logo may be at most %d pixels wide and %d "
                     "tall",
                     pw, ph, SR_LOGO_MAX_PIXELS, SR_LOGO_MAX_PIXELS);
            why = buf;
            snprintf(hint, sizeof hint,
                     "save it at most %d pixels wide and %d pixels tall: 700 x 350 pixels print "
                     "sharply in its box on the cover (160 x 80 points at most)",
                     SR_LOGO_MAX_PIXELS, SR_LOGO_MAX_PIXELS);
        }
    }
    if (!why) {
        cairo_surface_t *img = sr_png_decode((const unsigned char *)bytes, len);
        if (cairo_surface_status(img) == CAIRO_STATUS_NO_MEMORY) {
            snprintf(buf, sizeof buf,
                     "there is not enough memory to decode the logo (%lu x %lu pixels)", pw, ph);
            why = buf;
            snprintf(hint, sizeof hint,
                     "save it smaller (700 x 350 pixels print sharply in its box on the cover), "
                     "or build where more memory is free");
        } else if (cairo_surface_status(img) != CAIRO_STATUS_SUCCESS) {
            snprintf(buf, sizeof buf, "the logo is not a PNG image that can be read: %s",
                     cairo_status_to_string(cairo_surface_status(img)));
            why = buf;
        } else if (cairo_image_surface_get_width(img) < 1 ||
                   cairo_image_surface_get_height(img) < 1) {
            why = "the logo is an empty image";
        }
        cairo_surface_destroy(img);
    }
    if (why && hint[0]) {
        sr_diag_hint(sr_diag_add(d, SR_ERROR, at, "%s", why), "%s", hint);
    } else if (why) {
        sr_diag_hint(sr_diag_add(d, SR_ERROR, at, "%s", why),
                     "save the partnership's logo as a PNG image named %s beside "
                     "partnership.yaml, or remove the file to leave the cover without a logo",
                     SR_LOGO_FILE);
    } else {
        unsigned char *copy = sr_arena_alloc(a, len);
        memcpy(copy, bytes, len);
        doc->logo_png = copy;
        doc->logo_len = len;
    }
    free(bytes);
    free(outside);
    free(path);
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
    builder b = {.a = a,
                 .d = d,
                 .ds = ds,
                 .cat = cat,
                 .m = m,
                 .specs = specs,
                 .o = o,
                 .doc = doc,
                 .bench = o->bench && o->bench->n ? o->bench : NULL};
    b.figures = sr_arena_alloc(a, ((specs ? specs->n : 0) + 1) * sizeof *b.figures);
    b.tables = sr_arena_alloc(a, (m->nmetrics + 1) * sizeof *b.tables);
    doc->partnership = ds->p->name;
    doc->short_name = ds->p->short_name;
    doc->year = year_str(a, ds->year0);
    doc->title = fill(a, d, sr_ymap_get(root, "title")->loc.src, 0,
                      sr_ynode_text(sr_ymap_get(root, "title")), m, ds, b.bench, o->final);
    const char *subject = sr_ynode_text(sr_ymap_get(root, "subject"));
    doc->subject = subject ? fill(a, d, sr_ymap_get(root, "subject")->loc.src, 0, subject, m, ds,
                                  b.bench, o->final)
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
    const char *breaks = sr_ynode_text(sr_ymap_get(sr_ymap_get(root, "page"), "sections"));
    doc->section_new_page = breaks && strcmp(breaks, "new-page") == 0;
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
    read_logo(a, d, o->data_dir, doc);
    doc->root = sr_dnode_new(a, SR_D_DOCUMENT);
    plan_annex(&b);
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
        sr_dnode *sec = sr_dnode_new(a, SR_D_SECTION);
        sec->level = 1;
        /* The title may come from a layered file, or the template's. */
        const sr_ynode *tn = sr_ymap_get(e, "title");
        sec->text =
            fill(a, d, tn->loc.src, tn->loc.line, sr_ynode_text(tn), m, ds, b.bench, o->final);
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
        sr_dnode_add(a, doc->root, sec);
    }
    /* The annex, and the chart files: every chart with figures, the same
     * figure the report shows. */
    sr_dnode *annex = sr_dnode_add(a, doc->root, sr_dnode_new(a, SR_D_ANNEX));
    for (size_t i = 0; i < b.nsheets; i++)
        sr_dnode_add(a, annex, b.sheets[i]);
    sr_dnode *files = sr_dnode_add(a, doc->root, sr_dnode_new(a, SR_D_CHART_FILES));
    for (size_t i = 0; specs && i < specs->n; i++) {
        sr_dfigure *f = figure_of(&b, i);
        if (sr_chart_has_figures(f->chart))
            sr_dnode_add(a, files, figure_node(&b, f));
    }
    describe(&b);
    print_notes(&b);
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
                if (doc->root->kids[j]->kind == SR_D_SECTION &&
                    strcmp(doc->root->kids[j]->sid, sid) == 0)
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
