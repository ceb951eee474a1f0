/* TEMPORARY (this commit only): being rewritten for the new tree. */
#include "render/html.h"
#include "render/render.h"
#include <stdio.h>
int sr_html_write(const sr_document *doc, sr_fonts *fonts, const sr_html_options *o, char *err,
                  size_t errlen)
{
    (void)doc, (void)fonts, (void)o;
    snprintf(err, errlen, "the HTML renderer is being rewritten");
    return -1;
}

static int write_stub(const sr_document *doc, const sr_render_options *o, const char *path,
                      sr_render_result *r, char *err, size_t errlen)
{
    (void)doc, (void)o, (void)path, (void)r;
    snprintf(err, errlen, "being rewritten");
    return -1;
}

const sr_output sr_output_html = {"HTML", "%s-annual-report-%s.html", false, true, write_stub};

#if 0 /* before the new tree: helper reference */
/* html: the accessible HTML version, see html.h. */
#include "render/html.h"

#include "chart/palette.h"
#include "core/buf.h"
#include "core/fsutil.h"

#include <errno.h>
#include <glib.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct {
    sr_buf *b;
    sr_fonts *fonts;
    const sr_document *doc;
    int figures, tables;
} hw;

static void esc(sr_buf *b, const char *s)
{
    char *e = g_markup_escape_text(s ? s : "", -1);
    sr_buf_puts(b, e);
    g_free(e);
}

/* Pango markup is already escaped text with <b>, <i> and <tt>: the same in
 * HTML but for <tt> and line breaks. */
static void markup(sr_buf *b, const char *m)
{
    for (const char *p = m; *p; p++) {
        if (strncmp(p, "<tt>", 4) == 0) {
            sr_buf_puts(b, "<code>");
            p += 3;
        } else if (strncmp(p, "</tt>", 5) == 0) {
            sr_buf_puts(b, "</code>");
            p += 4;
        } else if (*p == '\n') {
            sr_buf_puts(b, "<br>");
        } else {
            sr_buf_putc(b, *p);
        }
    }
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

/* cairo's SVG names its glyphs and clips glyph1-1, clip1...: prefix every id
 * and reference so several charts can share one page. */
static void inline_svg(sr_buf *b, const char *svg, int n)
{
    const char *p = strstr(svg, "<svg");
    if (!p)
        return;
    char pre[32];
    snprintf(pre, sizeof pre, "f%d-", n);
    while (*p) {
        if (strncmp(p, "id=\"", 4) == 0 && strncmp(p + 4, "", 0) == 0) {
            sr_buf_puts(b, "id=\"");
            sr_buf_puts(b, pre);
            p += 4;
        } else if (strncmp(p, "href=\"#", 7) == 0) {
            sr_buf_puts(b, "href=\"#");
            sr_buf_puts(b, pre);
            p += 7;
        } else if (strncmp(p, "url(#", 5) == 0) {
            sr_buf_puts(b, "url(#");
            sr_buf_puts(b, pre);
            p += 5;
        } else if (strncmp(p, "aria-labelledby=\"", 17) == 0) {
            /* "<id>-title <id>-desc" -> both prefixed */
            const char *end = strchr(p + 17, '"');
            sr_buf_puts(b, "aria-labelledby=\"");
            const char *q = p + 17;
            while (q < end) {
                const char *sp = memchr(q, ' ', (size_t)(end - q));
                const char *e = sp ? sp : end;
                sr_buf_puts(b, pre);
                sr_buf_put(b, q, (size_t)(e - q));
                if (sp)
                    sr_buf_putc(b, ' ');
                q = sp ? sp + 1 : end;
            }
            sr_buf_putc(b, '"');
            p = end + 1;
        } else {
            sr_buf_putc(b, *p++);
        }
    }
}

static void node(hw *w, const sr_dnode *n);

static void kids(hw *w, const sr_dnode *n)
{
    for (size_t i = 0; i < n->nkids; i++)
        node(w, n->kids[i]);
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
    for (size_t c = 0; c < t->ncols; c++) {
        sr_buf_printf(b, "<th scope=\"col\"%s>", t->numeric[c] && c ? " class=\"n\"" : "");
        esc(b, t->head[c]);
        sr_buf_puts(b, "</th>");
    }
    sr_buf_puts(b, "</tr></thead><tbody>");
    for (size_t r = 0; r < t->nrows; r++) {
        sr_buf_puts(b, "<tr>");
        for (size_t c = 0; c < t->ncols; c++) {
            const char *cell = t->cells[r * t->ncols + c];
            if (c == 0) {
                sr_buf_puts(b, "<th scope=\"row\">");
                esc(b, cell);
                sr_buf_puts(b, "</th>");
            } else {
                sr_buf_printf(b, "<td%s>", t->numeric[c] ? " class=\"n\"" : "");
                esc(b, cell);
                sr_buf_puts(b, "</td>");
            }
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

static void node(hw *w, const sr_dnode *n)
{
    sr_buf *b = w->b;
    switch (n->kind) {
    case SR_D_HEADING:
        sr_buf_printf(b, "<h%d id=\"%s\">", n->level + 1, n->anchor ? n->anchor : "");
        if (!n->anchor) {
            b->len -= 7; /* drop the empty id="" */
            b->data[b->len] = '\0';
            sr_buf_puts(b, ">");
        }
        if (n->number)
            sr_buf_printf(b, "%s ", n->number);
        markup(b, n->markup);
        sr_buf_printf(b, "</h%d>\n", n->level + 1);
        break;
    case SR_D_PARAGRAPH:
        sr_buf_puts(b, "<p>");
        markup(b, n->markup);
        sr_buf_puts(b, "</p>\n");
        break;
    case SR_D_LIST:
        sr_buf_puts(b, n->ordered ? "<ol>\n" : "<ul>\n");
        for (size_t i = 0; i < n->nkids; i++) {
            const sr_dnode *it = n->kids[i];
            sr_buf_puts(b, "<li>");
            /* A single paragraph in an item is the item's text. */
            if (it->nkids == 1 && it->kids[0]->kind == SR_D_PARAGRAPH)
                markup(b, it->kids[0]->markup);
            else
                kids(w, it);
            sr_buf_puts(b, "</li>\n");
        }
        sr_buf_puts(b, n->ordered ? "</ol>\n" : "</ul>\n");
        break;
    case SR_D_QUOTE:
        sr_buf_puts(b, "<blockquote>\n");
        kids(w, n);
        sr_buf_puts(b, "</blockquote>\n");
        break;
    case SR_D_NOTE:
        sr_buf_puts(b, "<p class=\"draft\">");
        markup(b, n->markup);
        sr_buf_puts(b, "</p>\n");
        break;
    case SR_D_TABLE:
        table(w, n->table);
        break;
    case SR_D_FIGURE: {
        w->figures++;
        sr_buf_printf(b, "<figure>\n<figcaption>Figure %d: ", w->figures);
        esc(b, n->text);
        sr_buf_puts(b, "</figcaption>\n");
        sr_buf svg = SR_BUF_INIT;
        if (sr_chart_svg(w->fonts, n->chart, n->width, n->height, &svg) == 0)
            inline_svg(b, sr_buf_str(&svg), w->figures);
        sr_buf_free(&svg);
        sr_buf_putc(b, '\n');
        chart_table(w, n->chart, w->figures);
        sr_buf_puts(b, "\n</figure>\n");
        break;
    }
    default:
        kids(w, n);
    }
}

int sr_html_write(const sr_document *doc, sr_fonts *fonts, const sr_html_options *o, char *err,
                  size_t errlen)
{
    sr_buf b = SR_BUF_INIT;
    hw w = {&b, fonts, doc, 0, 0};
    sr_buf_printf(&b,
                  "<!DOCTYPE html>\n<html lang=\"%s\">\n<head>\n<meta charset=\"utf-8\">\n"
                  "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
                  "<title>",
                  doc->lang);
    esc(&b, doc->title);
    sr_buf_printf(&b, "</title>\n<style>%s:root{--accent:#%02X%02X%02X}</style>\n</head>\n<body>\n",
                  css, (unsigned)(doc->accent[0] * 255 + 0.5),
                  (unsigned)(doc->accent[1] * 255 + 0.5), (unsigned)(doc->accent[2] * 255 + 0.5));
    sr_buf_puts(&b,
                "<a class=\"skip\" href=\"#main\">Skip to the report</a>\n<div class=\"page\">\n"
                "<header>\n<p>");
    esc(&b, doc->partnership);
    sr_buf_printf(&b,
                  "</p>\n<h1>Annual report %s</h1>\n<p>Covering 1 April %d to 31 March %d</p>\n",
                  doc->year, atoi(doc->year), atoi(doc->year) + 1);
    if (o->draft)
        sr_buf_puts(&b, "<p class=\"draft\">Draft: not for publication.</p>\n");
    sr_buf_puts(&b, "</header>\n<nav aria-labelledby=\"contents\">\n<h2 id=\"contents\">Contents"
                    "</h2>\n<ol>\n");
    for (size_t i = 0; i < doc->root->nkids; i++) {
        const sr_dnode *s = doc->root->kids[i];
        sr_buf_printf(&b, "<li><a href=\"#%s\">", s->anchor);
        esc(&b, s->text);
        sr_buf_puts(&b, "</a>");
        bool sub = false;
        for (size_t k = 0; k < s->nkids; k++) {
            const sr_dnode *h = s->kids[k];
            if (h->kind != SR_D_HEADING || h->level != 2 || !h->anchor)
                continue;
            sr_buf_puts(&b, sub ? "" : "<ol>");
            sub = true;
            sr_buf_printf(&b, "<li><a href=\"#%s\">", h->anchor);
            esc(&b, h->text);
            sr_buf_puts(&b, "</a></li>");
        }
        sr_buf_puts(&b, sub ? "</ol></li>\n" : "</li>\n");
    }
    sr_buf_puts(&b, "</ol>\n</nav>\n<main id=\"main\">\n");
    for (size_t i = 0; i < doc->root->nkids; i++) {
        const sr_dnode *s = doc->root->kids[i];
        sr_buf_printf(&b, "<section aria-labelledby=\"%s\">\n<h2 id=\"%s\">%s ", s->anchor,
                      s->anchor, s->number);
        esc(&b, s->text);
        sr_buf_puts(&b, "</h2>\n");
        kids(&w, s);
        sr_buf_puts(&b, "</section>\n");
    }
    sr_buf_puts(&b, "</main>\n<footer>\n<p>");
    esc(&b, doc->title);
    sr_buf_puts(&b, ". Also published as a PDF, with a spreadsheet of every figure.</p>\n"
                    "</footer>\n</div>\n</body>\n</html>\n");
    int rc = sr_write_file_atomic(o->path, b.data, b.len);
    if (rc != 0)
        snprintf(err, errlen, "cannot write %s: %s", o->path, strerror(errno));
    sr_buf_free(&b);
    return rc;
}

#endif
