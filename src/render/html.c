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
    "nav ol{padding-left:1.25rem}nav li{margin:.2rem 0}"
    "blockquote{margin:1.25rem 0;padding:.25rem 0 .25rem 1rem;border-left:4px solid "
    "var(--accent);font-style:italic}"
    "figure{margin:1.5rem 0}figcaption,caption{font-weight:600;text-align:left;"
    "margin-bottom:.5rem}"
    "figure svg{display:block;max-width:100%;height:auto}"
    ".scroll:focus{outline:3px solid #ffbf47;outline-offset:2px}"
    ".scroll{overflow-x:auto;margin:1rem 0}"
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
    "@media print{.skip,nav{display:none}body{font-size:11pt}section{break-before:page}"
    "figure,table{break-inside:avoid}a{color:var(--text)}}";

static void chart_table(hw *w, const sr_chart *c, int n)
{
    sr_buf *b = w->b;
    /* A table wider than a phone scrolls in its own box, which a keyboard
     * must be able to reach (tabindex) and a screen reader to name. */
    sr_buf_printf(b,
                  "<details><summary>Figure %d as a table</summary><div class=\"scroll\" "
                  "tabindex=\"0\" role=\"region\" aria-labelledby=\"figure-%d-table\">"
                  "<table><caption id=\"figure-%d-table\">Figure %d: ",
                  n, n, n, n);
    esc(b, c->title);
    sr_buf_puts(b, "</caption><thead><tr><th scope=\"col\">");
    sr_buf_puts(b, c->kind == SR_CHART_MATRIX ? "Member" : "");
    sr_buf_puts(b, "</th>");
    if (c->kind == SR_CHART_KPI) {
        sr_buf_puts(b, "<th scope=\"col\" class=\"n\">");
        esc(b, c->series[0].name);
        sr_buf_puts(b, "</th><th scope=\"col\">Change</th><th scope=\"col\">Year before</th>");
    } else {
        for (size_t s = 0; s < c->nseries; s++) {
            sr_buf_puts(b, "<th scope=\"col\" class=\"n\">");
            esc(b, c->series[s].name);
            sr_buf_puts(b, "</th>");
        }
    }
    sr_buf_puts(b, "</tr></thead><tbody>");
    for (size_t i = 0; i < c->ncat; i++) {
        sr_buf_puts(b, "<tr><th scope=\"row\">");
        esc(b, c->categories[i]);
        sr_buf_puts(b, "</th>");
        if (c->kind == SR_CHART_KPI) {
            sr_buf_puts(b, "<td class=\"n\">");
            esc(b, c->series[0].values[i].label);
            sr_buf_puts(b, "</td><td>");
            esc(b, c->notes ? c->notes[i] : "");
            sr_buf_puts(b, "</td><td>");
            esc(b, c->before ? c->before[i] : "");
            sr_buf_puts(b, "</td>");
        } else {
            for (size_t s = 0; s < c->nseries; s++) {
                sr_buf_puts(b, "<td class=\"n\">");
                esc(b, c->series[s].values[i].label);
                sr_buf_puts(b, "</td>");
            }
        }
        sr_buf_puts(b, "</tr>");
    }
    sr_buf_puts(b, "</tbody></table></div></details>");
}

static void table(hw *w, const sr_dtable *t)
{
    sr_buf *b = w->b;
    w->tables++;
    sr_buf_printf(b,
                  "<div class=\"scroll\" tabindex=\"0\" role=\"region\" "
                  "aria-labelledby=\"table-%d\"><table><caption id=\"table-%d\">Table %d: ",
                  w->tables, w->tables, w->tables);
    esc(b, t->caption);
    sr_buf_puts(b, "</caption><thead><tr>");
    /* Only the columns for print; the first of them is the row header. */
    bool first = true;
    for (size_t c = 0; c < t->ncols; c++) {
        if (!(t->cols[c].shown & SR_OUT_PRINT))
            continue;
        bool n = !first && sr_dcol_numeric(&t->cols[c]);
        sr_buf_printf(b, "<th scope=\"col\"%s>", n ? " class=\"n\"" : "");
        esc(b, t->cols[c].head);
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

/* A chart: its caption, the SVG as the chart file holds it (its ids carry
 * the chart's id, so charts share the page), and its figures as a table. */
static int figure(hw *w, const sr_dnode *n, char *err, size_t errlen)
{
    const sr_dfigure *f = n->figure;
    sr_buf *b = w->b;
    if (!f || !f->chart) {
        snprintf(err, errlen, "a figure of the report has no chart");
        return -1;
    }
    w->figures++;
    sr_buf_printf(b, "<figure>\n<figcaption>Figure %d: ", w->figures);
    esc(b, f->chart->title);
    sr_buf_puts(b, "</figcaption>\n");
    if (sr_chart_svg(w->fonts, f->chart, f->width, f->height, b) != 0) {
        snprintf(err, errlen, "cannot draw the chart %s: %s", f->id ? f->id : "",
                 sr_io_error(errno));
        return -1;
    }
    sr_buf_putc(b, '\n');
    chart_table(w, f->chart, w->figures);
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
                esc(b, n->text);
                sr_buf_puts(b, "</a>");
                sub = false;
            } else {
                sr_buf_puts(b, sub ? "</ol></li>\n" : "</li>\n");
            }
            continue;
        }
        if (ev == SR_EV_ENTER && n->kind == SR_D_HEADING && n->level == 2 && n->anchor &&
            sr_doc_iter_parent(it)->kind == SR_D_SECTION) {
            sr_buf_puts(b, sub ? "" : "<ol>");
            sub = true;
            sr_buf_puts(b, "<li><a href=\"#");
            esc(b, n->anchor);
            sr_buf_puts(b, "\">");
            esc(b, n->text);
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

int sr_html_render(const sr_document *doc, sr_fonts *fonts, bool draft, sr_buf *out, char *err,
                   size_t errlen)
{
    sr_buf *b = out;
    hw w = {b, fonts, 0, 0};
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
    if (draft)
        sr_buf_puts(b, "<p class=\"draft\">Draft: not for publication.</p>\n");
    sr_buf_puts(b, "</header>\n<nav aria-labelledby=\"contents\">\n<h2 id=\"contents\">Contents"
                   "</h2>\n<ol>\n");
    contents(&w, doc->root);
    sr_buf_puts(b, "</ol>\n</nav>\n<main id=\"main\">\n");
    if (body(&w, doc->root, err, errlen) != 0)
        return -1;
    sr_buf_puts(b, "</main>\n<footer>\n<p>");
    esc(b, doc->footer ? doc->footer : doc->title);
    sr_buf_putc(b, '.');
    if (doc->also) {
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
    int rc = sr_html_render(doc, fonts, o->draft, &b, err, errlen);
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
    int rc = sr_html_render(doc, o->fonts, o->draft, &b, err, errlen);
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
