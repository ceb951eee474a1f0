/* TEMPORARY (this commit only): being rewritten for the new tree. */
#include "render/pdf.h"
#include "render/render.h"
#include <stdio.h>
int sr_pdf_write(const sr_document *doc, sr_fonts *fonts, const sr_pdf_options *o,
                 sr_pdf_stats *stats, char *err, size_t errlen)
{
    (void)doc, (void)fonts, (void)o, (void)stats;
    snprintf(err, errlen, "the PDF renderer is being rewritten");
    return -1;
}

static int write_stub(const sr_document *doc, const sr_render_options *o, const char *path,
                      sr_render_result *r, char *err, size_t errlen)
{
    (void)doc, (void)o, (void)path, (void)r;
    snprintf(err, errlen, "being rewritten");
    return -1;
}

const sr_output sr_output_pdf = {"PDF", "%s-annual-report-%s.pdf", false, true, write_stub};

#if 0 /* before the new tree: helper reference */
/* pdf: pagination and PDF output, see pdf.h. */
#include "render/pdf.h"

#include "chart/palette.h"
#include "core/arena.h"
#include "core/buf.h"
#include "core/fsutil.h"
#include "render/pdf_post.h"

#include <cairo-pdf.h>
#include <errno.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* ---- page geometry and type, in points ------------------------------------------ */

#define MARGIN 56.7 /* 20 mm */
#define FOOTER 28.0 /* space kept for the footer */
#define BODY   10.5
#define SMALL  8.5
#define LINE   1.32 /* line spacing, as a factor */
#define GAP    7.0  /* after a paragraph */

typedef enum { IT_TEXT, IT_OPEN, IT_CLOSE, IT_FIGURE, IT_RULE, IT_FILL, IT_DEST } itkind;

typedef struct {
    itkind kind;
    double x, y, w, h;
    PangoLayout *layout; /* IT_TEXT */
    int line0, nlines;
    const char *tag;  /* IT_TEXT: the leaf's tag; IT_OPEN: the container's */
    const char *attr; /* tag attributes (links) */
    const sr_dnode *fig;
    sr_rgb colour;
} item;

typedef struct {
    item *v;
    size_t n, cap;
} page;

typedef struct {
    sr_fonts *fonts;
    cairo_t *measure;
    sr_rgb accent;
    double pw, ph, left, right, top, bottom;
    page *pages;
    size_t npages, cap;
    double y;
    const char *open[16]; /* containers open on the current page */
    const char *open_attr[16];
    size_t nopen;
    int figures, tables;
    /* page of each section and level-2 heading, for the contents */
    const sr_dnode **toc;
    int *toc_page;
    size_t ntoc;
    PangoLayout **owned; /* every layout made, released at the end */
    size_t nowned, owned_cap;
} layout;

static item *push(layout *L, itkind k)
{
    page *p = &L->pages[L->npages - 1];
    if (p->n == p->cap) {
        p->cap = p->cap ? p->cap * 2 : 32;
        p->v = sr_xrealloc(p->v, p->cap * sizeof *p->v);
    }
    item *it = &p->v[p->n++];
    memset(it, 0, sizeof *it);
    it->kind = k;
    it->colour = sr_text;
    return it;
}

static void open_tag(layout *L, const char *tag, const char *attr)
{
    item *it = push(L, IT_OPEN);
    it->tag = tag;
    it->attr = attr;
    L->open_attr[L->nopen] = attr;
    L->open[L->nopen++] = tag;
}

static void close_tag(layout *L)
{
    push(L, IT_CLOSE);
    L->nopen--;
}

static void new_page(layout *L)
{
    /* Containers end with the page and begin again on the next. */
    if (L->npages)
        for (size_t i = L->nopen; i-- > 0;)
            push(L, IT_CLOSE);
    if (L->npages == L->cap) {
        L->cap = L->cap ? L->cap * 2 : 16;
        L->pages = sr_xrealloc(L->pages, L->cap * sizeof *L->pages);
    }
    memset(&L->pages[L->npages++], 0, sizeof(page));
    L->y = L->top;
    for (size_t i = 0; i < L->nopen; i++) {
        item *it = push(L, IT_OPEN);
        it->tag = L->open[i];
        it->attr = L->open_attr[i];
    }
}

static double room(const layout *L)
{
    return L->bottom - L->y;
}

/* ---- text ------------------------------------------------------------------------- */

static PangoLayout *make_text(layout *L, const char *markup, double size, int weight, double width,
                              bool italic)
{
    PangoLayout *l = sr_fonts_layout(L->fonts, L->measure, size, weight);
    if (italic) {
        PangoFontDescription *d = pango_font_description_copy(pango_layout_get_font_description(l));
        pango_font_description_set_style(d, PANGO_STYLE_ITALIC);
        pango_layout_set_font_description(l, d);
        pango_font_description_free(d);
    }
    pango_layout_set_width(l, (int)(width * PANGO_SCALE));
    pango_layout_set_wrap(l, PANGO_WRAP_WORD_CHAR);
    pango_layout_set_line_spacing(l, (float)LINE);
    pango_layout_set_markup(l, markup, -1);
    if (L->nowned == L->owned_cap) {
        L->owned_cap = L->owned_cap ? L->owned_cap * 2 : 256;
        L->owned = sr_xrealloc(L->owned, L->owned_cap * sizeof *L->owned);
    }
    L->owned[L->nowned++] = l;
    return l;
}

/* Top and bottom of line i, in points from the layout's top. */
static void line_range(PangoLayout *l, int i, double *y0, double *y1)
{
    PangoLayoutIter *it = pango_layout_get_iter(l);
    for (int k = 0; k < i; k++)
        pango_layout_iter_next_line(it);
    int a, b;
    pango_layout_iter_get_line_yrange(it, &a, &b);
    pango_layout_iter_free(it);
    *y0 = a / (double)PANGO_SCALE;
    *y1 = b / (double)PANGO_SCALE;
}

static double lines_height(PangoLayout *l, int from, int n)
{
    double a0, a1, b0, b1;
    line_range(l, from, &a0, &a1);
    line_range(l, from + n - 1, &b0, &b1);
    return b1 - a0;
}

/* Places a text block, splitting it across pages: at least two lines stay
 * together at the bottom of a page and at the top of the next. */
static void place_text(layout *L, PangoLayout *l, const char *tag, double x, double after,
                       sr_rgb colour)
{
    int n = pango_layout_get_line_count(l), at = 0;
    while (at < n) {
        int fit = 0;
        while (at + fit < n && lines_height(l, at, fit + 1) <= room(L))
            fit++;
        if (fit < n - at) {
            if (fit < 2 || n - at < 4) {
                if (L->y > L->top + 1) { /* orphan: move it all over */
                    new_page(L);
                    continue;
                }
                if (fit == 0)
                    fit = 1; /* a line taller than a page: place it anyway */
            } else if (n - at - fit < 2) {
                fit = n - at - 2; /* widow: take one more line over */
            }
        }
        item *it = push(L, IT_TEXT);
        it->layout = l;
        it->line0 = at;
        it->nlines = fit;
        it->tag = tag;
        it->x = x;
        it->y = L->y;
        it->colour = colour;
        double h = lines_height(l, at, fit);
        it->h = h;
        L->y += h;
        at += fit;
        if (at < n)
            new_page(L);
    }
    L->y += after;
}

/* ---- blocks ------------------------------------------------------------------------ */

static void place_node(layout *L, const sr_dnode *n, double x, double w, size_t next_lines);

static double first_lines_height(layout *L, const sr_dnode *n, double w)
{
    if (!n || n->kind != SR_D_PARAGRAPH || !n->markup)
        return 0;
    PangoLayout *l = make_text(L, n->markup, BODY, 400, w, false);
    int lines = pango_layout_get_line_count(l);
    double h = lines_height(l, 0, lines < 2 ? lines : 2);
    return h;
}

static void place_heading(layout *L, const sr_dnode *n, double x, double w, const sr_dnode *next)
{
    double size = n->level == 1 ? 20 : n->level == 2 ? 14 : 12;
    sr_buf mk = SR_BUF_INIT;
    if (n->number)
        sr_buf_printf(&mk, "%s  ", n->number);
    sr_buf_puts(&mk, n->markup);
    PangoLayout *l = make_text(L, sr_buf_str(&mk), size, 600, w, false);
    sr_buf_free(&mk);
    double h = lines_height(l, 0, pango_layout_get_line_count(l));
    double before = n->level == 1 ? 0 : 8;
    /* Keep with next: the heading and two lines of what follows. */
    if (h + before + 6 + first_lines_height(L, next, w) > room(L) && L->y > L->top + 1)
        new_page(L);
    if (n->level == 1 && L->y > L->top + 1)
        new_page(L); /* every section starts a page */
    if (L->y > L->top + 1)
        L->y += before;
    if (n->anchor) {
        item *d = push(L, IT_DEST);
        d->attr = n->anchor;
        d->y = L->y;
        d->x = x;
    }
    if (n->level <= 2) {
        for (size_t i = 0; i < L->ntoc; i++)
            if (L->toc[i] == n)
                L->toc_page[i] = (int)L->npages;
    }
    static const char *const tags[] = {"H1", "H1", "H2", "H3"};
    place_text(L, l, tags[n->level], x, n->level == 1 ? 10 : 5,
               n->level == 1 ? L->accent : sr_text);
}

static void place_note(layout *L, const sr_dnode *n, double x, double w)
{
    PangoLayout *l = make_text(L, n->markup, BODY, 400, w - 16, true);
    double h = lines_height(l, 0, pango_layout_get_line_count(l)) + 12;
    if (h > room(L))
        new_page(L);
    item *bg = push(L, IT_FILL);
    bg->x = x;
    bg->y = L->y;
    bg->w = w;
    bg->h = h;
    L->y += 6;
    place_text(L, l, "P", x + 8, 6 + GAP, sr_text);
}

static void place_figure(layout *L, const sr_dnode *n, double x, double w)
{
    /* As tall as the chart needs (rows and keys grow), and no taller than
     * a page. */
    double nh = sr_chart_height(L->fonts, n->chart, n->width, n->height);
    double scale = n->width > w ? w / n->width : 1;
    if (nh * scale > L->bottom - L->top - 40)
        scale = (L->bottom - L->top - 40) / nh;
    double fh = nh * scale;
    char cap[512];
    L->figures++;
    char *esc = g_markup_escape_text(n->text ? n->text : "", -1);
    snprintf(cap, sizeof cap, "<b>Figure %d.</b> %s", L->figures, esc);
    g_free(esc);
    PangoLayout *cl = make_text(L, cap, SMALL + 0.5, 400, w, false);
    double ch = lines_height(cl, 0, pango_layout_get_line_count(cl));
    if (ch + 4 + fh > room(L) && L->y > L->top + 1)
        new_page(L); /* a figure is never split */
    open_tag(L, "Figure", NULL);
    place_text(L, cl, "Caption", x, 4, sr_text);
    item *it = push(L, IT_FIGURE);
    it->fig = n;
    it->x = x;
    it->y = L->y;
    it->w = n->width * scale;
    it->h = fh;
    L->y += fh + GAP + 4;
    close_tag(L);
}

static void place_table(layout *L, const sr_dtable *t, double x, double w)
{
    L->tables++;
    size_t nc = t->ncols;
    double *cw = sr_xcalloc(nc, sizeof *cw);
    /* Figure columns as wide as their widest entry; the first takes the rest. */
    double fixed = 0;
    for (size_t c = 1; c < nc; c++) {
        double mw = 0;
        for (size_t r = 0; r <= t->nrows; r++) {
            const char *s = r == 0 ? t->head[c] : t->cells[(r - 1) * nc + c];
            char *e = g_markup_escape_text(s ? s : "", -1);
            PangoLayout *l = make_text(L, e, SMALL, r == 0 ? 600 : 400, 1000, false);
            g_free(e);
            PangoRectangle lr;
            pango_layout_get_extents(l, NULL, &lr);
            double tw = lr.width / (double)PANGO_SCALE;
            if (tw > mw)
                mw = tw;
        }
        cw[c] = mw + 10;
        if (cw[c] > w * 0.4)
            cw[c] = w * 0.4;
        fixed += cw[c];
    }
    cw[0] = w - fixed;
    if (cw[0] < w * 0.25) { /* too many wide columns: share out evenly */
        for (size_t c = 0; c < nc; c++)
            cw[c] = w / (double)nc;
    }
    char cap[600];
    char *esc = g_markup_escape_text(t->caption ? t->caption : "", -1);
    snprintf(cap, sizeof cap, "<b>Table %d.</b> %s", L->tables, esc);
    g_free(esc);
    PangoLayout *cl = make_text(L, cap, SMALL + 0.5, 400, w, false);
    double ch = lines_height(cl, 0, pango_layout_get_line_count(cl));
    if (ch + 40 > room(L))
        new_page(L);
    open_tag(L, "Table", NULL);
    place_text(L, cl, "Caption", x, 3, sr_text);
    size_t page_at_header = 0;
    for (size_t r = 0; r <= t->nrows; r++) {
        bool head = r == 0;
        PangoLayout **cells = sr_xcalloc(nc, sizeof *cells);
        double rh = 0;
        for (size_t c = 0; c < nc; c++) {
            const char *s = head ? t->head[c] : t->cells[(r - 1) * nc + c];
            char *e = g_markup_escape_text(s ? s : "", -1);
            cells[c] = make_text(L, e, SMALL, head ? 600 : 400, cw[c] - 8, false);
            g_free(e);
            pango_layout_set_alignment(cells[c], t->numeric[c] && c > 0 ? PANGO_ALIGN_RIGHT
                                                                        : PANGO_ALIGN_LEFT);
            double h = lines_height(cells[c], 0, pango_layout_get_line_count(cells[c]));
            if (h > rh)
                rh = h;
        }
        rh += 6;
        if (rh > room(L)) {
            new_page(L);
            page_at_header = 0;
        }
        /* On a new page, the header row again first. */
        if (!head && page_at_header != L->npages) {
            page_at_header = L->npages;
            if (r > 1) {
                double hh = 0;
                PangoLayout **hc = sr_xcalloc(nc, sizeof *hc);
                for (size_t c = 0; c < nc; c++) {
                    char *e = g_markup_escape_text(t->head[c], -1);
                    hc[c] = make_text(L, e, SMALL, 600, cw[c] - 8, false);
                    g_free(e);
                    pango_layout_set_alignment(hc[c], t->numeric[c] && c > 0 ? PANGO_ALIGN_RIGHT
                                                                             : PANGO_ALIGN_LEFT);
                    double h = lines_height(hc[c], 0, pango_layout_get_line_count(hc[c]));
                    if (h > hh)
                        hh = h;
                }
                hh += 6;
                open_tag(L, "TR", NULL);
                double cx = x;
                for (size_t c = 0; c < nc; c++) {
                    item *it = push(L, IT_TEXT);
                    it->layout = hc[c];
                    it->nlines = pango_layout_get_line_count(hc[c]);
                    it->tag = "TH";
                    it->x = cx + 4;
                    it->y = L->y + 3;
                    it->colour = sr_text;
                    cx += cw[c];
                }
                free(hc);
                L->y += hh;
                item *rule = push(L, IT_RULE);
                rule->x = x;
                rule->y = L->y;
                rule->w = w;
                close_tag(L);
            }
        }
        if (head)
            page_at_header = L->npages;
        if (!head && r % 2 == 0) {
            item *bg = push(L, IT_FILL);
            bg->x = x;
            bg->y = L->y;
            bg->w = w;
            bg->h = rh;
        }
        open_tag(L, "TR", NULL);
        double cx = x;
        for (size_t c = 0; c < nc; c++) {
            item *it = push(L, IT_TEXT);
            it->layout = cells[c];
            it->nlines = pango_layout_get_line_count(cells[c]);
            it->tag = head ? "TH" : "TD";
            it->x = cx + 4;
            it->y = L->y + 3;
            it->colour = sr_text;
            cx += cw[c];
        }
        free(cells);
        L->y += rh;
        close_tag(L);
        if (head) {
            item *rule = push(L, IT_RULE);
            rule->x = x;
            rule->y = L->y;
            rule->w = w;
        }
    }
    close_tag(L);
    if (t->note) {
        char *e = g_markup_escape_text(t->note, -1);
        PangoLayout *nl = make_text(L, e, SMALL, 400, w, true);
        g_free(e);
        L->y += 3;
        place_text(L, nl, "P", x, 0, sr_muted);
    }
    L->y += GAP + 4;
    free(cw);
}

static void place_list(layout *L, const sr_dnode *n, double x, double w)
{
    open_tag(L, "L", NULL);
    for (size_t i = 0; i < n->nkids; i++) {
        const sr_dnode *item_node = n->kids[i];
        open_tag(L, "LI", NULL);
        char lbl[16];
        snprintf(lbl, sizeof lbl, n->ordered ? "%zu." : "\u2022", i + 1);
        PangoLayout *bl = make_text(L, lbl, BODY, 400, 16, false);
        if (room(L) < lines_height(bl, 0, 1) * 2 && L->y > L->top + 1)
            new_page(L);
        item *b = push(L, IT_TEXT);
        b->layout = bl;
        b->nlines = 1;
        b->tag = "Lbl";
        b->x = x;
        b->y = L->y;
        b->colour = sr_text;
        for (size_t k = 0; k < item_node->nkids; k++) {
            const sr_dnode *c = item_node->kids[k];
            if (c->kind == SR_D_PARAGRAPH) {
                PangoLayout *l = make_text(L, c->markup, BODY, 400, w - 18, false);
                place_text(L, l, "LBody", x + 18, k + 1 < item_node->nkids ? 3 : 3, sr_text);
            } else {
                place_node(L, c, x + 18, w - 18, 0);
            }
        }
        close_tag(L);
    }
    close_tag(L);
    L->y += GAP - 3;
}

static void place_node(layout *L, const sr_dnode *n, double x, double w, size_t next_lines)
{
    (void)next_lines;
    switch (n->kind) {
    case SR_D_PARAGRAPH: {
        PangoLayout *l = make_text(L, n->markup, BODY, 400, w, false);
        place_text(L, l, "P", x, GAP, sr_text);
        break;
    }
    case SR_D_LIST:
        place_list(L, n, x, w);
        break;
    case SR_D_QUOTE: {
        open_tag(L, "BlockQuote", NULL);
        double y0 = L->y;
        size_t p0 = L->npages;
        for (size_t i = 0; i < n->nkids; i++) {
            const sr_dnode *c = n->kids[i];
            if (c->kind == SR_D_PARAGRAPH) {
                PangoLayout *l = make_text(L, c->markup, BODY + 0.5, 400, w - 24, true);
                place_text(L, l, "P", x + 16, 4, sr_text);
            } else {
                place_node(L, c, x + 16, w - 24, 0);
            }
        }
        if (p0 == L->npages) { /* the rule beside a quotation on one page */
            item *r = push(L, IT_FILL);
            r->x = x + 4;
            r->y = y0;
            r->w = 3;
            r->h = L->y - y0 - 4;
            r->colour = L->accent;
        }
        close_tag(L);
        L->y += GAP - 4;
        break;
    }
    case SR_D_TABLE:
        place_table(L, n->table, x, w);
        break;
    case SR_D_FIGURE:
        place_figure(L, n, x, w);
        break;
    case SR_D_NOTE:
        place_note(L, n, x, w);
        break;
    default:
        break;
    }
}

static void place_section(layout *L, const sr_dnode *sec, double x, double w)
{
    open_tag(L, "Sect", NULL);
    place_heading(L, sec, x, w, sec->nkids ? sec->kids[0] : NULL);
    for (size_t i = 0; i < sec->nkids; i++) {
        const sr_dnode *n = sec->kids[i];
        if (n->kind == SR_D_HEADING)
            place_heading(L, n, x, w, i + 1 < sec->nkids ? sec->kids[i + 1] : NULL);
        else
            place_node(L, n, x, w, 0);
    }
    close_tag(L);
}

/* ---- drawing ---------------------------------------------------------------------- */

static void draw_text_item(cairo_t *cr, const item *it)
{
    PangoLayout *l = it->layout;
    pango_cairo_update_layout(cr, l);
    PangoLayoutIter *iter = pango_layout_get_iter(l);
    for (int k = 0; k < it->line0; k++)
        pango_layout_iter_next_line(iter);
    int top0, bot0;
    pango_layout_iter_get_line_yrange(iter, &top0, &bot0);
    sr_set_rgb(cr, it->colour);
    for (int k = 0; k < it->nlines; k++) {
        PangoLayoutLine *line = pango_layout_iter_get_line_readonly(iter);
        PangoRectangle logical;
        pango_layout_iter_get_line_extents(iter, NULL, &logical);
        double base = (pango_layout_iter_get_baseline(iter) - top0) / (double)PANGO_SCALE;
        cairo_move_to(cr, it->x + logical.x / (double)PANGO_SCALE, it->y + base);
        pango_cairo_show_layout_line(cr, line);
        if (!pango_layout_iter_next_line(iter))
            break;
    }
    pango_layout_iter_free(iter);
}

static void footer(layout *L, cairo_t *cr, const sr_document *doc, int pageno, int total,
                   bool draft)
{
    char text[512];
    snprintf(text, sizeof text, "%s%s  \xC2\xB7  Page %d of %d", draft ? "DRAFT  \xC2\xB7  " : "",
             doc->title, pageno, total);
    char *e = g_markup_escape_text(text, -1);
    PangoLayout *l = sr_fonts_layout(L->fonts, cr, SMALL - 0.5, 400);
    pango_layout_set_markup(l, e, -1);
    g_free(e);
    /* The footer repeats on every page: an artifact, not content. */
    sr_set_rgb(cr, sr_muted);
    cairo_move_to(cr, L->left, L->ph - MARGIN + 8);
    pango_cairo_show_layout(cr, l);
    g_object_unref(l);
}

static void draw_page(layout *L, cairo_t *cr, const page *p, sr_fonts *fonts)
{
    for (size_t i = 0; i < p->n; i++) {
        const item *it = &p->v[i];
        switch (it->kind) {
        case IT_OPEN:
            cairo_tag_begin(cr, it->tag, it->attr);
            break;
        case IT_CLOSE: {
            /* Find the matching open: tags nest, so the last unclosed one. */
            int depth = 0;
            for (size_t j = i; j-- > 0;) {
                if (p->v[j].kind == IT_CLOSE)
                    depth++;
                else if (p->v[j].kind == IT_OPEN && depth-- == 0) {
                    cairo_tag_end(cr, p->v[j].tag);
                    break;
                }
            }
            break;
        }
        case IT_TEXT:
            if (it->attr) {
                cairo_tag_begin(cr, it->tag, NULL);
                cairo_tag_begin(cr, CAIRO_TAG_LINK, it->attr);
                draw_text_item(cr, it);
                cairo_tag_end(cr, CAIRO_TAG_LINK);
                cairo_tag_end(cr, it->tag);
            } else {
                cairo_tag_begin(cr, it->tag, NULL);
                draw_text_item(cr, it);
                cairo_tag_end(cr, it->tag);
            }
            break;
        case IT_DEST: {
            char attr[256];
            snprintf(attr, sizeof attr, "name='%s' x=%.1f y=%.1f", it->attr, it->x, it->y);
            cairo_tag_begin(cr, CAIRO_TAG_DEST, attr);
            cairo_tag_end(cr, CAIRO_TAG_DEST);
            break;
        }
        case IT_FIGURE: {
            cairo_save(cr);
            cairo_translate(cr, it->x, it->y);
            double scale = it->w / it->fig->width;
            cairo_scale(cr, scale, scale);
            sr_chart_draw(cr, fonts, it->fig->chart, it->fig->width, it->h / scale, NULL);
            cairo_restore(cr);
            break;
        }
        case IT_RULE:
            sr_set_rgb(cr, sr_muted);
            cairo_set_line_width(cr, 0.8);
            cairo_move_to(cr, it->x, it->y);
            cairo_line_to(cr, it->x + it->w, it->y);
            cairo_stroke(cr);
            break;
        case IT_FILL:
            if (it->h < 0) { /* a dotted leader in the contents */
                sr_set_rgb(cr, sr_muted);
                cairo_set_line_width(cr, 1);
                cairo_set_line_cap(cr, CAIRO_LINE_CAP_ROUND);
                cairo_set_dash(cr, (double[]){0, 3.5}, 2, 0);
                cairo_move_to(cr, it->x, it->y);
                cairo_line_to(cr, it->x + it->w, it->y);
                cairo_stroke(cr);
                cairo_set_dash(cr, NULL, 0, 0);
                break;
            }
            if (it->w <= 4)
                sr_set_rgb(cr, it->colour);
            else
                cairo_set_source_rgb(cr, 0.95, 0.96, 0.97);
            cairo_rectangle(cr, it->x, it->y, it->w, it->h);
            cairo_fill(cr);
            break;
        }
    }
    (void)L;
}

/* ---- the document -------------------------------------------------------------------- */

static cairo_status_t to_buf(void *closure, const unsigned char *data, unsigned int length)
{
    sr_buf_put(closure, (const char *)data, length);
    return CAIRO_STATUS_SUCCESS;
}

static void cover(layout *L, const sr_document *doc)
{
    double w = L->right - L->left;
    L->y = L->top + 150;
    char *e = g_markup_escape_text(doc->partnership, -1);
    PangoLayout *p = make_text(L, e, 16, 400, w, false);
    g_free(e);
    place_text(L, p, "P", L->left, 14, sr_text);
    char t[256];
    snprintf(t, sizeof t, "Annual report %s", doc->year);
    PangoLayout *h = make_text(L, t, 34, 600, w, false);
    place_text(L, h, "H1", L->left, 18, L->accent);
    int y0 = atoi(doc->year);
    snprintf(t, sizeof t, "Covering 1 April %d to 31 March %d", y0, y0 + 1);
    PangoLayout *s = make_text(L, t, 12, 400, w, false);
    place_text(L, s, "P", L->left, 0, sr_muted);
}

static void contents(layout *L, const sr_document *doc)
{
    (void)doc;
    double w = L->right - L->left;
    open_tag(L, "TOC", NULL);
    PangoLayout *h = make_text(L, "Contents", 20, 600, w, false);
    place_text(L, h, "H1", L->left, 10, L->accent);
    for (size_t i = 0; i < L->ntoc; i++) {
        const sr_dnode *n = L->toc[i];
        bool sub = n->level == 2;
        char left[600];
        char *e = g_markup_escape_text(n->text, -1);
        snprintf(left, sizeof left, "%s  %s", n->number ? n->number : "", e);
        g_free(e);
        double indent = sub ? 24 : 0;
        /* "Title ........ 12": dots fill the gap, the number is right-aligned. */
        PangoLayout *l =
            make_text(L, left, sub ? BODY - 1 : BODY, sub ? 400 : 600, w - indent - 40, false);
        char num[16];
        snprintf(num, sizeof num, "%d", L->toc_page[i] ? L->toc_page[i] : 8888);
        PangoLayout *nl = make_text(L, num, sub ? BODY - 1 : BODY, sub ? 400 : 600, 36, false);
        pango_layout_set_alignment(nl, PANGO_ALIGN_RIGHT);
        double lh = lines_height(l, 0, pango_layout_get_line_count(l));
        if (lh + 6 > room(L))
            new_page(L);
        char attr[128];
        snprintf(attr, sizeof attr, "dest='%s'", n->anchor);
        open_tag(L, "TOCI", NULL);
        item *it = push(L, IT_TEXT);
        it->layout = l;
        it->nlines = pango_layout_get_line_count(l);
        it->tag = "Reference";
        it->x = L->left + indent;
        it->y = L->y;
        it->attr = sr_xstrdup(attr);
        item *fill = push(L, IT_RULE);
        PangoRectangle lr;
        pango_layout_get_extents(l, NULL, &lr);
        int nline = pango_layout_get_line_count(l);
        double lastw = 0;
        {
            PangoLayoutLine *ll = pango_layout_get_line_readonly(l, nline - 1);
            PangoRectangle r2;
            pango_layout_line_get_extents(ll, NULL, &r2);
            lastw = r2.width / (double)PANGO_SCALE;
        }
        double ly0, ly1;
        line_range(l, nline - 1, &ly0, &ly1);
        fill->kind = IT_FILL;
        fill->x = L->left + indent + lastw + 6;
        fill->y = L->y + ly1 - 4.5;
        fill->w = w - indent - lastw - 6 - 40;
        fill->h = -0.1; /* marker: a dotted leader, see draw */
        item *ni = push(L, IT_TEXT);
        ni->layout = nl;
        ni->nlines = 1;
        ni->tag = "Reference";
        ni->x = L->right - 36;
        ni->y = L->y + ly0;
        ni->attr = sr_xstrdup(attr);
        L->y += lh + (sub ? 3 : 6);
        close_tag(L);
    }
    close_tag(L);
}

/* Frees pages[from..n) and then the array. */
static void free_pages(page *pages, size_t n, size_t from)
{
    for (size_t i = from; i < n; i++) {
        for (size_t k = 0; k < pages[i].n; k++)
            if (pages[i].v[k].kind == IT_TEXT && pages[i].v[k].attr)
                free((char *)pages[i].v[k].attr);
        free(pages[i].v);
    }
    free(pages);
}

/* How many pages the contents take: they are laid out on pages of their
 * own, counted, and thrown away (their layouts stay on L's list). */
static int contents_pages(layout *L, const sr_document *doc)
{
    layout T = *L;
    T.pages = NULL;
    T.npages = T.cap = 0;
    T.nopen = 0;
    new_page(&T);
    contents(&T, doc);
    int n = (int)T.npages;
    free_pages(T.pages, T.npages, 0);
    L->owned = T.owned;
    L->nowned = T.nowned;
    L->owned_cap = T.owned_cap;
    return n;
}

int sr_pdf_write(const sr_document *doc, sr_fonts *fonts, const sr_pdf_options *o,
                 sr_pdf_stats *stats, char *err, size_t errlen)
{
    layout L = {0};
    L.fonts = fonts;
    L.accent = (sr_rgb){doc->accent[0], doc->accent[1], doc->accent[2]};
    L.pw = doc->landscape ? 841.89 : 595.28;
    L.ph = doc->landscape ? 595.28 : 841.89;
    L.left = MARGIN;
    L.right = L.pw - MARGIN;
    L.top = MARGIN;
    L.bottom = L.ph - MARGIN - FOOTER;
    cairo_surface_t *ms = cairo_image_surface_create(CAIRO_FORMAT_A8, 1, 1);
    L.measure = cairo_create(ms);

    /* The contents: every section and level-2 heading. */
    size_t cap = 16;
    L.toc = sr_xmalloc(cap * sizeof *L.toc);
    for (size_t i = 0; i < doc->root->nkids; i++) {
        const sr_dnode *s = doc->root->kids[i];
        for (size_t k = 0; k <= s->nkids; k++) {
            const sr_dnode *n = k == 0 ? s : s->kids[k - 1];
            if (k > 0 && (n->kind != SR_D_HEADING || n->level != 2))
                continue;
            if (L.ntoc == cap) {
                cap *= 2;
                L.toc = sr_xrealloc(L.toc, cap * sizeof *L.toc);
            }
            L.toc[L.ntoc++] = n;
        }
    }
    L.toc_page = sr_xcalloc(L.ntoc ? L.ntoc : 1, sizeof *L.toc_page);
    /* The pages the contents need: laid out once as they will be (the page
     * numbers, not yet known, are as wide as any), so that no entry falls
     * off the pages kept for them. */
    int toc_pages = contents_pages(&L, doc);

    /* Pages: the cover, the contents (laid out last, once page numbers are
     * known), then the sections. */
    new_page(&L);
    open_tag(&L, "Document", NULL);
    cover(&L, doc);
    size_t content_start = 1 + (size_t)toc_pages;
    for (int i = 0; i < toc_pages; i++)
        new_page(&L);
    new_page(&L);
    double w = L.right - L.left;
    for (size_t i = 0; i < doc->root->nkids; i++)
        place_section(&L, doc->root->kids[i], L.left, w);
    if (o->draft && o->nwarnings) {
        new_page(&L);
        open_tag(&L, "Sect", NULL);
        PangoLayout *h = make_text(&L, "Appendix: warnings in this draft", 20, 600, w, false);
        place_text(&L, h, "H1", L.left, 10, L.accent);
        for (size_t i = 0; i < o->nwarnings; i++) {
            char *e = g_markup_escape_text(o->warnings[i], -1);
            PangoLayout *l = make_text(&L, e, SMALL + 0.5, 400, w, false);
            g_free(e);
            place_text(&L, l, "P", L.left, 4, sr_text);
        }
        close_tag(&L);
    }
    close_tag(&L); /* Document */

    /* The contents pages, now that every heading has its page. Build them in
     * a separate page list and splice them in after the cover. */
    layout T = L;
    T.pages = NULL;
    T.npages = T.cap = 0;
    T.nopen = 0;
    new_page(&T);
    contents(&T, doc);
    int rc = 0;
    if (T.npages > (size_t)toc_pages) {
        /* Never drop an entry: the count above is of this same layout. */
        snprintf(err, errlen, "the contents need %zu pages, but %d were kept for them", T.npages,
                 toc_pages);
        rc = -1;
    }
    for (size_t i = 0; i < T.npages && i < (size_t)toc_pages; i++) {
        free(L.pages[1 + i].v);
        L.pages[1 + i] = T.pages[i];
    }
    free_pages(T.pages, T.npages, (size_t)toc_pages);
    L.owned = T.owned; /* the contents' layouts were added to the same list */
    L.nowned = T.nowned;
    L.owned_cap = T.owned_cap;
    (void)content_start;

    /* Draw. */
    sr_buf pdf = SR_BUF_INIT;
    cairo_surface_t *s = cairo_pdf_surface_create_for_stream(to_buf, &pdf, L.pw, L.ph);
    cairo_pdf_surface_restrict_to_version(s, CAIRO_PDF_VERSION_1_5);
    char date[32];
    time_t t = (time_t)o->created;
    struct tm tm;
    gmtime_r(&t, &tm);
    strftime(date, sizeof date, "%Y-%m-%dT%H:%M:%S", &tm);
    cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_TITLE, doc->title);
    cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_AUTHOR, doc->partnership);
    cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_SUBJECT, doc->subject);
    cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_KEYWORDS, doc->keywords);
    cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_CREATOR, "sscp-report " SSCP_VERSION);
    cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_CREATE_DATE, date);
    cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_MOD_DATE, date);
    cairo_t *cr = cairo_create(s);
    /* Tag attributes use '.' for decimals whatever the locale. */
    char *old = setlocale(LC_NUMERIC, NULL);
    char *saved = old ? sr_xstrdup(old) : NULL;
    setlocale(LC_NUMERIC, "C");
    for (size_t i = 0; rc == 0 && i < L.npages; i++) {
        draw_page(&L, cr, &L.pages[i], fonts);
        if (i > 0)
            footer(&L, cr, doc, (int)i + 1, (int)L.npages, o->draft);
        cairo_show_page(cr);
        if (cairo_status(cr) != CAIRO_STATUS_SUCCESS) {
            snprintf(err, errlen, "cairo: %s", cairo_status_to_string(cairo_status(cr)));
            rc = -1;
            break;
        }
    }
    /* The outline: sections, with their level-2 headings inside. */
    int parent = CAIRO_PDF_OUTLINE_ROOT;
    for (size_t i = 0; rc == 0 && i < L.ntoc; i++) {
        const sr_dnode *n = L.toc[i];
        char attr[128], title[600];
        snprintf(attr, sizeof attr, "dest='%s'", n->anchor);
        snprintf(title, sizeof title, "%s %s", n->number, n->text);
        int id = cairo_pdf_surface_add_outline(s, n->level == 1 ? CAIRO_PDF_OUTLINE_ROOT : parent,
                                               title, attr, 0);
        if (n->level == 1)
            parent = id;
    }
    cairo_destroy(cr);
    cairo_surface_finish(s);
    if (rc == 0 && cairo_surface_status(s) != CAIRO_STATUS_SUCCESS) {
        snprintf(err, errlen, "cairo: %s", cairo_status_to_string(cairo_surface_status(s)));
        rc = -1;
    }
    cairo_surface_destroy(s);
    if (saved) {
        setlocale(LC_NUMERIC, saved);
        free(saved);
    }
    /* What cairo cannot write: the language, figures' alternatives, and
     * DisplayDocTitle. */
    sr_buf final = SR_BUF_INIT;
    if (rc == 0) {
        const char **alts = sr_xcalloc(L.figures + 1, sizeof *alts);
        size_t nalts = 0;
        for (size_t i = 0; i < L.npages; i++)
            for (size_t k = 0; k < L.pages[i].n; k++)
                if (L.pages[i].v[k].kind == IT_FIGURE && nalts < (size_t)L.figures)
                    alts[nalts++] = L.pages[i].v[k].fig->alt;
        size_t found = 0;
        rc = sr_pdf_post(pdf.data, pdf.len, doc->lang, alts, nalts, &final, &found, err, errlen);
        if (rc == 0 && found != nalts) {
            snprintf(err, errlen, "the PDF has %zu figures in its structure, %zu were drawn", found,
                     nalts);
            rc = -1;
        }
        free(alts);
    }
    if (rc == 0 && sr_write_file_atomic(o->path, final.data, final.len) != 0) {
        snprintf(err, errlen, "cannot write %s: %s", o->path, strerror(errno));
        rc = -1;
    }
    if (stats) {
        stats->pages = (int)L.npages;
        stats->bytes = final.len;
    }
    sr_buf_free(&final);
    sr_buf_free(&pdf);
    for (size_t i = 0; i < L.npages; i++) {
        for (size_t k = 0; k < L.pages[i].n; k++) {
            item *it = &L.pages[i].v[k];
            if (it->kind == IT_TEXT && it->attr)
                free((char *)it->attr);
        }
        free(L.pages[i].v);
    }
    free(L.pages);
    for (size_t i = 0; i < L.nowned; i++)
        g_object_unref(L.owned[i]);
    free(L.owned);
    free(L.toc);
    free(L.toc_page);
    cairo_destroy(L.measure);
    cairo_surface_destroy(ms);
    return rc;
}

#endif
