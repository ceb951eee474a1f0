/* html: the accessible HTML page, see html.h. One walk of the tree
 * (sr_doc_iter) writes the sections, a first one the contents; the annex
 * and the chart files are not part of the page. */
#include "render/html.h"

#include "core/buf.h"
#include "core/fsutil.h"
#include "render/render.h"

#include <errno.h>
#include <glib.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

typedef struct {
    sr_buf *b;
    sr_fonts *fonts;
    sr_svg_cache *svgs; /* the charts' SVG, drawn once (may be NULL) */
    int figures, tables;
} hw;

/* Text, escaped for an element or an attribute (quotes too). */
static void esc(sr_buf *b, const char *s)
{
    char *e = g_markup_escape_text(s ? s : "", -1);
    sr_buf_puts(b, e);
    g_free(e);
}

/* Text with its line breaks as <br>: a code block's lines, or raw HTML
 * shown as the words it is (as the PDF breaks the lines). */
static void esc_lines(sr_buf *b, const char *s)
{
    char *e = g_markup_escape_text(s ? s : "", -1);
    for (const char *p = e; *p; p++) {
        if (*p == '\n')
            sr_buf_puts(b, "<br>");
        else
            sr_buf_putc(b, *p);
    }
    g_free(e);
}

/* Whether s starts a span of years as headers write them: "2018-19",
 * "2018/19" or "2018-2019". Returns its length, or 0. */
static size_t year_span(const char *s)
{
    for (int i = 0; i < 4; i++)
        if (s[i] < '0' || s[i] > '9')
            return 0;
    if (s[4] != '-' && s[4] != '/')
        return 0;
    size_t n = 5;
    while (n < 9 && s[n] >= '0' && s[n] <= '9')
        n++;
    return n == 7 || n == 9 ? n : 0;
}

/* A column header or a tile's year: as esc, each span of years kept on one
 * line (a narrow column would break "2018-19" after its hyphen). */
static void esc_head(sr_buf *b, const char *s)
{
    const char *p = s ? s : "", *from = p;
    while (*p) {
        size_t n = (p == s || !(p[-1] >= '0' && p[-1] <= '9')) ? year_span(p) : 0;
        if (n && !(p[n] >= '0' && p[n] <= '9')) {
            char *e = g_markup_escape_text(from, p - from);
            sr_buf_puts(b, e);
            g_free(e);
            sr_buf_printf(b, "<span class=\"yr\">%.*s</span>", (int)n, p);
            p += n;
            from = p;
        } else {
            p++;
        }
    }
    esc(b, from);
}

/* Whether a link may go to url: only web, mail and telephone addresses.
 * The tree holds no other, but a page must never carry a script address
 * whatever it is given: anything else is shown as the link's words. */
static bool allowed_url(const char *url)
{
    static const char *const schemes[] = {"https:", "http:", "mailto:", "tel:"};
    for (size_t i = 0; url && i < sizeof schemes / sizeof *schemes; i++)
        if (strncasecmp(url, schemes[i], strlen(schemes[i])) == 0)
            return true;
    return false;
}

static const char css[] =
    ":root{--text:#1a1a1a;--muted:#505050;--link:#0b4f8a;--rule:#c8c8c8;--band:#f3f5f7}"
    "*{box-sizing:border-box}"
    /* A long web address or word wraps rather than widen the page at 320 px
     * (WCAG 1.4.10), whichever font the reader's browser falls back to. */
    "p,li,blockquote,h1,h2,h3,h4,figcaption,summary{overflow-wrap:break-word}"
    "html{-webkit-text-size-adjust:100%}"
    "body{margin:0;color:var(--text);background:#fff;font:1.0625rem/1.6 'Open Sans',Arial,"
    "Helvetica,sans-serif}"
    ".page{max-width:48rem;margin:0 auto;padding:0 1rem 3rem}"
    "a{color:var(--link)}a:focus,summary:focus{outline:3px solid #ffbf47;outline-offset:2px;"
    "background:#ffbf47;color:#0b0c0c}"
    ".skip{position:absolute;left:-9999px;top:0}.skip:focus{left:1rem;top:1rem;padding:.5rem;"
    "z-index:2}"
    "header{padding:2.5rem 0 1rem;border-bottom:4px solid var(--accent)}"
    "header p{margin:.25rem 0;color:var(--muted)}"
    "h1{font-size:2.2rem;line-height:1.2;margin:.5rem 0;color:var(--accent)}"
    "h2{font-size:1.6rem;line-height:1.25;margin:2.5rem 0 1rem;color:var(--accent)}"
    "h3{font-size:1.25rem;margin:2rem 0 .75rem}h4{font-size:1.1rem;margin:1.5rem 0 .5rem}"
    "nav ol{list-style:none;padding-left:0}nav ol ol{padding-left:1.25rem}nav li{margin:.2rem 0}"
    "blockquote{margin:1.25rem 0;padding:.25rem 0 .25rem 1rem;border-left:4px solid "
    "var(--accent);font-style:italic}"
    "figure{margin:1.5rem 0}figcaption,caption{font-weight:600;text-align:left;"
    "margin-bottom:.5rem}"
    "figure svg{display:block;max-width:100%;height:auto}"
    ".scroll:focus{outline:3px solid #ffbf47;outline-offset:2px}"
    ".scroll{overflow-x:auto;margin:1rem 0;position:relative}"
    "table{border-collapse:collapse;font-size:.95rem;min-width:100%}"
    "th,td{padding:.35rem .5rem;border-bottom:1px solid var(--rule);vertical-align:top;"
    "text-align:left}"
    "td.n,th.n{text-align:right;font-variant-numeric:tabular-nums}"
    "thead th{border-bottom:2px solid var(--text)}"
    "tbody tr:nth-child(even){background:var(--band)}"
    ".note{color:var(--muted);font-size:.95rem}"
    ".draft{background:#fff4d6;padding:.75rem 1rem;border-left:4px solid #8a5a00}"
    "details{margin:.5rem 0}summary{cursor:pointer;color:var(--link)}"
    "footer{margin-top:3rem;padding-top:1rem;border-top:1px solid var(--rule);"
    "color:var(--muted);font-size:.95rem}"
    /* Years in column headers never break after their hyphen. */
    ".yr{white-space:nowrap}"
    /* Words for a screen reader only: not hidden from it, only from sight. */
    ".vh{position:absolute;width:1px;height:1px;margin:-1px;padding:0;border:0;overflow:hidden;"
    "clip:rect(0 0 0 0);clip-path:inset(50%);white-space:nowrap}"
    /* Key figures: tiles of text, the numbers aligned on one line. */
    ".tiles{list-style:none;margin:0;padding:0;display:grid;gap:.75rem;"
    "grid-template-columns:repeat(auto-fit,minmax(10.5rem,1fr))}"
    ".tiles li{margin:0;padding:.75rem 1rem;background:var(--band);border-top:4px solid "
    "var(--accent)}"
    ".tiles li>span{display:block}"
    ".big{font-size:2.2rem;font-weight:700;line-height:1.15;font-variant-numeric:tabular-nums}"
    ".what{font-weight:600;margin:.25rem 0;line-height:1.35}"
    ".was,.change{color:var(--muted);font-size:.95rem;line-height:1.4}"
    /* The attendance matrix: the chart's symbols, each with its words. */
    ".key{margin:.25rem 0 .5rem}"
    "table.matrix td{text-align:center;white-space:nowrap}"
    ".m{display:inline-block;width:1.5em;height:1.5em;line-height:1.5em;border-radius:50%;"
    "text-align:center;font-weight:700;vertical-align:middle}"
    ".key .m{margin:0 .2em 0 .4em}"
    ".m.at{background:#0a6e4f;color:#fff}.m.at::before{content:\"\\2713\"}"
    ".m.ap::before{content:\"\\2212\"}.m.ab::before{content:\"\\2717\"}"
    ".m.no::before{content:\"\\2013\"}"
    ".m.ap{border:2px solid #0b4f8a;line-height:calc(1.5em - 4px);color:#0b4f8a}"
    ".m.ab{color:#b3410c;font-size:1.15em}.m.no{color:var(--muted)}"
    /* On paper: the contents, and every chart's table open (a closed
     * <details> cannot be opened there); boxes that scroll on a screen
     * show all of their table. */
    "@media print{.skip,summary{display:none}body{font-size:11pt}section{break-before:page}"
    "figure,table{break-inside:avoid}a{color:var(--text)}"
    "details::details-content{content-visibility:visible;display:block}"
    ".scroll{overflow:visible}.tiles li{break-inside:avoid}}";

/* A table of the tree: "Table N" in the text, or a chart's figures under
 * it ("Figure N"); id names its caption, for the box it scrolls in. */
static void table_as(hw *w, const sr_dtable *t, const char *id, const char *label)
{
    sr_buf *b = w->b;
    sr_buf_printf(b,
                  "<div class=\"scroll\" tabindex=\"0\" role=\"region\" "
                  "aria-labelledby=\"%s\"><table><caption id=\"%s\">%s: ",
                  id, id, label);
    esc(b, t->caption);
    sr_buf_puts(b, "</caption><thead><tr>");
    /* Only the columns for print; the first of them is the row header. */
    bool first = true;
    for (size_t c = 0; c < t->ncols; c++) {
        if (!(t->cols[c].shown & SR_OUT_PRINT))
            continue;
        bool n = !first && sr_dcol_numeric(&t->cols[c]);
        /* A header without words is no header: the corner cell. */
        if (!t->cols[c].head || !*t->cols[c].head) {
            sr_buf_puts(b, "<td></td>");
            first = false;
            continue;
        }
        sr_buf_printf(b, "<th scope=\"col\"%s>", n ? " class=\"n\"" : "");
        esc_head(b, t->cols[c].head);
        sr_buf_puts(b, "</th>");
        first = false;
    }
    sr_buf_puts(b, "</tr></thead><tbody>");
    for (size_t r = 0; r < t->nrows; r++) {
        sr_buf_puts(b, "<tr>");
        first = true;
        for (size_t c = 0; c < t->ncols; c++) {
            if (!(t->cols[c].shown & SR_OUT_PRINT))
                continue;
            const sr_dcell *cell = sr_dtable_cell(t, r, c);
            /* A value or a change in words: the longest, a change between
             * periods of different length, names both periods (2 x 96). */
            char buf[1024];
            const char *s = buf;
            if (cell->kind == SR_CELL_TEXT)
                s = cell->text; /* as sr_dcell_print gives it, at any length */
            else
                sr_dcell_print(t, r, c, buf, sizeof buf);
            if (first) {
                sr_buf_puts(b, "<th scope=\"row\">");
                esc(b, s);
                sr_buf_puts(b, "</th>");
            } else {
                sr_buf_printf(b, "<td%s>", sr_dcol_numeric(&t->cols[c]) ? " class=\"n\"" : "");
                esc(b, s);
                sr_buf_puts(b, "</td>");
            }
            first = false;
        }
        sr_buf_puts(b, "</tr>");
    }
    sr_buf_puts(b, "</tbody></table></div>");
    if (t->note) {
        sr_buf_puts(b, "<p class=\"note\">");
        esc(b, t->note);
        sr_buf_puts(b, "</p>");
    }
}

static void table(hw *w, const sr_dtable *t)
{
    w->tables++;
    char id[32], label[32];
    snprintf(id, sizeof id, "table-%d", w->tables);
    snprintf(label, sizeof label, "Table %d", w->tables);
    table_as(w, t, id, label);
}

/* Key figures as tiles of text: the number, what it counts, the year
 * before and the change, each a line a reader can select and a screen
 * reader reads in that order. Everything the chart's table would hold. */
static void tiles(hw *w, const sr_chart *c)
{
    sr_buf *b = w->b;
    sr_buf_puts(b, "<ul class=\"tiles\">\n");
    for (size_t i = 0; i < c->ncat; i++) {
        sr_buf_puts(b, "<li><span class=\"big\">");
        esc(b, c->nseries ? c->series[0].values[i].label : "");
        sr_buf_puts(b, "</span>\n<span class=\"what\">");
        esc(b, c->categories[i]);
        sr_buf_puts(b, "</span>\n");
        if (c->before && c->before[i]) {
            sr_buf_puts(b, "<span class=\"was\">");
            esc_head(b, c->before[i]);
            sr_buf_puts(b, "</span>\n");
        }
        if (c->notes && c->notes[i]) {
            sr_buf_puts(b, "<span class=\"change\">");
            esc(b, c->notes[i]);
            sr_buf_puts(b, "</span>\n");
        }
        sr_buf_puts(b, "</li>\n");
    }
    sr_buf_puts(b, "</ul>\n");
}

/* The attendance matrix's states: a symbol seen (hidden from a screen
 * reader, which reads the words instead) and the words, as the chart's key
 * names them. */
static const struct {
    const char *cls, *words;
} states[] = {
    [SR_MATRIX_ATTENDED] = {"at", "attended"},
    [SR_MATRIX_APOLOGIES] = {"ap", "sent apologies"},
    [SR_MATRIX_ABSENT] = {"ab", "absent"},
    [SR_MATRIX_NONE] = {"no", "not recorded"},
};

static void state(sr_buf *b, int st, bool key)
{
    if (st < 0 || st > SR_MATRIX_NONE)
        st = SR_MATRIX_NONE;
    sr_buf_printf(b, "<span class=\"m %s\" aria-hidden=\"true\"></span>%s%s%s", states[st].cls,
                  key ? " " : "<span class=\"vh\">", states[st].words, key ? "" : "</span>");
}

/* The attendance matrix as the table it is: members down the side,
 * meetings along the top, in each cell a symbol and its words. Its key
 * before it. */
static void matrix(hw *w, const sr_chart *c, int k)
{
    sr_buf *b = w->b;
    sr_buf_puts(b, "<p class=\"key\">Key: ");
    for (int st = 0; st <= SR_MATRIX_NONE; st++) {
        sr_buf_puts(b, st ? ", " : "");
        state(b, st, true);
    }
    sr_buf_puts(b, ".</p>\n");
    sr_buf_printf(b,
                  "<div class=\"scroll\" tabindex=\"0\" role=\"region\" "
                  "aria-labelledby=\"figure-%d\"><table class=\"matrix\" "
                  "aria-labelledby=\"figure-%d\"><thead><tr><th scope=\"col\">Member</th>",
                  k, k);
    for (size_t s = 0; s < c->nseries; s++) {
        sr_buf_puts(b, "<th scope=\"col\">");
        esc_head(b, c->series[s].name);
        sr_buf_puts(b, "</th>");
    }
    sr_buf_puts(b, "</tr></thead><tbody>");
    for (size_t i = 0; i < c->ncat; i++) {
        sr_buf_puts(b, "<tr><th scope=\"row\">");
        esc(b, c->categories[i]);
        sr_buf_puts(b, "</th>");
        for (size_t s = 0; s < c->nseries; s++) {
            sr_buf_puts(b, "<td>");
            state(b, (int)c->series[s].values[i].v, false);
            sr_buf_puts(b, "</td>");
        }
        sr_buf_puts(b, "</tr>");
    }
    sr_buf_puts(b, "</tbody></table></div>\n");
}

/* Whether the SVG in svg holds an element with the id ID-suffix. */
static bool svg_has_id(const char *svg, const char *id, const char *suffix)
{
    sr_buf want = SR_BUF_INIT;
    sr_buf_puts(&want, " id=\"");
    esc(&want, id);
    sr_buf_printf(&want, "-%s\"", suffix);
    bool found = strstr(svg, sr_buf_str(&want)) != NULL;
    sr_buf_free(&want);
    return found;
}

/* A drawn chart: the SVG as the chart file holds it (its ids carry the
 * chart's id, so charts share the page) inside a picture named by its
 * title alone and described by its text alternative, the SVG's <desc>: the
 * SVG names itself by both, which a screen reader would read as one long
 * name. */
static int chart_svg(hw *w, const sr_dfigure *f, int k, char *err, size_t errlen)
{
    sr_buf *b = w->b;
    sr_buf own = SR_BUF_INIT;
    const char *svg = NULL;
    size_t len = 0;
    if (sr_chart_svg_shared(w->svgs, w->fonts, f->chart, f->width, f->height, &own, &svg, &len) !=
        0) {
        snprintf(err, errlen, "cannot draw the chart %s: %s", f->id ? f->id : "",
                 sr_io_error(errno));
        sr_buf_free(&own);
        return -1;
    }
    const char *id = f->chart->id ? f->chart->id : "";
    bool title = svg_has_id(svg, id, "title");
    bool desc = svg_has_id(svg, id, "desc");
    sr_buf_puts(b, "<div class=\"chart\" role=\"img\" aria-labelledby=\"");
    if (title) {
        esc(b, id);
        sr_buf_puts(b, "-title");
    } else {
        sr_buf_printf(b, "figure-%d", k);
    }
    sr_buf_puts(b, "\" aria-describedby=\"");
    if (desc) {
        esc(b, id);
        sr_buf_puts(b, "-desc");
    } else {
        sr_buf_printf(b, "figure-%d-desc", k);
    }
    /* The SVG names itself too: hidden, it is not a second picture. */
    sr_buf_puts(b, "\">\n<div aria-hidden=\"true\">\n");
    sr_buf_put(b, svg, len);
    if (len && svg[len - 1] != '\n')
        sr_buf_putc(b, '\n');
    sr_buf_puts(b, "</div>\n</div>\n");
    if (!desc) {
        sr_buf_printf(b, "<p id=\"figure-%d-desc\" hidden>", k);
        esc(b, f->alt);
        sr_buf_puts(b, "</p>\n");
    }
    sr_buf_free(&own);
    return 0;
}

/* A figure: its number and caption, then the chart. Key figures are tiles
 * of text and the attendance matrix a table, which need no other table;
 * a drawn chart has its figures as a table under it (the tree's `data`,
 * made once by the builder for every output), and its note. */
static int figure(hw *w, const sr_dnode *n, char *err, size_t errlen)
{
    const sr_dfigure *f = n->figure;
    sr_buf *b = w->b;
    if (!f || !f->chart) {
        snprintf(err, errlen, "a figure of the report has no chart");
        return -1;
    }
    const sr_chart *c = f->chart;
    int k = ++w->figures;
    sr_buf_printf(b, "<figure>\n<figcaption id=\"figure-%d\">Figure %d: ", k, k);
    esc(b, c->title);
    sr_buf_puts(b, "</figcaption>\n");
    bool drawn = c->kind != SR_CHART_KPI && c->kind != SR_CHART_MATRIX;
    if (c->kind == SR_CHART_KPI)
        tiles(w, c);
    else if (c->kind == SR_CHART_MATRIX)
        matrix(w, c, k);
    else if (chart_svg(w, f, k, err, errlen) != 0)
        return -1;
    if (f->note) {
        sr_buf_puts(b, "<p class=\"note\">");
        esc(b, f->note);
        sr_buf_puts(b, "</p>\n");
    }
    if (drawn && f->data) {
        char id[32], label[32];
        snprintf(id, sizeof id, "figure-%d-table", k);
        snprintf(label, sizeof label, "Figure %d", k);
        sr_buf_printf(b, "<details><summary>Figure %d as a table</summary>", k);
        table_as(w, f->data, id, label);
        sr_buf_puts(b, "</details>");
    }
    sr_buf_puts(b, "\n</figure>\n");
    return 0;
}

/* Whether the paragraph is an item's only block: the item's text, without
 * a <p> of its own. */
static bool tight(const sr_doc_iter *it)
{
    const sr_dnode *p = sr_doc_iter_parent(it);
    return p && p->kind == SR_D_ITEM && p->nkids == 1;
}

static void open_heading(sr_buf *b, int h, const char *anchor)
{
    sr_buf_printf(b, "<h%d", h);
    if (anchor) {
        sr_buf_puts(b, " id=\"");
        esc(b, anchor);
        sr_buf_putc(b, '"');
    }
    sr_buf_putc(b, '>');
}

/* A contents entry's words: the number its heading has ("2.1"), then its
 * title. The list's own numbering is off (it would count "1." under "2."):
 * the entries say the report's numbers, as the headings do. */
static void numbered(sr_buf *b, const sr_dnode *n)
{
    if (n->number) {
        esc(b, n->number);
        sr_buf_putc(b, ' ');
    }
    esc(b, n->text);
}

/* The contents: each section and the level-2 headings in it. */
static void contents(hw *w, const sr_dnode *root)
{
    sr_buf *b = w->b;
    bool sub = false; /* the section's list of headings is open */
    sr_doc_iter *it = sr_doc_iter_new(root);
    sr_doc_event ev;
    while ((ev = sr_doc_iter_next(it)) != SR_EV_DONE) {
        const sr_dnode *n = sr_doc_iter_node(it);
        if (n->kind == SR_D_DOCUMENT)
            continue;
        if (n->kind == SR_D_SECTION) {
            if (ev == SR_EV_ENTER) {
                sr_buf_puts(b, "<li><a href=\"#");
                esc(b, n->anchor);
                sr_buf_puts(b, "\">");
                numbered(b, n);
                sr_buf_puts(b, "</a>");
                sub = false;
            } else {
                sr_buf_puts(b, sub ? "</ol></li>\n" : "</li>\n");
            }
            continue;
        }
        if (ev == SR_EV_ENTER && n->kind == SR_D_HEADING && n->level == 2 && n->anchor &&
            sr_doc_iter_parent(it)->kind == SR_D_SECTION) {
            sr_buf_puts(b, sub ? "" : "<ol role=\"list\">");
            sub = true;
            sr_buf_puts(b, "<li><a href=\"#");
            esc(b, n->anchor);
            sr_buf_puts(b, "\">");
            numbered(b, n);
            sr_buf_puts(b, "</a></li>");
        }
        /* Nothing below a section's own blocks is in the contents. */
        if (ev == SR_EV_ENTER)
            sr_doc_iter_skip(it);
    }
    sr_doc_iter_free(it);
}

/* The sections, in one walk: blocks and inlines as elements. */
static int body(hw *w, const sr_dnode *root, char *err, size_t errlen)
{
    sr_buf *b = w->b;
    int rc = 0;
    sr_doc_iter *it = sr_doc_iter_new(root);
    sr_doc_event ev;
    while (rc == 0 && (ev = sr_doc_iter_next(it)) != SR_EV_DONE) {
        const sr_dnode *n = sr_doc_iter_node(it);
        bool enter = ev == SR_EV_ENTER;
        switch (n->kind) {
        case SR_D_DOCUMENT:
            break;
        case SR_D_ANNEX:       /* the workbook's */
        case SR_D_CHART_FILES: /* the chart files' */
            if (enter)
                sr_doc_iter_skip(it);
            break;
        case SR_D_SECTION:
            if (enter) {
                sr_buf_puts(b, "<section aria-labelledby=\"");
                esc(b, n->anchor);
                sr_buf_puts(b, "\">\n");
                open_heading(b, 2, n->anchor);
                if (n->number)
                    sr_buf_printf(b, "%s ", n->number);
                esc(b, n->text);
                sr_buf_puts(b, "</h2>\n");
            } else {
                sr_buf_puts(b, "</section>\n");
            }
            break;
        case SR_D_HEADING:
            if (enter) {
                open_heading(b, n->level + 1, n->anchor);
                if (n->number)
                    sr_buf_printf(b, "%s ", n->number);
            } else {
                sr_buf_printf(b, "</h%d>\n", n->level + 1);
            }
            break;
        case SR_D_PARAGRAPH:
            if (!tight(it))
                sr_buf_puts(b, enter ? "<p>" : "</p>\n");
            break;
        case SR_D_NOTE:
            sr_buf_puts(b, enter ? "<p class=\"draft\">" : "</p>\n");
            break;
        case SR_D_LIST:
            if (enter)
                sr_buf_puts(b, n->ordered ? "<ol>\n" : "<ul>\n");
            else
                sr_buf_puts(b, n->ordered ? "</ol>\n" : "</ul>\n");
            break;
        case SR_D_ITEM:
            sr_buf_puts(b, enter ? "<li>" : "</li>\n");
            break;
        case SR_D_QUOTE:
            sr_buf_puts(b, enter ? "<blockquote>\n" : "</blockquote>\n");
            break;
        case SR_D_CODE_BLOCK:
            sr_buf_puts(b, "<p><code>");
            esc_lines(b, n->text);
            sr_buf_puts(b, "</code></p>\n");
            break;
        case SR_D_TABLE:
            table(w, n->table);
            break;
        case SR_D_FIGURE:
            rc = figure(w, n, err, errlen);
            break;
        case SR_D_TEXT:
            esc_lines(b, n->text);
            break;
        case SR_D_EMPH:
            sr_buf_puts(b, enter ? "<i>" : "</i>");
            break;
        case SR_D_STRONG:
            sr_buf_puts(b, enter ? "<b>" : "</b>");
            break;
        case SR_D_CODE:
            sr_buf_puts(b, "<code>");
            esc(b, n->text);
            sr_buf_puts(b, "</code>");
            break;
        case SR_D_LINK:
            if (!allowed_url(n->url)) {
                break; /* the words alone */
            } else if (enter) {
                sr_buf_puts(b, "<a href=\"");
                esc(b, n->url);
                sr_buf_puts(b, "\">");
            } else {
                sr_buf_puts(b, "</a>");
            }
            break;
        case SR_D_LINEBREAK:
            sr_buf_puts(b, "<br>");
            break;
        }
    }
    sr_doc_iter_free(it);
    return rc;
}

/* A link to a file beside the page: its name as a relative address. */
static void file_link(sr_buf *b, const char *file, const char *type, const char *words)
{
    char *u = g_uri_escape_string(file, NULL, FALSE);
    sr_buf_puts(b, "<a href=\"");
    esc(b, u);
    sr_buf_printf(b, "\" type=\"%s\">%s</a>", type, words);
    g_free(u);
}

/* The footer's other forms of the report, each a link to its file. */
static void also_linked(sr_buf *b, const sr_document *doc)
{
    sr_buf_puts(b, " Also published");
    if (doc->pdf_file) {
        sr_buf_puts(b, " as ");
        file_link(b, doc->pdf_file, "application/pdf", "a PDF");
        sr_buf_puts(b, doc->xlsx_file ? "," : "");
    }
    if (doc->xlsx_file) {
        sr_buf_puts(b, " with ");
        file_link(b, doc->xlsx_file,
                  "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                  "a spreadsheet of every figure");
    }
    sr_buf_putc(b, '.');
}

int sr_html_render(const sr_document *doc, sr_fonts *fonts, sr_svg_cache *svgs, bool draft,
                   sr_buf *out, char *err, size_t errlen)
{
    sr_buf *b = out;
    hw w = {b, fonts, svgs, 0, 0};
    sr_buf_puts(b, "<!DOCTYPE html>\n<html lang=\"");
    esc(b, doc->lang);
    sr_buf_puts(b, "\">\n<head>\n<meta charset=\"utf-8\">\n"
                   "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
                   "<title>");
    esc(b, doc->title);
    sr_buf_printf(b, "</title>\n<style>%s:root{--accent:#%02X%02X%02X}</style>\n</head>\n<body>\n",
                  css, (unsigned)(doc->accent[0] * 255 + 0.5),
                  (unsigned)(doc->accent[1] * 255 + 0.5), (unsigned)(doc->accent[2] * 255 + 0.5));
    sr_buf_puts(b, "<a class=\"skip\" href=\"#main\">Skip to the report</a>\n<div class=\"page\">\n"
                   "<header>\n<p>");
    esc(b, doc->partnership);
    sr_buf_puts(b, "</p>\n<h1>");
    esc(b, doc->cover_title);
    sr_buf_puts(b, "</h1>\n<p>");
    esc(b, doc->covering);
    sr_buf_puts(b, "</p>\n");
    /* A draft says so, in the document's words (with the day planned, when
     * given); a final report gives the day it is published. */
    if (draft != (doc->draft != NULL)) {
        snprintf(err, errlen, "the page is to be %s, but the document is %s",
                 draft ? "a draft" : "final", doc->draft ? "a draft" : "final");
        return -1;
    }
    if (doc->draft) {
        sr_buf_puts(b, "<p class=\"draft\">");
        esc(b, doc->draft);
        sr_buf_puts(b, "</p>\n");
    } else if (doc->published) {
        sr_buf_puts(b, "<p class=\"published\">Published ");
        esc(b, doc->published);
        sr_buf_puts(b, "</p>\n");
    }
    sr_buf_puts(b, "</header>\n<nav aria-labelledby=\"contents\">\n<h2 id=\"contents\">Contents"
                   "</h2>\n<ol role=\"list\">\n");
    contents(&w, doc->root);
    sr_buf_puts(b, "</ol>\n</nav>\n<main id=\"main\">\n");
    if (body(&w, doc->root, err, errlen) != 0)
        return -1;
    sr_buf_puts(b, "</main>\n<footer>\n<p>");
    esc(b, doc->footer ? doc->footer : doc->title);
    sr_buf_putc(b, '.');
    if (doc->pdf_file || doc->xlsx_file) {
        also_linked(b, doc);
    } else if (doc->also) {
        sr_buf_putc(b, ' ');
        esc(b, doc->also);
    }
    sr_buf_puts(b, "</p>\n</footer>\n</div>\n</body>\n</html>\n");
    return 0;
}

int sr_html_write(const sr_document *doc, sr_fonts *fonts, const sr_html_options *o, char *err,
                  size_t errlen)
{
    sr_buf b = SR_BUF_INIT;
    int rc = sr_html_render(doc, fonts, NULL, o->draft, &b, err, errlen);
    if (rc == 0) {
        rc = sr_write_file_atomic(o->path, b.data, b.len);
        if (rc != 0)
            snprintf(err, errlen, "cannot write %s: %s", o->path, sr_io_error(errno));
    }
    sr_buf_free(&b);
    return rc;
}

static int write_html(const sr_document *doc, const sr_render_options *o, const char *path,
                      sr_render_result *r, char *err, size_t errlen)
{
    sr_buf b = SR_BUF_INIT;
    int rc = sr_html_render(doc, o->fonts, o->svgs, o->draft, &b, err, errlen);
    if (rc == 0) {
        rc = sr_write_file_atomic(path, b.data, b.len);
        if (rc != 0)
            snprintf(err, errlen, "cannot write %s: %s", path, sr_io_error(errno));
    }
    if (rc == 0) {
        r->what[0] = '\0';
        r->bytes = b.len;
        r->after[0] = '\0';
    }
    sr_buf_free(&b);
    return rc;
}

const sr_output sr_output_html = {"HTML", "%s-annual-report-%s.html", false, true, write_html};
