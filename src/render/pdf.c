/* pdf: the document tree typeset as a PDF with Pango, see pdf.h.
 *
 * Two steps. Placing walks the tree with sr_doc_iter and puts everything it
 * shows on pages as items (a piece of text, a fill, a rule, a figure, the
 * opening and closing of a structure element), splitting text between
 * pages; the contents are placed last, on pages kept for them, once every
 * heading's page is known. Drawing goes through each page's items onto
 * cairo's PDF surface. A paragraph's inlines become Pango markup in one
 * place (markup_inlines), escaped there, with the byte ranges of its links,
 * which are drawn as link annotations over the lines they fall on.
 */
#include "render/pdf.h"

#include "chart/palette.h"
#include "core/arena.h"
#include "core/buf.h"
#include "core/fsutil.h"
#include "render/pdf_post.h"
#include "render/render.h"

#include <cairo-pdf.h>
#include <errno.h>
#include <locale.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* ---- page geometry and type, in points ------------------------------------------------- */

#define MARGIN 56.7 /* 20 mm */
#define FOOTER 28.0 /* space kept for the footer */
#define BODY   11.0
#define SMALL  8.5
#define LINE   1.32 /* line spacing, as a factor */
#define GAP    7.0  /* after a paragraph */
/* Running text is set no wider than this many ems of body type: about 75
 * characters a line. Tables and figures take the whole width. */
#define MEASURE_EM 35.0
/* Space above a section's heading when it follows on the same page. */
#define SECTION_GAP 30.0

/* A link in a piece of text: bytes [start, end) of the layout's text, to
 * an address (uri) or to a destination in the document (dest). */
typedef struct {
    size_t start, end;
    const char *uri, *dest;
} link_span;

/* A laid-out piece of text, with its lines' tops and bottoms (in points
 * from the layout's top) and its links. */
typedef struct {
    PangoLayout *layout;
    int nlines;
    double *top, *bottom;
    double *base, *x; /* each line's baseline (from the layout's top) and left edge */
    link_span *links;
    size_t nlinks;
} textbox;

typedef enum {
    IT_TEXT,
    IT_OPEN,
    IT_CLOSE,
    IT_FIGURE,
    IT_RULE,
    IT_FILL,
    IT_LEADER,
    IT_DEST,
    IT_BAND, /* a field of colour: the cover's */
    IT_LOGO, /* the partnership's logo, drawn in the box x, y, w, h */
} itkind;

/* The structure tree is one tree for the document: containers (IT_OPEN to
 * IT_CLOSE) stay open across pages, and only leaves hold what is drawn.
 * A leaf never stays open across a page: cairo would go on marking what
 * the next page draws before the leaf ends (the footer) as part of it. So
 * a piece of text split between pages is a container (its tag) with a
 * Span leaf per page, and a paragraph with links a container of Span and
 * Link leaves. Whatever is drawn outside a leaf (rules, fills, leaders, a
 * table's header row repeated on a new page: IT_TEXT without a tag, the
 * footer) is decoration, which the post-pass marks as an artifact. */
typedef struct {
    itkind kind;
    double x, y, w, h;
    const textbox *text; /* IT_TEXT: lines line0 .. line0 + nlines of it */
    int line0, nlines;
    bool runs;          /* IT_TEXT with links: its runs are Span and Link leaves */
    const char *tag;    /* IT_TEXT: the leaf's tag (NULL: decoration); IT_OPEN: the container's;
                           IT_FIGURE: "Figure" */
    const char *attr;   /* IT_OPEN: its attributes; IT_TEXT: a link around it; IT_DEST: the name */
    const char *words;  /* IT_TEXT with a link around it: what its annotation says */
    const textbox *num; /* IT_TEXT, a contents entry: its page number, drawn in its link */
    double num_x, num_y;
    const sr_dfigure *fig;
    double scale; /* IT_FIGURE: drawn w / scale wide and h / scale tall, then scaled */
    /* IT_FIGURE, a part of a chart too tall for a page: its rows row0 .. row0
     * + nrows - 1 (nrows 0: the whole chart), laid out as the whole chart
     * is at whole_h tall (sr_chart_draw_rows). */
    size_t row0, nrows;
    double whole_h;
    sr_rgb colour;
} item;

typedef struct {
    item *v;
    size_t n, cap;
} page;

/* Pages being filled, and how many structure elements are open. */
typedef struct {
    page *v;
    size_t n, cap;
    double y;
    size_t nopen;
} pagelist;

/* A figure as placed: its number, and its figures' table in the appendix
 * of chart data (0 when it has none). */
typedef struct {
    const sr_dfigure *fig;
    int number, table;
} placed_figure;

typedef struct {
    sr_fonts *fonts;
    cairo_t *measure;
    sr_arena *a; /* the strings and text boxes of this PDF */
    sr_rgb accent;
    double pw, ph, left, right, top, bottom;
    double text_right;     /* running text ends here (MEASURE_EM) */
    bool section_new_page; /* each section starts a new page */
    pagelist *pl;
    int figures, tables;
    /* The figures placed, in order; the page each one's table of figures
     * is on, as the last layout found it (0 when not yet known). */
    placed_figure *shown;
    size_t nshown, shown_cap;
    int *data_page, *data_page_now;
    size_t ndata, ndata_max; /* tables of chart data placed; how many there are */
    /* Structure elements open while drawing, innermost last. */
    const char **drawing;
    size_t ndrawing, drawing_cap;
    /* The contents: each section and level-2 heading, with its page. */
    const sr_dnode **toc;
    int *toc_page;
    size_t ntoc;
    cairo_surface_t *logo; /* the cover's logo, decoded at LOGO_PPI of its box, or NULL */
    double logo_w, logo_h; /* its box on the cover, in points */
    PangoLayout **owned;   /* every layout made, released at the end */
    size_t nowned, owned_cap;
    /* Every text box made, by what it was made of (text_key): a piece of
     * text is laid out once, however often the placing measures it and
     * however many times the body is placed. */
    GHashTable *texts;
    GHashTable *widths; /* text_width's, by size, weight and text */
    /* Each link annotation drawn, with its words, and the page being drawn. */
    sr_pdf_annot_text *annots;
    size_t nannots, annots_cap, drawing_page;
    char date[40]; /* the creation date, "2020-04-01T00:00:00Z" */
    char err[256]; /* the first thing that went wrong, or "" */
} layout;

static void fail(layout *L, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static void fail(layout *L, const char *fmt, ...)
{
    if (L->err[0])
        return;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(L->err, sizeof L->err, fmt, ap);
    va_end(ap);
}

static const char *str(const char *s)
{
    return s ? s : "";
}

static item *push(layout *L, itkind k)
{
    page *p = &L->pl->v[L->pl->n - 1];
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
    L->pl->nopen++;
}

static void close_tag(layout *L)
{
    push(L, IT_CLOSE);
    L->pl->nopen--;
}

static void new_page(layout *L)
{
    pagelist *pl = L->pl;
    if (pl->n == pl->cap) {
        pl->cap = pl->cap ? pl->cap * 2 : 16;
        pl->v = sr_xrealloc(pl->v, pl->cap * sizeof *pl->v);
    }
    memset(&pl->v[pl->n++], 0, sizeof(page));
    pl->y = L->top;
    /* Containers stay open across the page. One opened last on the page
     * before, with nothing in it yet, goes over with what it holds: cairo
     * would mark it as content on that page while it has no kids. */
    if (pl->n > 1) {
        page *prev = &pl->v[pl->n - 2];
        size_t k = prev->n;
        while (k > 0 && prev->v[k - 1].kind == IT_OPEN)
            k--;
        for (size_t i = k; i < prev->n; i++) {
            item *it = push(L, IT_OPEN);
            it->tag = prev->v[i].tag;
            it->attr = prev->v[i].attr;
        }
        prev->n = k;
    }
}

static void pagelist_free(pagelist *pl, size_t from)
{
    for (size_t i = from; i < pl->n; i++)
        free(pl->v[i].v);
    free(pl->v);
    memset(pl, 0, sizeof *pl);
}

static double room(const layout *L)
{
    return L->bottom - L->pl->y;
}

static bool at_top(const layout *L)
{
    return L->pl->y <= L->top + 1;
}

/* Attribute values of cairo tags are quoted with ' and escape ' and \. */
static void put_attr_string(sr_buf *b, const char *s)
{
    sr_buf_putc(b, '\'');
    for (; *s; s++) {
        if (*s == '\'' || *s == '\\')
            sr_buf_putc(b, '\\');
        sr_buf_putc(b, *s);
    }
    sr_buf_putc(b, '\'');
}

/* A link's address as the annotation holds it. cairo 1.16 writes it into
 * the PDF between parentheses as it is, so a backslash or an unbalanced
 * parenthesis would be read as something else: those, spaces, control
 * characters and bytes beyond ASCII are percent-encoded, as RFC 3987 maps
 * an IRI to a URI. In L's arena. */
static const char *pdf_uri(sr_arena *a, const char *url)
{
    sr_buf b = SR_BUF_INIT;
    for (const unsigned char *p = (const unsigned char *)url; *p; p++) {
        if (*p <= ' ' || *p >= 0x7f || *p == '\\' || *p == '(' || *p == ')')
            sr_buf_printf(&b, "%%%02X", *p);
        else
            sr_buf_putc(&b, (char)*p);
    }
    char *s = sr_arena_strdup(a, sr_buf_str(&b));
    sr_buf_free(&b);
    return s;
}

/* ---- markup ---------------------------------------------------------------------------- */

/* Pango markup being written, with the text it shows (what the layout's
 * text will be) and the links in it. */
typedef struct {
    sr_buf mk, plain;
    link_span *links;
    size_t nlinks, cap;
} markup;

static void mk_free(markup *m)
{
    sr_buf_free(&m->mk);
    sr_buf_free(&m->plain);
    free(m->links);
}

/* Text as it is shown: escaped here, and only here. */
/* Pango breaks a word too long for a line character by character, shaping
 * the rest of the paragraph again for every line: a word of 40,000 letters
 * took 12 s to lay out, and one in a narrow, deeply nested quotation far
 * longer. A word longer than SR_PDF_LONG_WORD letters (no real word, and
 * hardly a web address, so an address copied from the page comes whole)
 * gets a zero-width space (U+200B, drawn as nothing) after every
 * SR_PDF_BREAK_EVERY letters: places to break closer than the narrowest
 * line, so the time stays linear. */
#define SR_PDF_LONG_WORD   200
#define SR_PDF_BREAK_EVERY 12

static bool word_end(unsigned char c)
{
    return c == ' ' || c == '\n' || c == '\t' || c == '\0';
}

static void mk_text(markup *m, const char *s)
{
    sr_buf t = SR_BUF_INIT;
    const char *p = s;
    while (*p) {
        const char *w = p; /* a word: up to the next space */
        size_t letters = 0;
        while (!word_end((unsigned char)*p)) {
            letters += ((unsigned char)*p & 0xC0) != 0x80;
            p++;
        }
        if (letters <= SR_PDF_LONG_WORD) {
            sr_buf_put(&t, w, (size_t)(p - w));
        } else {
            size_t n = 0;
            for (const char *q = w; q < p; q++) {
                if (((unsigned char)*q & 0xC0) != 0x80 && n++ && n % SR_PDF_BREAK_EVERY == 1)
                    sr_buf_puts(&t, "\xE2\x80\x8B");
                sr_buf_putc(&t, *q);
            }
        }
        while (*p && word_end((unsigned char)*p))
            sr_buf_putc(&t, *p++);
    }
    char *e = g_markup_escape_text(sr_buf_str(&t), -1);
    sr_buf_puts(&m->mk, e);
    g_free(e);
    sr_buf_puts(&m->plain, sr_buf_str(&t));
    sr_buf_free(&t);
}

/* A markup tag: shows nothing. */
static void mk_tag(markup *m, const char *tag)
{
    sr_buf_puts(&m->mk, tag);
}

static void mk_link(markup *m, size_t start, const char *uri)
{
    if (m->nlinks == m->cap) {
        m->cap = m->cap ? m->cap * 2 : 4;
        m->links = sr_xrealloc(m->links, m->cap * sizeof *m->links);
    }
    m->links[m->nlinks++] = (link_span){start, m->plain.len, uri, NULL};
}

/* The text as a link to a destination in the document. */
static void mk_link_dest(markup *m, const char *text, const char *dest)
{
    size_t start = m->plain.len;
    mk_text(m, text);
    mk_link(m, start, NULL);
    m->links[m->nlinks - 1].dest = dest;
}

/* The address a link shows after its words: without mailto: or tel:. */
static const char *shown_address(const char *url)
{
    if (g_ascii_strncasecmp(url, "mailto:", 7) == 0)
        return url + 7;
    if (g_ascii_strncasecmp(url, "tel:", 4) == 0)
        return url + 4;
    return url;
}

/* The inlines of block (a paragraph, heading or note) as markup, walked
 * with a walker of their own. A link is its words, then " (address)" when
 * the address differs from them, so it survives on paper; the whole is the
 * link. A block without inline kids shows its text. */
static void markup_inlines(markup *m, const sr_dnode *block)
{
    if (block->nkids == 0) {
        mk_text(m, str(block->text));
        return;
    }
    size_t *starts = NULL, nstarts = 0, cap = 0; /* the links being walked */
    sr_doc_iter *it = sr_doc_iter_new(block);
    sr_doc_event ev;
    while ((ev = sr_doc_iter_next(it)) != SR_EV_DONE) {
        const sr_dnode *n = sr_doc_iter_node(it);
        if (n == block)
            continue;
        bool in = ev == SR_EV_ENTER;
        switch (n->kind) {
        case SR_D_TEXT:
            mk_text(m, str(n->text));
            break;
        case SR_D_CODE:
            mk_tag(m, "<tt>");
            mk_text(m, str(n->text));
            mk_tag(m, "</tt>");
            break;
        case SR_D_LINEBREAK:
            mk_text(m, "\n");
            break;
        case SR_D_EMPH:
            mk_tag(m, in ? "<i>" : "</i>");
            break;
        case SR_D_STRONG:
            mk_tag(m, in ? "<b>" : "</b>");
            break;
        case SR_D_LINK:
            if (in) {
                if (nstarts == cap) {
                    cap = cap ? cap * 2 : 4;
                    starts = sr_xrealloc(starts, cap * sizeof *starts);
                }
                starts[nstarts++] = m->plain.len;
            } else {
                size_t start = starts[--nstarts];
                if (n->url) {
                    const char *addr = shown_address(n->url);
                    /* Words that are the address already (an autolink,
                     * with its scheme or without) are not repeated. */
                    const char *words = sr_buf_str(&m->plain) + start;
                    if (strcmp(addr, words) != 0 && g_ascii_strcasecmp(n->url, words) != 0) {
                        mk_text(m, " (");
                        mk_text(m, addr);
                        mk_text(m, ")");
                    }
                    mk_link(m, start, n->url);
                }
            }
            break;
        default: /* blocks have no place among inlines: their words are shown */
            break;
        }
    }
    sr_doc_iter_free(it);
    free(starts);
}

/* ---- text ------------------------------------------------------------------------------ */

/* Each line's top, bottom, baseline and left edge, in points from the
 * layout's top. Measured once per layout: an iterator measures every line
 * when made, so one per page drawn made a long paragraph quadratic. */
static void measure_lines(textbox *tb)
{
    PangoLayoutIter *it = pango_layout_get_iter(tb->layout);
    int n = pango_layout_get_line_count(tb->layout);
    for (int i = 0; i < tb->nlines && i < n; i++) {
        int a, b;
        pango_layout_iter_get_line_yrange(it, &a, &b);
        tb->top[i] = a / (double)PANGO_SCALE;
        tb->bottom[i] = b / (double)PANGO_SCALE;
        tb->base[i] = pango_layout_iter_get_baseline(it) / (double)PANGO_SCALE;
        PangoRectangle logical;
        pango_layout_iter_get_line_extents(it, NULL, &logical);
        tb->x[i] = logical.x / (double)PANGO_SCALE;
        if (!pango_layout_iter_next_line(it))
            break;
    }
    pango_layout_iter_free(it);
}

/* What a text box is made of, as a key of L->texts: the same key, the
 * same layout and links. */
static char *text_key(const markup *m, double size, int weight, double width, bool italic,
                      PangoAlignment align)
{
    sr_buf k = SR_BUF_INIT;
    sr_buf_printf(&k, "%a %d %a %d %d|", size, weight, width, (int)italic, (int)align);
    sr_buf_put(&k, sr_buf_str(&m->mk), m->mk.len);
    for (size_t i = 0; i < m->nlinks; i++) {
        const link_span *ln = &m->links[i];
        sr_buf_printf(&k, "\x1f%zu %zu %s\x1e%s", ln->start, ln->end, str(ln->uri), str(ln->dest));
    }
    return sr_buf_take(&k);
}

/* m laid out in width, aligned so: made once for each different text (the
 * box is shared, and never changed once made). */
static textbox *make_text_as(layout *L, const markup *m, double size, int weight, double width,
                             bool italic, PangoAlignment align)
{
    char *key = text_key(m, size, weight, width, italic, align);
    textbox *made = g_hash_table_lookup(L->texts, key);
    if (made) {
        free(key);
        return made;
    }
    PangoLayout *l = sr_fonts_layout(L->fonts, L->measure, size, weight);
    if (L->nowned == L->owned_cap) {
        L->owned_cap = L->owned_cap ? L->owned_cap * 2 : 256;
        L->owned = sr_xrealloc(L->owned, L->owned_cap * sizeof *L->owned);
    }
    L->owned[L->nowned++] = l;
    if (italic) {
        PangoFontDescription *d = pango_font_description_copy(pango_layout_get_font_description(l));
        pango_font_description_set_style(d, PANGO_STYLE_ITALIC);
        pango_layout_set_font_description(l, d);
        pango_font_description_free(d);
    }
    pango_layout_set_width(l, (int)(width * PANGO_SCALE));
    pango_layout_set_wrap(l, PANGO_WRAP_WORD_CHAR);
    pango_layout_set_line_spacing(l, (float)LINE);
    pango_layout_set_alignment(l, align);
    PangoAttrList *attrs = NULL;
    char *text = NULL;
    GError *gerr = NULL;
    if (!pango_parse_markup(sr_buf_str(&m->mk), -1, 0, &attrs, &text, NULL, &gerr)) {
        fail(L, "cannot set the text \"%.80s\": %s", sr_buf_str(&m->plain),
             gerr ? gerr->message : "?");
        if (gerr)
            g_error_free(gerr);
        pango_layout_set_text(l, sr_buf_str(&m->plain), -1);
    } else {
        /* The links' byte ranges are of the text markup_inlines wrote. */
        if (strcmp(text, sr_buf_str(&m->plain)) != 0)
            fail(L, "the text \"%.80s\" was not set as written", sr_buf_str(&m->plain));
        pango_layout_set_text(l, text, -1);
        pango_layout_set_attributes(l, attrs);
        pango_attr_list_unref(attrs);
        g_free(text);
    }
    textbox *tb = sr_arena_alloc(L->a, sizeof *tb);
    tb->layout = l;
    tb->nlines = pango_layout_get_line_count(l);
    tb->top = sr_arena_alloc(L->a, (size_t)(tb->nlines + 1) * sizeof *tb->top);
    tb->bottom = sr_arena_alloc(L->a, (size_t)(tb->nlines + 1) * sizeof *tb->bottom);
    tb->base = sr_arena_alloc(L->a, (size_t)(tb->nlines + 1) * sizeof *tb->base);
    tb->x = sr_arena_alloc(L->a, (size_t)(tb->nlines + 1) * sizeof *tb->x);
    measure_lines(tb);
    if (m->nlinks) {
        tb->links = sr_arena_alloc(L->a, m->nlinks * sizeof *tb->links);
        memcpy(tb->links, m->links, m->nlinks * sizeof *tb->links);
        tb->nlinks = m->nlinks;
    }
    g_hash_table_insert(L->texts, key, tb);
    return tb;
}

static textbox *make_text(layout *L, const markup *m, double size, int weight, double width,
                          bool italic)
{
    return make_text_as(L, m, size, weight, width, italic, PANGO_ALIGN_LEFT);
}

/* Plain text set as it is, aligned so. */
static textbox *make_plain_as(layout *L, const char *text, double size, int weight, double width,
                              bool italic, PangoAlignment align)
{
    markup m = {0};
    mk_text(&m, text);
    textbox *tb = make_text_as(L, &m, size, weight, width, italic, align);
    mk_free(&m);
    return tb;
}

/* Plain text set as it is. */
static textbox *make_plain(layout *L, const char *text, double size, int weight, double width,
                           bool italic)
{
    return make_plain_as(L, text, size, weight, width, italic, PANGO_ALIGN_LEFT);
}

/* The text of a paragraph, heading or note; number (or NULL) goes first. */
static textbox *make_block(layout *L, const sr_dnode *n, const char *number, double size,
                           int weight, double width, bool italic)
{
    markup m = {0};
    if (number) {
        mk_text(&m, number);
        mk_text(&m, "  ");
    }
    if (n->kind == SR_D_CODE_BLOCK) {
        mk_tag(&m, "<tt>");
        mk_text(&m, str(n->text));
        mk_tag(&m, "</tt>");
    } else if (n->kind == SR_D_SECTION) {
        mk_text(&m, str(n->text));
    } else {
        markup_inlines(&m, n);
    }
    textbox *tb = make_text(L, &m, size, weight, width, italic);
    mk_free(&m);
    return tb;
}

/* The width of text set on one line: measured once for each text, size
 * and weight (a table's columns are measured again on every pass). */
static double text_width(layout *L, const char *text, double size, int weight)
{
    char *key = g_strdup_printf("%a %d|%s", size, weight, text);
    double *known = g_hash_table_lookup(L->widths, key);
    if (known) {
        g_free(key);
        return *known;
    }
    PangoLayout *l = sr_fonts_layout(L->fonts, L->measure, size, weight);
    pango_layout_set_width(l, 1000 * PANGO_SCALE);
    pango_layout_set_wrap(l, PANGO_WRAP_WORD_CHAR);
    pango_layout_set_line_spacing(l, (float)LINE);
    pango_layout_set_text(l, text, -1);
    PangoRectangle lr;
    pango_layout_get_extents(l, NULL, &lr);
    g_object_unref(l);
    double *w = g_new(double, 1);
    *w = lr.width / (double)PANGO_SCALE;
    g_hash_table_insert(L->widths, key, w);
    return *w;
}

static double lines_height(const textbox *tb, int from, int n)
{
    if (n <= 0 || tb->nlines == 0)
        return 0;
    return tb->bottom[from + n - 1] - tb->top[from];
}

static double text_height(const textbox *tb)
{
    return lines_height(tb, 0, tb->nlines);
}

static item *text_item(layout *L, const textbox *tb, const char *tag, double x, double y)
{
    item *it = push(L, IT_TEXT);
    it->text = tb;
    it->nlines = tb->nlines;
    it->tag = tag;
    it->x = x;
    it->y = y;
    return it;
}

/* Places a text block, splitting it across pages: at least two lines stay
 * together at the bottom of a page and at the top of the next. Its
 * structure element is tag: a leaf when it is on one page and has no
 * links, else a container of Span leaves (a page's part each, or a run
 * between links) and Link leaves. No tag: decoration. */
static void place_text(layout *L, const textbox *tb, const char *tag, double x, double after,
                       sr_rgb colour)
{
    int n = tb->nlines, at = 0;
    bool container = false;
    while (at < n) {
        int fit = 0;
        while (at + fit < n && lines_height(tb, at, fit + 1) <= room(L))
            fit++;
        if (fit < n - at) {
            if (fit < 2 || n - at < 4) {
                if (!at_top(L)) { /* orphan: move it all over */
                    new_page(L);
                    continue;
                }
                if (fit == 0)
                    fit = 1; /* a line taller than a page: place it anyway */
            } else if (n - at - fit < 2) {
                fit = n - at - 2; /* widow: take one more line over */
            }
        }
        if (at == 0 && tag && (fit < n || tb->nlinks)) {
            open_tag(L, tag, NULL);
            container = true;
        }
        item *it = text_item(L, tb, container ? "Span" : tag, x, L->pl->y);
        it->runs = container && tb->nlinks;
        it->line0 = at;
        it->nlines = fit;
        it->colour = colour;
        double h = lines_height(tb, at, fit);
        it->h = h;
        L->pl->y += h;
        at += fit;
        if (at < n)
            new_page(L);
    }
    if (container)
        close_tag(L);
    L->pl->y += after;
}

/* ---- blocks ---------------------------------------------------------------------------- */

/* The width of running text that starts at x in a block w wide: no more
 * than the measure, and no less than MIN_WIDTH. */
#define MIN_WIDTH 160.0
static double measure_w(const layout *L, double x, double w)
{
    double m = L->text_right - x;
    if (m < MIN_WIDTH)
        m = MIN_WIDTH;
    return w < m ? w : m;
}

/* The lines of a text block place_text will not split from each other at
 * a page's foot: all of a block of three lines or fewer, else two. */
static double keep_lines(const textbox *tb)
{
    return lines_height(tb, 0, tb->nlines < 4 ? tb->nlines : 2);
}

static double figure_size(layout *L, const sr_dfigure *fig, double w, double *dw, double *scale,
                          double *fh, size_t *rows);
static double first_part_keep(layout *L, const sr_dfigure *fig, double w, double dw, double fh,
                              size_t rows);
static double table_start(layout *L, const sr_dtable *t, double w);
static textbox *make_heading(layout *L, const sr_dnode *n, double w, int *level, double *before);

/* How much of kid index of parent (placed at x, w wide) must be on the
 * same page as a heading or list label before it: two lines of a
 * paragraph or a list item's text, a note, a figure, a table's caption,
 * header and two rows, a heading with what it keeps. 0 when there is none. */
static double keep_height(layout *L, const sr_dnode *parent, size_t index, double x, double w,
                          int depth)
{
    if (!parent || index >= parent->nkids || depth > 3)
        return 0;
    const sr_dnode *n = parent->kids[index];
    switch (n->kind) {
    case SR_D_PARAGRAPH:
    case SR_D_CODE_BLOCK:
        return keep_lines(make_block(L, n, NULL, BODY, 400, measure_w(L, x, w), false));
    case SR_D_NOTE:
        return text_height(make_block(L, n, NULL, BODY, 400, measure_w(L, x, w) - 16, true)) + 12;
    case SR_D_LIST:
    case SR_D_ITEM: {
        bool in_item = n->kind == SR_D_ITEM || w - 18 < MIN_WIDTH;
        return keep_height(L, n, 0, in_item ? x : x + 18, in_item ? w : w - 18, depth + 1);
    }
    case SR_D_QUOTE:
        return keep_height(L, n, 0, x + 16, w - 24, depth + 1);
    case SR_D_FIGURE: { /* a figure in parts: its first part */
        double dw, scale, fh;
        size_t rows;
        double whole = figure_size(L, n->figure, w, &dw, &scale, &fh, &rows);
        return rows ? first_part_keep(L, n->figure, w, dw, fh, rows) : whole;
    }
    case SR_D_TABLE:
        return table_start(L, n->table, w);
    case SR_D_HEADING:
    case SR_D_SECTION: {
        int level;
        double before;
        textbox *tb = make_heading(L, n, measure_w(L, x, w), &level, &before);
        const sr_dnode *p = n->kind == SR_D_SECTION ? n : parent;
        size_t next = n->kind == SR_D_SECTION ? 0 : index + 1;
        return before + text_height(tb) + (level == 1 ? 10 : 5) +
               keep_height(L, p, next, x, w, depth + 1);
    }
    default:
        return 0;
    }
}

/* A heading's text, level (1 to 3) and the space above it when it follows
 * something on its page. */
static textbox *make_heading(layout *L, const sr_dnode *n, double w, int *level, double *before)
{
    int lv = n->level <= 1 ? 1 : n->level >= 3 ? 3 : 2;
    if (n->kind == SR_D_SECTION)
        lv = 1;
    *level = lv;
    *before = lv == 1 ? SECTION_GAP : lv == 2 ? 14 : 9;
    double size = lv == 1 ? 20 : lv == 2 ? 14 : 12;
    return make_block(L, n, n->number, size, 600, w, false);
}

/* A heading, kept on one page with what follows it: kid next of parent. */
static void place_heading(layout *L, const sr_dnode *n, double x, double w, const sr_dnode *parent,
                          size_t next)
{
    int level;
    double before;
    textbox *tb = make_heading(L, n, measure_w(L, x, w), &level, &before);
    double h = text_height(tb);
    if (level == 1 && L->section_new_page && !at_top(L))
        new_page(L); /* page: sections: new-page */
    /* Keep with next: the heading and the start of what follows. */
    if (!at_top(L) &&
        before + h + (level == 1 ? 10 : 5) + keep_height(L, parent, next, x, w, 0) > room(L))
        new_page(L);
    if (!at_top(L))
        L->pl->y += before;
    if (n->anchor) {
        item *d = push(L, IT_DEST);
        d->attr = n->anchor;
        d->y = L->pl->y;
        d->x = x;
    }
    for (size_t i = 0; i < L->ntoc; i++)
        if (L->toc[i] == n)
            L->toc_page[i] = (int)L->pl->n;
    static const char *const tags[] = {"H1", "H1", "H2", "H3"};
    place_text(L, tb, tags[level], x, level == 1 ? 10 : 5, level == 1 ? L->accent : sr_text);
}

static void place_note(layout *L, const sr_dnode *n, double x, double w)
{
    w = measure_w(L, x, w);
    textbox *tb = make_block(L, n, NULL, BODY, 400, w - 16, true);
    double h = text_height(tb) + 12;
    if (h > room(L))
        new_page(L);
    item *bg = push(L, IT_FILL);
    bg->x = x;
    bg->y = L->pl->y;
    bg->w = w;
    bg->h = h;
    L->pl->y += 6;
    place_text(L, tb, "P", x + 8, 6 + GAP, sr_text);
}

/* "Figure N. title" or "Table N. caption" (label is "Figure N"): the
 * label in bold; then, with dest, " (link)" where link goes to dest. */
static textbox *make_caption_note(layout *L, const char *label, const char *text, const char *link,
                                  const char *dest, const char *note, double w);

static textbox *make_caption(layout *L, const char *label, const char *text, const char *link,
                             const char *dest, double w)
{
    return make_caption_note(L, label, text, link, dest, NULL, w);
}

/* A caption with a note under it, in italic: a table's note goes under its
 * caption, before its rows, so that what its shorthand means is said on
 * the page it is first used on however many pages the table takes. */
static textbox *make_caption_note(layout *L, const char *label, const char *text, const char *link,
                                  const char *dest, const char *note, double w)
{
    markup m = {0};
    mk_tag(&m, "<b>");
    mk_text(&m, label);
    mk_text(&m, ".");
    mk_tag(&m, "</b>");
    mk_text(&m, " ");
    mk_text(&m, str(text));
    if (dest) {
        mk_text(&m, " (");
        mk_link_dest(&m, link, dest);
        mk_text(&m, ")");
    }
    if (note && *note) {
        /* The caption ends as a sentence does: a screen reader reads the
         * note straight after it. */
        const char *t = dest ? ")" : str(text);
        size_t tl = strlen(t);
        if (tl && !strchr(".?!", t[tl - 1]))
            mk_text(&m, ".");
        mk_text(&m, "\n");
        mk_tag(&m, "<i>");
        mk_text(&m, note);
        mk_tag(&m, "</i>");
    }
    textbox *tb = make_text(L, &m, SMALL + 0.5, 400, w, false);
    mk_free(&m);
    return tb;
}

/* The destination of table k (1 first) of the appendix of chart data. */
static const char *data_dest(layout *L, int k)
{
    return sr_arena_printf(L->a, "chart-data-%d", k);
}

/* A figure's text alternative as the PDF gives it: what its caption does
 * not say. sr_chart_alt begins "Kind: title."; the caption gives the
 * title, so the alternative is "Kind." and what follows. In L's arena. */
static const char *figure_alt(layout *L, const sr_dfigure *fig)
{
    const char *alt = str(fig->alt), *title = fig->chart ? fig->chart->title : NULL;
    size_t tl = title ? strlen(title) : 0;
    const char *colon = strstr(alt, ": ");
    if (!tl || !colon || strncmp(colon + 2, title, tl) != 0 || colon[2 + tl] != '.')
        return alt;
    const char *rest = colon + 2 + tl + 1;
    return sr_arena_printf(L->a, "%.*s.%s", (int)(colon - alt), alt, rest);
}

/* The chart as the page shows it: its title is the figure's caption, so it
 * is not drawn in the chart too, whatever another output asks of it. */
static sr_chart untitled(const sr_chart *ch)
{
    sr_chart c = *ch;
    c.draw_title = false;
    return c;
}

/* A figure w wide at most: the chart is drawn dw wide (its own width, or
 * the width there is, never scaled down to fit: its type stays the size it
 * was set at), as tall as it needs (rows and keys grow); *fh is the chart's
 * height. A figure taller than a page with its caption and note is drawn
 * in parts, a run of rows on each page, when its chart has rows to share
 * out (*rows: how many, from sr_chart_rows; 0 for a figure drawn whole); a
 * chart without, taller than a page, is scaled to fit (*scale), which
 * place_figure reports as an error. Returns the height of the whole figure
 * with its caption (with a link to its table as long as any) and note; 0
 * for a figure without a chart. */
static double figure_size(layout *L, const sr_dfigure *fig, double w, double *dw, double *scale,
                          double *fh, size_t *rows)
{
    *dw = 0, *scale = 1, *fh = 0, *rows = 0;
    if (!fig || !fig->chart)
        return 0;
    sr_chart chart = untitled(fig->chart);
    *dw = fig->width > w ? w : fig->width;
    double nh = sr_chart_height(L->fonts, &chart, *dw, fig->height);
    textbox *cl = make_caption(L, "Figure 88", fig->chart->title,
                               fig->data ? "figures in Table A88, page 888" : NULL, NULL, w);
    double note = fig->note ? text_height(make_plain(L, fig->note, SMALL, 400, w, true)) + 3 : 0;
    if (text_height(cl) + 4 + nh + note > L->bottom - L->top) {
        size_t n = sr_chart_rows(L->fonts, &chart, *dw);
        if (n > 1)
            *rows = n;
    }
    if (!*rows && nh > L->bottom - L->top - 40)
        *scale = (L->bottom - L->top - 40) / nh;
    *fh = nh * *scale;
    return text_height(cl) + 4 + *fh + note;
}

/* A part of a chart has at least this many rows where it can, at the foot
 * of a page and at the head of the next; the first part goes on the page
 * in hand when that has PART_ROWS rows' room and PART_SHARE of a page
 * left, else on the next page. */
#define PART_ROWS  3
#define PART_SHARE (1.0 / 3.0)

/* The height of rows from .. from + n - 1 of a figure's chart, drawn dw wide,
 * the whole chart fh tall. */
static double part_height(layout *L, const sr_dfigure *fig, double dw, double fh, size_t from,
                          size_t n)
{
    sr_chart chart = untitled(fig->chart);
    return sr_chart_rows_height(L->fonts, &chart, dw, fh, from, n);
}

/* How much of a figure in parts must be on the page it starts on: its
 * caption and first PART_ROWS rows, and PART_SHARE of a page. */
static double first_part_keep(layout *L, const sr_dfigure *fig, double w, double dw, double fh,
                              size_t rows)
{
    textbox *cl = make_caption(L, "Figure 88", fig->chart->title,
                               fig->data ? "figures in Table A88, page 888" : NULL, NULL, w);
    double h =
        text_height(cl) + 4 + part_height(L, fig, dw, fh, 0, rows < PART_ROWS ? rows : PART_ROWS);
    double share = (L->bottom - L->top) * PART_SHARE;
    return h > share ? h : share;
}

/* The most rows from `from` on that fit in avail points (0 if not one). */
static size_t rows_that_fit(layout *L, const sr_dfigure *fig, double dw, double fh, size_t rows,
                            size_t from, double avail)
{
    size_t lo = 0, hi = rows - from; /* lo rows fit; more than hi do not */
    while (lo < hi) {
        size_t mid = lo + (hi - lo + 1) / 2;
        if (part_height(L, fig, dw, fh, from, mid) <= avail)
            lo = mid;
        else
            hi = mid - 1;
    }
    return lo;
}

/* "Figure N (continued)" over a later part of a figure: the label in bold. */
static textbox *continued_caption(layout *L, const char *label, double w)
{
    markup m = {0};
    mk_tag(&m, "<b>");
    mk_text(&m, label);
    mk_tag(&m, "</b>");
    mk_text(&m, " (continued)");
    textbox *tb = make_text(L, &m, SMALL + 0.5, 400, w, false);
    mk_free(&m);
    return tb;
}

typedef struct {
    size_t from, n;
    double h;
} chart_part;

/* A figure whose chart (rows rows, fh tall, dw wide) is taller than a
 * page, in parts: the first on this page, the others each at the top of
 * a page under "Figure N (continued)", every part at full size. One Div
 * holds the caption, each part (a Figure leaf, its /Alt saying which rows
 * it shows, the first's after the chart's text alternative) with the
 * caption over it, and the note, which stays with the last rows. */
static void place_parts(layout *L, const sr_dfigure *fig, double x, double w, double dw, double fh,
                        size_t rows, textbox *cl, textbox *nl, const char *label)
{
    double ch = text_height(cl), noteh = nl ? text_height(nl) + 3 : 0;
    if (!at_top(L) && room(L) < first_part_keep(L, fig, w, dw, fh, rows))
        new_page(L);
    double later = L->bottom - L->top - text_height(continued_caption(L, label, w)) - 4;
    chart_part *pt = sr_xmalloc(rows * sizeof *pt);
    size_t np = 0;
    double avail = room(L) - ch - 4;
    for (size_t from = 0; from < rows; avail = later) {
        size_t n = rows_that_fit(L, fig, dw, fh, rows, from, avail);
        if (n == 0) {
            fail(L,
                 "a row of the chart \"%s\" is taller than a page: drawn smaller to fit, its "
                 "type would be under %g points; give the row a shorter name",
                 str(fig->chart->title), SR_CHART_TYPE_MIN);
            n = 1;
        }
        if (from + n == rows && noteh > 0 && part_height(L, fig, dw, fh, from, n) + noteh > avail) {
            size_t m = rows_that_fit(L, fig, dw, fh, rows, from, avail - noteh);
            if (m > 0)
                n = m; /* the note goes over with the last rows */
        }
        size_t left = rows - from - n;
        if (left > 0 && left < PART_ROWS && n >= 2 * PART_ROWS - left)
            n -= PART_ROWS - left; /* not a row or two alone on the last page */
        pt[np++] = (chart_part){from, n, part_height(L, fig, dw, fh, from, n)};
        from += n;
    }
    open_tag(L, "Div", NULL);
    place_text(L, cl, "P", x, 4, sr_text);
    for (size_t p = 0; p < np; p++) {
        if (p) {
            new_page(L);
            place_text(L, continued_caption(L, label, w), "P", x, 4, sr_text);
        }
        const char *rows_said =
            pt[p].n == 1
                ? sr_arena_printf(L->a, "row %zu", pt[p].from + 1)
                : sr_arena_printf(L->a, "rows %zu to %zu", pt[p].from + 1, pt[p].from + pt[p].n);
        item *it = push(L, IT_FIGURE);
        it->tag = "Figure";
        it->fig = fig;
        it->attr =
            p ? sr_arena_printf(L->a, "Part %zu of %zu: %s of the chart.", p + 1, np, rows_said)
              : sr_arena_printf(L->a, "%s Part 1 of %zu: %s of the chart.", figure_alt(L, fig), np,
                                rows_said);
        it->x = x;
        it->y = L->pl->y;
        it->w = dw;
        it->h = pt[p].h;
        it->scale = 1;
        it->row0 = pt[p].from;
        it->nrows = pt[p].n;
        it->whole_h = fh;
        L->pl->y += pt[p].h;
    }
    free(pt);
    if (nl) {
        L->pl->y += 3;
        place_text(L, nl, "P", x, 0, sr_muted);
    }
    L->pl->y += GAP + 4;
    close_tag(L);
}

static void place_figure(layout *L, const sr_dfigure *fig, double x, double w)
{
    if (!fig || !fig->chart) {
        fail(L, "a figure has no chart");
        return;
    }
    double dw, scale, fh;
    size_t rows;
    figure_size(L, fig, w, &dw, &scale, &fh, &rows);
    if (scale < 1)
        fail(L,
             "the chart \"%s\" is %.0f points tall, more than a page holds, and has no rows "
             "to go on over the page: drawn smaller to fit, its type would be under %g points",
             str(fig->chart->title), fh / scale, SR_CHART_TYPE_MIN);
    L->figures++;
    /* Its figures are a table in the appendix of chart data, linked from
     * the caption with the page (as the layout before this one found it:
     * the document is laid out again until the pages agree). */
    int k = 0;
    if (fig->data && L->ndata < L->ndata_max)
        k = (int)++L->ndata;
    if (L->nshown == L->shown_cap) {
        L->shown_cap = L->shown_cap ? L->shown_cap * 2 : 16;
        L->shown = sr_xrealloc(L->shown, L->shown_cap * sizeof *L->shown);
    }
    L->shown[L->nshown++] = (placed_figure){fig, L->figures, k};
    const char *label = sr_arena_printf(L->a, "Figure %d", L->figures);
    const char *link = NULL;
    if (k) /* an unknown page is as wide as any */
        link = L->data_page[k - 1]
                   ? sr_arena_printf(L->a, "figures in Table A%d, page %d", k, L->data_page[k - 1])
                   : sr_arena_printf(L->a, "figures in Table A%d, page 888", k);
    textbox *cl = make_caption(L, label, fig->chart->title, link, k ? data_dest(L, k) : NULL, w);
    double ch = text_height(cl);
    textbox *nl = fig->note ? make_plain(L, fig->note, SMALL, 400, w, true) : NULL;
    double noteh = nl ? text_height(nl) + 3 : 0;
    /* A chart with rows that does not fit the rest of a page that is not
     * yet half full goes on over the page in parts, rather than leave the
     * page mostly empty. */
    if (!rows && ch + 4 + fh + noteh > room(L) && !at_top(L) &&
        room(L) > 0.6 * (L->bottom - L->top)) {
        sr_chart chart = untitled(fig->chart);
        size_t n = sr_chart_rows(L->fonts, &chart, dw);
        if (n > 2 * PART_ROWS)
            rows = n;
    }
    if (rows) { /* taller than a page, or the page's rest: in parts, never shrunk */
        place_parts(L, fig, x, w, dw, fh, rows, cl, nl, label);
        return;
    }
    if (ch + 4 + fh + noteh > room(L) && !at_top(L))
        new_page(L); /* a figure that fits on a page is never split */
    /* A Div of the caption (a P) and the Figure, a leaf holding the chart's
     * drawing: a Caption inside the Figure would make it a container, and
     * the chart, drawn outside any leaf, an artifact. */
    open_tag(L, "Div", NULL);
    place_text(L, cl, "P", x, 4, sr_text);
    item *it = push(L, IT_FIGURE);
    it->tag = "Figure";
    it->fig = fig;
    it->attr = figure_alt(L, fig);
    it->x = x;
    it->y = L->pl->y;
    it->w = dw * scale;
    it->h = fh;
    it->scale = scale;
    L->pl->y += fh;
    if (nl) {
        L->pl->y += 3;
        place_text(L, nl, "P", x, 0, sr_muted);
    }
    L->pl->y += GAP + 4;
    close_tag(L);
}

/* A table cell as printed, in L's arena: as long as it is. */
static const char *cell_text(layout *L, const sr_dtable *t, size_t r, size_t c)
{
    const sr_dcell *cell = sr_dtable_cell(t, r, c);
    size_t size = 128;
    if (cell->kind == SR_CELL_TEXT && cell->text && strlen(cell->text) + 2 > size)
        size = strlen(cell->text) + 2;
    for (;;) {
        char *buf = sr_arena_alloc(L->a, size);
        sr_dcell_print(t, r, c, buf, size);
        if (strlen(buf) + 1 < size)
            return buf;
        size *= 2; /* it may have been cut short: again, with more room */
    }
}

/* One row of a table: its cells laid out in the columns' widths. */
static double make_row(layout *L, const char *const *texts, const bool *right, size_t nc,
                       const double *cw, bool head, textbox **out)
{
    double rh = 0;
    for (size_t c = 0; c < nc; c++) {
        out[c] = make_plain_as(L, texts[c], SMALL, head ? 600 : 400, cw[c] - 8, false,
                               right[c] ? PANGO_ALIGN_RIGHT : PANGO_ALIGN_LEFT);
        double h = text_height(out[c]);
        if (h > rh)
            rh = h;
    }
    return rh + 6;
}

/* A row: a TR of cells, the header row's and the first column's (each
 * row's label) TH. A repeat of the header row on a new page is drawn as
 * decoration: the table has one header row. */
static void place_row(layout *L, textbox *const *cells, size_t nc, const double *cw, double x,
                      double rh, bool head, bool repeat)
{
    if (!repeat)
        open_tag(L, "TR", NULL);
    double cx = x;
    for (size_t c = 0; c < nc; c++) {
        text_item(L, cells[c], repeat ? NULL : head || c == 0 ? "TH" : "TD", cx + 4, L->pl->y + 3);
        cx += cw[c];
    }
    L->pl->y += rh;
    if (!repeat)
        close_tag(L);
}

static void place_rule(layout *L, double x, double w)
{
    item *rule = push(L, IT_RULE);
    rule->x = x;
    rule->y = L->pl->y;
    rule->w = w;
}

/* A table's printed columns (the first is the row header), whether each
 * is set right-aligned, every cell's text (row 0 the header's, row r the
 * body's row r - 1) and the columns' widths, in a table w wide. */
typedef struct {
    size_t nc, nrows;
    size_t *col;
    bool *right;
    const char **texts;
    double *cw;
} table_cols;

static void table_cols_make(layout *L, const sr_dtable *t, double w, table_cols *tc)
{
    size_t nc = 0;
    size_t *col = sr_xcalloc(t->ncols + 1, sizeof *col);
    for (size_t c = 0; c < t->ncols; c++)
        if (t->cols[c].shown & SR_OUT_PRINT)
            col[nc++] = c;
    bool *right = sr_xcalloc(nc + 1, sizeof *right);
    for (size_t c = 0; c < nc; c++)
        right[c] = c > 0 && sr_dcol_numeric(&t->cols[col[c]]);
    const char **texts = sr_xcalloc((t->nrows + 1) * nc + 1, sizeof *texts);
    for (size_t c = 0; c < nc; c++)
        texts[c] = str(t->cols[col[c]].head);
    for (size_t r = 0; r < t->nrows; r++)
        for (size_t c = 0; c < nc; c++)
            texts[(r + 1) * nc + c] = cell_text(L, t, r, col[c]);
    double *cw = sr_xcalloc(nc + 1, sizeof *cw);
    /* Figure columns as wide as their widest entry; the first takes the rest. */
    double fixed = 0;
    for (size_t c = 1; c < nc; c++) {
        double mw = 0;
        for (size_t r = 0; r <= t->nrows; r++) {
            double tw = text_width(L, texts[r * nc + c], SMALL, r == 0 ? 600 : 400);
            if (tw > mw)
                mw = tw;
        }
        cw[c] = mw + 10;
        if (cw[c] > w * 0.4)
            cw[c] = w * 0.4;
        fixed += cw[c];
    }
    if (nc)
        cw[0] = w - fixed;
    if (nc && cw[0] < w * 0.25) {
        /* Too many wide columns. Figures keep their width when they leave
         * the first column and the columns of words a share each; the
         * first and the words share the rest, each in proportion to what
         * it would take. Otherwise everything is shared out evenly. */
        double figures = 0, words = 0;
        size_t nwords = 0;
        for (size_t c = 1; c < nc; c++) {
            if (right[c])
                figures += cw[c];
            else
                words += cw[c], nwords++;
        }
        double rest = w - figures, first = w * 0.4;
        if (figures > 0 && rest >= w * 0.25 + (double)nwords * w * 0.1) {
            double scale = rest / (first + words);
            cw[0] = first * scale;
            for (size_t c = 1; c < nc; c++)
                if (!right[c])
                    cw[c] *= scale;
        } else {
            for (size_t c = 0; c < nc; c++)
                cw[c] = w / (double)nc;
        }
    }
    *tc = (table_cols){nc, t->nrows, col, right, texts, cw};
}

static void table_cols_free(table_cols *tc)
{
    free(tc->col);
    free(tc->right);
    free(tc->texts);
    free(tc->cw);
}

/* Row r of the table (0 the header) laid out into out; its height. */
static double table_row(layout *L, const table_cols *tc, size_t r, textbox **out)
{
    return make_row(L, tc->texts + r * tc->nc, tc->right, tc->nc, tc->cw, r == 0, out);
}

/* The rows a table keeps with its caption and header: two, or all of a
 * table of three or fewer (a split of three rows leaves one alone). */
static size_t kept_rows(size_t nrows)
{
    return nrows <= 3 ? nrows : 2;
}

/* The height of a table's caption (with its note), header and the rows
 * it keeps with them (kept_rows), set w wide: what a heading keeps with
 * a table. */
static double table_start(layout *L, const sr_dtable *t, double w)
{
    if (!t)
        return 0;
    table_cols tc;
    table_cols_make(L, t, w, &tc);
    textbox **cells = sr_xcalloc(tc.nc + 1, sizeof *cells);
    double h =
        text_height(make_caption_note(L, "Table 88", t->caption, NULL, NULL, t->note, w)) + 3;
    for (size_t r = 0; r <= kept_rows(t->nrows); r++)
        h += table_row(L, &tc, r, cells);
    free(cells);
    table_cols_free(&tc);
    return h;
}

/* Whether a table whose caption, header and first two rows (start high)
 * fit where it begins can begin there: it fits the rest of the page
 * whole, or a split there leaves two rows or more on each page (the loop
 * in place_table_as takes a row over rather than leave the last alone),
 * or it does not fit a page of its own either, so it is split anyway. */
static bool whole_or_split(layout *L, const table_cols *tc, double start)
{
    textbox **cells = sr_xcalloc(tc->nc + 1, sizeof *cells);
    double h = start, space = room(L), full = L->bottom - L->top;
    size_t n = tc->nrows, fit = n < 2 ? n : 2;
    for (size_t r = 3; r <= n && h <= full; r++) {
        h += table_row(L, tc, r, cells);
        if (h <= space)
            fit = r;
    }
    free(cells);
    if (h <= space)
        return true; /* whole */
    if (h > full)
        return true; /* taller than a page: split it */
    if (n - fit < 2 && fit >= 3)
        fit--; /* the last row is not left alone: the one before goes with it */
    return fit >= 2 && n - fit >= 2;
}

/* A table: "Table N. caption", or with label, "label. caption" and the
 * destination dest before it (the appendix of chart data). */
static int place_table_as(layout *L, const sr_dtable *t, double x, double w, const char *label,
                          const char *caption, const char *dest)
{
    if (!t) {
        fail(L, "a table node has no table");
        return 0;
    }
    if (!label) {
        L->tables++;
        label = sr_arena_printf(L->a, "Table %d", L->tables);
        caption = t->caption;
    }
    table_cols tc;
    table_cols_make(L, t, w, &tc);
    size_t nc = tc.nc;
    const bool *right = tc.right;
    const char **texts = tc.texts;
    const double *cw = tc.cw;
    textbox *cl = make_caption_note(L, label, caption, NULL, NULL, t->note, w);
    double ch = text_height(cl);
    textbox **head = sr_xcalloc(nc + 1, sizeof *head);
    textbox **cells = sr_xcalloc(nc + 1, sizeof *cells);
    double hh = make_row(L, texts, right, nc, cw, true, head);
    /* The caption, the header and the first two rows on one page; all of
     * it on the next page when a split here would leave a row alone and
     * it fits a page (a table of three rows). */
    double start = ch + 3 + hh;
    for (size_t r = 1; r <= t->nrows && r <= 2; r++)
        start += make_row(L, texts + r * nc, right, nc, cw, false, cells);
    if (!at_top(L) && (start > room(L) || !whole_or_split(L, &tc, start)))
        new_page(L);
    if (dest) {
        item *d = push(L, IT_DEST);
        d->attr = dest;
        d->x = x;
        d->y = L->pl->y;
    }
    int first_page = (int)L->pl->n;
    open_tag(L, "Table", NULL);
    place_text(L, cl, "Caption", x, 3, sr_text);
    if (hh > room(L))
        new_page(L);
    place_row(L, head, nc, cw, x, hh, true, false);
    place_rule(L, x, w);
    size_t page_at_header = L->pl->n, on_page = 0;
    for (size_t r = 1; r <= t->nrows; r++) {
        double rh = make_row(L, texts + r * nc, right, nc, cw, false, cells);
        /* Never the last row alone at the head of a page: the one before
         * goes over with it, when two rows stay behind. */
        bool widow = false;
        if (r + 1 == t->nrows && rh <= room(L) && on_page >= 2) {
            textbox **last = sr_xcalloc(nc + 1, sizeof *last);
            double lh = make_row(L, texts + (r + 1) * nc, right, nc, cw, false, last);
            free(last);
            widow = rh + lh > room(L);
        }
        if (rh > room(L) || widow) {
            new_page(L);
            page_at_header = 0;
            on_page = 0;
        }
        on_page++;
        /* On a new page, the header row again first. */
        if (page_at_header != L->pl->n) {
            page_at_header = L->pl->n;
            if (r > 1) {
                place_row(L, head, nc, cw, x, hh, true, true);
                place_rule(L, x, w);
            }
        }
        if (r % 2 == 0) {
            item *bg = push(L, IT_FILL);
            bg->x = x;
            bg->y = L->pl->y;
            bg->w = w;
            bg->h = rh;
        }
        place_row(L, cells, nc, cw, x, rh, false, false);
    }
    close_tag(L);
    L->pl->y += GAP + 4;
    free(head);
    free(cells);
    table_cols_free(&tc);
    return first_page;
}

static void place_table(layout *L, const sr_dtable *t, double x, double w)
{
    place_table_as(L, t, x, w, NULL, NULL, NULL);
}

/* ---- the tree -------------------------------------------------------------------------- */

/* A block being walked whose kids are blocks: where they go. */
typedef struct {
    const sr_dnode *node;
    double x, w;
    size_t next;   /* the kid entered next */
    double y0;     /* a quotation: where it began */
    double rule_x; /* and where the rule beside it goes */
    size_t page0;  /* and on which page */
} frame;

typedef struct {
    frame *v;
    size_t n, cap;
} frames;

/* Below MIN_WIDTH, nested blocks are not indented further: what is nested
 * deeper than a report goes stays on the page. */

static frame *frames_push(frames *s, const sr_dnode *n, double x, double w)
{
    if (s->n == s->cap) {
        s->cap = s->cap ? s->cap * 2 : 16;
        s->v = sr_xrealloc(s->v, s->cap * sizeof *s->v);
    }
    frame *f = &s->v[s->n++];
    *f = (frame){n, x, w, 0, 0, 0, 0};
    return f;
}

/* A paragraph or a code block: in a list item, in the item's body (LBody);
 * in a quotation, set in italic. */
static void place_paragraph(layout *L, const sr_dnode *n, const frame *f)
{
    sr_dkind in = f->node->kind;
    bool quote = in == SR_D_QUOTE;
    textbox *tb =
        make_block(L, n, NULL, quote ? BODY + 0.5 : BODY, 400, measure_w(L, f->x, f->w), quote);
    if (in == SR_D_ITEM)
        place_text(L, tb, "P", f->x, 3, sr_text);
    else
        place_text(L, tb, "P", f->x, quote ? 4 : GAP, sr_text);
}

/* A list item's label, on the page its text starts on: keep is how much
 * of the item's text must be there with it. */
static void place_label(layout *L, const sr_dnode *list, size_t index, double x, double keep)
{
    char lbl[32];
    if (list->ordered)
        snprintf(lbl, sizeof lbl, "%zu.", index + 1);
    else
        snprintf(lbl, sizeof lbl, "\u2022");
    textbox *bl = make_plain(L, lbl, BODY, 400, 16, false);
    double need = lines_height(bl, 0, 1);
    if (keep > need)
        need = keep;
    if (room(L) < need && !at_top(L))
        new_page(L);
    item *b = text_item(L, bl, "Lbl", x, L->pl->y);
    b->nlines = 1;
}

/* Places the report's sections (and any block under the root), walking the
 * tree; the annex and the chart files are not printed. */
static void place_tree(layout *L, const sr_dnode *root)
{
    frames st = {0};
    sr_doc_iter *it = sr_doc_iter_new(root);
    sr_doc_event ev;
    while ((ev = sr_doc_iter_next(it)) != SR_EV_DONE) {
        const sr_dnode *n = sr_doc_iter_node(it);
        if (ev == SR_EV_EXIT) {
            if (!st.n || st.v[st.n - 1].node != n)
                continue; /* a node placed whole on its ENTER */
            frame *f = &st.v[st.n - 1];
            switch (n->kind) {
            case SR_D_ITEM:
                close_tag(L); /* LBody */
                close_tag(L);
                break;
            case SR_D_SECTION:
                close_tag(L);
                break;
            case SR_D_LIST:
                close_tag(L);
                L->pl->y += GAP - 3;
                break;
            case SR_D_QUOTE:
                if (f->page0 == L->pl->n) { /* the rule beside a quotation on one page */
                    item *r = push(L, IT_FILL);
                    r->x = f->rule_x;
                    r->y = f->y0;
                    r->w = 3;
                    r->h = L->pl->y - f->y0 - 4;
                    r->colour = L->accent;
                }
                close_tag(L);
                L->pl->y += GAP - 4;
                break;
            default:
                break;
            }
            st.n--;
            continue;
        }
        if (!st.n) { /* the root */
            frames_push(&st, n, L->left, L->right - L->left);
            continue;
        }
        frame *f = &st.v[st.n - 1];
        size_t index = f->next++;
        double x = f->x, w = f->w;
        switch (n->kind) {
        case SR_D_ANNEX:
        case SR_D_CHART_FILES:
            sr_doc_iter_skip(it);
            break;
        case SR_D_SECTION:
            open_tag(L, "Sect", NULL);
            place_heading(L, n, x, w, n, 0);
            frames_push(&st, n, x, w);
            break;
        case SR_D_HEADING:
            place_heading(L, n, x, w, f->node, index + 1);
            sr_doc_iter_skip(it);
            break;
        case SR_D_PARAGRAPH:
        case SR_D_CODE_BLOCK:
            place_paragraph(L, n, f);
            sr_doc_iter_skip(it);
            break;
        case SR_D_NOTE:
            place_note(L, n, x, w);
            sr_doc_iter_skip(it);
            break;
        case SR_D_LIST:
            open_tag(L, "L", NULL);
            frames_push(&st, n, x, w);
            break;
        case SR_D_ITEM:
            open_tag(L, "LI", NULL);
            if (w - 18 >= MIN_WIDTH)
                x += 18, w -= 18;
            if (f->node->kind == SR_D_LIST)
                place_label(L, f->node, index, f->x, keep_height(L, n, 0, x, w, 0));
            open_tag(L, "LBody", NULL);
            frames_push(&st, n, x, w);
            break;
        case SR_D_QUOTE: {
            open_tag(L, "BlockQuote", NULL);
            double rule_x = x + 4;
            if (w - 24 >= MIN_WIDTH)
                x += 16, w -= 24;
            frame *q = frames_push(&st, n, x, w);
            q->y0 = L->pl->y;
            q->page0 = L->pl->n;
            q->rule_x = rule_x;
            break;
        }
        case SR_D_TABLE:
            place_table(L, n->table, x, w);
            break;
        case SR_D_FIGURE:
            place_figure(L, n->figure, x, w);
            break;
        default: /* inlines outside a block: the builder never makes them */
            sr_doc_iter_skip(it);
            break;
        }
    }
    sr_doc_iter_free(it);
    free(st.v);
}

/* The contents: every section and level-2 heading of a section. */
static void collect_toc(layout *L, const sr_dnode *root)
{
    size_t cap = 16;
    L->toc = sr_xmalloc(cap * sizeof *L->toc);
    sr_doc_iter *it = sr_doc_iter_new(root);
    sr_doc_event ev;
    while ((ev = sr_doc_iter_next(it)) != SR_EV_DONE) {
        const sr_dnode *n = sr_doc_iter_node(it);
        if (ev != SR_EV_ENTER || n == root)
            continue;
        const sr_dnode *parent = sr_doc_iter_parent(it);
        bool entry = n->kind == SR_D_SECTION || (n->kind == SR_D_HEADING && n->level == 2 &&
                                                 parent && parent->kind == SR_D_SECTION);
        if (entry) {
            if (L->ntoc == cap) {
                cap *= 2;
                L->toc = sr_xrealloc(L->toc, cap * sizeof *L->toc);
            }
            L->toc[L->ntoc++] = n;
        }
        if (n->kind != SR_D_SECTION)
            sr_doc_iter_skip(it); /* nothing deeper is in the contents */
    }
    sr_doc_iter_free(it);
    L->toc_page = sr_xcalloc(L->ntoc + 1, sizeof *L->toc_page);
}

/* An appendix: a section of the PDF only, at the end of the contents and
 * the outline. In L's arena. */
static sr_dnode *add_appendix(layout *L, const char *title, const char *anchor)
{
    sr_dnode *n = sr_dnode_new_text(L->a, SR_D_SECTION, title);
    n->level = 1;
    n->anchor = anchor;
    L->toc = sr_xrealloc(L->toc, (L->ntoc + 1) * sizeof *L->toc);
    L->toc_page = sr_xrealloc(L->toc_page, (L->ntoc + 1) * sizeof *L->toc_page);
    L->toc[L->ntoc] = n;
    L->toc_page[L->ntoc++] = 0;
    return n;
}

/* How many figures the sections show with their figures as a table. */
static size_t count_chart_data(const sr_dnode *root)
{
    size_t n = 0;
    sr_doc_iter *it = sr_doc_iter_new(root);
    sr_doc_event ev;
    while ((ev = sr_doc_iter_next(it)) != SR_EV_DONE) {
        const sr_dnode *d = sr_doc_iter_node(it);
        if (ev != SR_EV_ENTER)
            continue;
        if (d->kind == SR_D_ANNEX || d->kind == SR_D_CHART_FILES)
            sr_doc_iter_skip(it); /* not printed */
        else if (d->kind == SR_D_FIGURE && d->figure && d->figure->chart && d->figure->data)
            n++;
    }
    sr_doc_iter_free(it);
    return n;
}

/* Where a contents entry or an outline item goes: the heading's anchor, or
 * its page. In L's arena. */
static const char *toc_link(layout *L, size_t i)
{
    sr_buf b = SR_BUF_INIT;
    if (L->toc[i]->anchor) {
        sr_buf_puts(&b, "dest=");
        put_attr_string(&b, L->toc[i]->anchor);
    } else {
        sr_buf_printf(&b, "page=%d", L->toc_page[i] ? L->toc_page[i] : 1);
    }
    const char *s = sr_arena_strdup(L->a, sr_buf_str(&b));
    sr_buf_free(&b);
    return s;
}

/* The logo's box on the cover, in points: it is scaled to fit, keeping its
 * shape. */
#define LOGO_W 160.0
#define LOGO_H 80.0

/* The resolution the logo is embedded at, in pixels per inch of its box:
 * what prints sharply. A larger image is drawn into one of this size. */
#define LOGO_PPI 300.0

/* Decodes the logo into L->logo, at most LOGO_PPI of its box on the cover
 * (L->logo_w by L->logo_h points: LOGO_W by LOGO_H at most, its shape
 * kept), so that the PDF does not carry more pixels than print. Decoded
 * once, whatever the number of layouts. False (and L->err) when it cannot
 * be. */
static bool load_logo(layout *L, const sr_document *doc)
{
    /* Its size from its header, before it is decoded (sr_doc_build refuses
     * a larger one with a hint; this is for a document made otherwise). */
    unsigned long w = 0, ht = 0;
    sr_png_size(doc->logo_png, doc->logo_len, &w, &ht);
    if (w > SR_LOGO_MAX_PIXELS || ht > SR_LOGO_MAX_PIXELS) {
        fail(L, "the logo is %lu x %lu pixels, more than the %d a side a logo may have", w, ht,
             SR_LOGO_MAX_PIXELS);
        return false;
    }
    cairo_surface_t *img = sr_png_decode(doc->logo_png, doc->logo_len);
    cairo_status_t st = cairo_surface_status(img);
    if (st == CAIRO_STATUS_NO_MEMORY) {
        fail(L, "there is not enough memory to decode the logo (%lu x %lu pixels)", w, ht);
        cairo_surface_destroy(img);
        return false;
    }
    if (st != CAIRO_STATUS_SUCCESS || cairo_image_surface_get_width(img) < 1 ||
        cairo_image_surface_get_height(img) < 1) {
        fail(L, "the logo cannot be read as a PNG image: %s", cairo_status_to_string(st));
        cairo_surface_destroy(img);
        return false;
    }
    double iw = cairo_image_surface_get_width(img), ih = cairo_image_surface_get_height(img);
    double k = LOGO_W / iw < LOGO_H / ih ? LOGO_W / iw : LOGO_H / ih;
    L->logo_w = iw * k, L->logo_h = ih * k;
    int pw = (int)(L->logo_w * LOGO_PPI / 72 + 0.5), ph = (int)(L->logo_h * LOGO_PPI / 72 + 0.5);
    pw = pw < 1 ? 1 : pw, ph = ph < 1 ? 1 : ph;
    if (pw >= iw || ph >= ih) { /* no more pixels than print: as it is */
        L->logo = img;
        return true;
    }
    /* In the image's own format (an opaque one stays without a mask), its
     * edges padded (not faded into the transparency around it). */
    cairo_surface_t *small =
        cairo_image_surface_create(cairo_image_surface_get_format(img), pw, ph);
    cairo_t *cr = cairo_create(small);
    cairo_scale(cr, pw / iw, ph / ih);
    cairo_set_source_surface(cr, img, 0, 0);
    cairo_pattern_set_filter(cairo_get_source(cr), CAIRO_FILTER_GOOD);
    cairo_pattern_set_extend(cairo_get_source(cr), CAIRO_EXTEND_PAD);
    cairo_set_operator(cr, CAIRO_OPERATOR_SOURCE);
    cairo_paint(cr);
    st = cairo_status(cr);
    cairo_destroy(cr);
    cairo_surface_destroy(img);
    cairo_surface_flush(small);
    if (st == CAIRO_STATUS_SUCCESS)
        st = cairo_surface_status(small);
    if (st != CAIRO_STATUS_SUCCESS) {
        fail(L, "the logo cannot be drawn at %d x %d pixels: %s", pw, ph,
             cairo_status_to_string(st));
        cairo_surface_destroy(small);
        return false;
    }
    L->logo = small;
    return true;
}

/* The cover: a field of the accent colour across the top half of the page
 * with the partnership's name, the title and the period in white on it
 * (white on the accent has the contrast the template requires of the
 * accent on white, at least 4.5:1); under it the publication date, or
 * "Draft"; and the logo, when the data folder has one, at the foot. */
static void cover(layout *L, const sr_document *doc, bool draft)
{
    double w = L->right - L->left, tw = measure_w(L, L->left, w);
    double band = L->ph * (doc->landscape ? 0.56 : 0.5);
    bool on_band = sr_contrast(L->accent, sr_background) >= 4.5;
    sr_rgb ink = on_band ? sr_background : sr_text;
    if (on_band) {
        item *b = push(L, IT_BAND);
        b->x = 0, b->y = 0, b->w = L->pw, b->h = band;
        b->colour = L->accent;
    }
    L->pl->y = L->top + 24;
    place_text(L, make_plain(L, str(doc->partnership), 16, 600, tw, false), "P", L->left, 0, ink);
    textbox *title = make_plain(L, str(doc->cover_title), 36, 600, w, false);
    textbox *period = make_plain(L, str(doc->covering), 13, 400, tw, false);
    /* The title and period stand at the foot of the field. */
    double y = band - 44 - text_height(period) - 12 - text_height(title);
    if (y > L->pl->y + 24)
        L->pl->y = y;
    place_text(L, title, "H1", L->left, 12, on_band ? ink : L->accent);
    place_text(L, period, "P", L->left, 0, ink);
    L->pl->y = band + 28;
    const char *when = NULL;
    char buf[96];
    if (draft) {
        when = "Draft";
    } else if (doc->published) {
        snprintf(buf, sizeof buf, "Published %s", doc->published);
        when = buf;
    }
    if (when)
        place_text(L, make_plain(L, when, 13, 600, tw, false), "P", L->left, 0, sr_text);
    if (doc->logo_png && doc->logo_len && !L->logo && !load_logo(L, doc))
        return;
    if (L->logo) {
        item *lg = push(L, IT_LOGO);
        lg->w = L->logo_w, lg->h = L->logo_h;
        lg->x = L->left;
        lg->y = L->bottom - lg->h;
    }
}

static void contents(layout *L)
{
    double w = L->right - L->left;
    place_text(L, make_plain(L, "Contents", 20, 600, w, false), "H1", L->left, 10, L->accent);
    open_tag(L, "TOC", NULL);
    for (size_t i = 0; i < L->ntoc; i++) {
        const sr_dnode *n = L->toc[i];
        bool sub = n->level == 2;
        sr_buf left = SR_BUF_INIT;
        sr_buf_printf(&left, "%s%s%s", str(n->number), n->number ? "  " : "", str(n->text));
        double indent = sub ? 24 : 0;
        /* "Title ........ 12": dots fill the gap, the number is right-aligned. */
        textbox *l = make_plain(L, sr_buf_str(&left), sub ? BODY - 1 : BODY, sub ? 400 : 600,
                                w - indent - 40, false);
        sr_buf_free(&left);
        char num[32];
        snprintf(num, sizeof num, "%d", L->toc_page[i] ? L->toc_page[i] : 8888);
        textbox *nl = make_plain_as(L, num, sub ? BODY - 1 : BODY, sub ? 400 : 600, 36, false,
                                    PANGO_ALIGN_RIGHT);
        double lh = text_height(l);
        if (lh + 6 > room(L))
            new_page(L);
        const char *attr = toc_link(L, i);
        sr_buf go = SR_BUF_INIT;
        sr_buf_printf(&go, "Go to %s%s%s, page %s", str(n->number), n->number ? " " : "",
                      str(n->text), num);
        const char *words = sr_arena_strdup(L->a, sr_buf_str(&go));
        sr_buf_free(&go);
        open_tag(L, "TOCI", NULL);
        /* One link for the entry, over its title and its page number: a
         * link each would be two tab stops saying the same. */
        item *it = text_item(L, l, "Reference", L->left + indent, L->pl->y);
        it->attr = attr;
        it->words = words;
        int last = l->nlines - 1;
        it->num = nl;
        it->num_x = L->right - 36;
        it->num_y = L->pl->y + l->top[last];
        PangoRectangle r2;
        pango_layout_line_get_extents(pango_layout_get_line_readonly(l->layout, last), NULL, &r2);
        double lastw = r2.width / (double)PANGO_SCALE;
        item *fill = push(L, IT_LEADER);
        fill->x = L->left + indent + lastw + 6;
        fill->y = L->pl->y + l->bottom[last] - 4.5;
        fill->w = w - indent - lastw - 6 - 40;
        L->pl->y += lh + (sub ? 3 : 6);
        close_tag(L);
    }
    close_tag(L);
}

/* How many pages the contents take: laid out on pages of their own,
 * counted, and thrown away. */
static int contents_pages(layout *L)
{
    pagelist *keep = L->pl, T = {0};
    L->pl = &T;
    new_page(L);
    contents(L);
    int n = (int)T.n;
    pagelist_free(&T, 0);
    L->pl = keep;
    return n;
}

/* ---- drawing --------------------------------------------------------------------------- */

/* Line i of tb's layout (its lines are a list). */
static GSList *line_at(const textbox *tb, int i)
{
    GSList *ln = pango_layout_get_lines_readonly(tb->layout);
    for (int k = 0; ln && k < i; k++)
        ln = ln->next;
    return ln;
}

static void draw_text_item(cairo_t *cr, const item *it)
{
    const textbox *tb = it->text;
    sr_set_rgb(cr, it->colour);
    GSList *ln = line_at(tb, it->line0);
    for (int k = it->line0; ln && k < it->line0 + it->nlines; k++, ln = ln->next) {
        cairo_move_to(cr, it->x + tb->x[k], it->y + tb->base[k] - tb->top[it->line0]);
        pango_cairo_show_layout_line(cr, ln->data);
    }
}

/* Begins a link tag, and notes the words of its annotation (the
 * annotation's /Contents, which pdf_post writes: cairo 1.16 cannot). Every
 * cairo_tag_begin(cr, CAIRO_TAG_LINK, ...) goes through here, so that the
 * words and the annotations stay in the same order. */
static void begin_link(layout *L, cairo_t *cr, const char *attr, const char *words)
{
    if (L->nannots == L->annots_cap) {
        L->annots_cap = L->annots_cap ? L->annots_cap * 2 : 32;
        L->annots = sr_xrealloc(L->annots, L->annots_cap * sizeof *L->annots);
    }
    L->annots[L->nannots++] = (sr_pdf_annot_text){L->drawing_page, words};
    cairo_tag_begin(cr, CAIRO_TAG_LINK, attr);
}

/* What a link's annotation says: "Email x", "Telephone x", or the link's
 * words and its address. In L's arena. */
static const char *link_words(layout *L, const char *text, const link_span *ln)
{
    const char *uri = str(ln->uri);
    sr_buf b = SR_BUF_INIT;
    size_t a = ln->start, e = ln->end;
    while (a < e && (text[a] == ' ' || text[a] == '\n'))
        a++;
    while (e > a && (text[e - 1] == ' ' || text[e - 1] == '\n'))
        e--;
    if (ln->dest) { /* a link within the report: "Go to figures in Table A1, page 31" */
        sr_buf_puts(&b, "Go to ");
        sr_buf_put(&b, text + a, e - a);
    } else if (strncmp(uri, "mailto:", 7) == 0) {
        sr_buf_puts(&b, "Email ");
        sr_buf_put(&b, uri + 7, strcspn(uri + 7, "?"));
    } else if (strncmp(uri, "tel:", 4) == 0) {
        sr_buf_printf(&b, "Telephone %s", uri + 4);
    } else {
        if (e > a && !(e - a == strlen(uri) && memcmp(text + a, uri, e - a) == 0)) {
            sr_buf_put(&b, text + a, e - a);
            sr_buf_printf(&b, ": %s", uri);
        } else {
            sr_buf_printf(&b, "Web page: %s", uri);
        }
    }
    const char *s = sr_arena_strdup(L->a, sr_buf_str(&b));
    sr_buf_free(&b);
    return s;
}

/* The attributes of the link tag for link s of it's text on this page: its
 * address, and a rectangle over its part of each line of it it is on; NULL
 * when it is on none. In L's arena. */
static const char *link_attr(layout *L, const item *it, size_t s)
{
    const textbox *tb = it->text;
    const link_span *ln = &tb->links[s];
    sr_buf rects = SR_BUF_INIT;
    GSList *l = line_at(tb, it->line0);
    for (int k = it->line0; l && k < it->line0 + it->nlines; k++, l = l->next) {
        PangoLayoutLine *line = l->data;
        size_t ls = (size_t)line->start_index, le = ls + (size_t)line->length;
        if (ln->end > ls && ln->start < le) {
            int from = (int)(ln->start > ls ? ln->start : ls);
            int to = (int)(ln->end < le ? ln->end : le);
            int *ranges = NULL, nranges = 0;
            pango_layout_line_get_x_ranges(line, from, to, &ranges, &nranges);
            for (int r = 0; r < nranges; r++)
                sr_buf_printf(&rects, "%s%.2f %.2f %.2f %.2f", rects.len ? " " : "",
                              it->x + ranges[2 * r] / (double)PANGO_SCALE,
                              it->y + tb->top[k] - tb->top[it->line0],
                              (ranges[2 * r + 1] - ranges[2 * r]) / (double)PANGO_SCALE,
                              tb->bottom[k] - tb->top[k]);
            g_free(ranges);
        }
    }
    const char *attr = NULL;
    if (rects.len) {
        sr_buf b = SR_BUF_INIT;
        if (ln->dest) {
            sr_buf_puts(&b, "dest=");
            put_attr_string(&b, ln->dest);
        } else {
            sr_buf_puts(&b, "uri=");
            put_attr_string(&b, pdf_uri(L->a, ln->uri));
        }
        sr_buf_printf(&b, " rect=[%s]", sr_buf_str(&rects));
        attr = sr_arena_strdup(L->a, sr_buf_str(&b));
        sr_buf_free(&b);
    }
    sr_buf_free(&rects);
    return attr;
}

/* The link byte i of tb's text is in, or -1; and in *next, where the next
 * link begins or ends after i (or end). */
static int link_at(const textbox *tb, size_t i, size_t end, size_t *next)
{
    int in = -1;
    *next = end;
    for (size_t s = 0; s < tb->nlinks; s++) {
        const link_span *ln = &tb->links[s];
        if (ln->start <= i && i < ln->end)
            in = (int)s;
        if (ln->start > i && ln->start < *next)
            *next = ln->start;
        if (ln->end > i && ln->end < *next)
            *next = ln->end;
    }
    return in;
}

/* Text with links: drawn as draw_text_item does, but run by run, a run cut
 * where a link begins or ends, so that each link's words are drawn inside
 * its link tag: the link's structure element (a leaf) holds them, and its
 * annotation covers them. The words between links are Span leaves. */
static void draw_linked_text(layout *L, cairo_t *cr, const item *it)
{
    const textbox *tb = it->text;
    const char *text = pango_layout_get_text(tb->layout);
    const char **attrs = sr_xcalloc(tb->nlinks, sizeof *attrs);
    for (size_t s = 0; s < tb->nlinks; s++)
        attrs[s] = link_attr(L, it, s);
    sr_set_rgb(cr, it->colour);
    int open = -2; /* the link whose tag is open; -1 a Span; -2 none */
    GSList *l = line_at(tb, it->line0);
    for (int k = it->line0; l && k < it->line0 + it->nlines; k++, l = l->next) {
        PangoLayoutLine *line = l->data;
        double x = it->x + tb->x[k];
        double base = it->y + tb->base[k] - tb->top[it->line0];
        int x_off = 0;
        for (GSList *r = line->runs; r; r = r->next) {
            PangoGlyphItem *rest = pango_glyph_item_copy(r->data);
            for (;;) {
                size_t at = (size_t)rest->item->offset;
                size_t end = at + (size_t)rest->item->length, cut;
                int in = link_at(tb, at, end, &cut);
                PangoGlyphItem *piece = rest;
                if (cut < end)
                    piece = pango_glyph_item_split(rest, text, (int)(cut - at));
                if (in < 0 || !attrs[in])
                    in = -1;
                if (in != open) {
                    if (open >= 0)
                        cairo_tag_end(cr, CAIRO_TAG_LINK);
                    else if (open == -1)
                        cairo_tag_end(cr, "Span");
                    open = in;
                    if (open >= 0)
                        begin_link(L, cr, attrs[open], link_words(L, text, &tb->links[open]));
                    else
                        cairo_tag_begin(cr, "Span", NULL);
                }
                cairo_move_to(cr, x + x_off / (double)PANGO_SCALE, base);
                pango_cairo_show_glyph_item(cr, text, piece);
                x_off += pango_glyph_string_get_width(piece->glyphs);
                if (piece == rest)
                    break;
                pango_glyph_item_free(piece);
            }
            pango_glyph_item_free(rest);
        }
    }
    if (open >= 0)
        cairo_tag_end(cr, CAIRO_TAG_LINK);
    else if (open == -1)
        cairo_tag_end(cr, "Span");
    free(attrs);
}

/* Adds to rects (cairo's "x y w h" each) a rectangle over each line of
 * it's text on the page. */
static void line_rects(sr_buf *rects, const item *it)
{
    const textbox *tb = it->text;
    GSList *l = line_at(tb, it->line0);
    for (int k = it->line0; l && k < it->line0 + it->nlines; k++, l = l->next) {
        PangoRectangle r;
        pango_layout_line_get_extents(l->data, NULL, &r);
        sr_buf_printf(rects, "%s%.2f %.2f %.2f %.2f", rects->len ? " " : "", it->x + tb->x[k],
                      it->y + tb->top[k] - tb->top[it->line0], r.width / (double)PANGO_SCALE,
                      tb->bottom[k] - tb->top[k]);
    }
}

/* The link tag's attributes for a contents entry: where it goes, and a
 * rectangle over each line of its title and over its page number, which
 * are drawn inside the one link. In L's arena. */
static const char *entry_attr(layout *L, const item *it)
{
    sr_buf rects = SR_BUF_INIT;
    line_rects(&rects, it);
    if (it->num) {
        item num = *it;
        num.text = it->num, num.line0 = 0, num.nlines = 1;
        num.x = it->num_x, num.y = it->num_y;
        line_rects(&rects, &num);
    }
    const char *attr = sr_arena_printf(L->a, "%s rect=[%s]", it->attr, sr_buf_str(&rects));
    sr_buf_free(&rects);
    return attr;
}

static void footer(layout *L, cairo_t *cr, const sr_document *doc, int pageno, int total,
                   bool draft)
{
    sr_buf text = SR_BUF_INIT;
    sr_buf_printf(&text, "%s%s  \xC2\xB7  Page %d of %d", draft ? "DRAFT  \xC2\xB7  " : "",
                  str(doc->footer), pageno, total);
    PangoLayout *l = sr_fonts_layout(L->fonts, cr, SMALL - 0.5, 400);
    pango_layout_set_text(l, sr_buf_str(&text), -1);
    sr_buf_free(&text);
    /* The footer repeats on every page: an artifact, not content. */
    sr_set_rgb(cr, sr_muted);
    cairo_move_to(cr, L->left, L->ph - MARGIN + 8);
    pango_cairo_show_layout(cr, l);
    g_object_unref(l);
}

static void draw_page(layout *L, cairo_t *cr, const page *p)
{
    /* The structure elements open (L->drawing) go on from page to page. */
    for (size_t i = 0; i < p->n; i++) {
        const item *it = &p->v[i];
        switch (it->kind) {
        case IT_OPEN:
            if (L->ndrawing == L->drawing_cap) {
                L->drawing_cap = L->drawing_cap ? L->drawing_cap * 2 : 16;
                L->drawing = sr_xrealloc(L->drawing, L->drawing_cap * sizeof *L->drawing);
            }
            L->drawing[L->ndrawing++] = it->tag;
            cairo_tag_begin(cr, it->tag, it->attr);
            break;
        case IT_CLOSE:
            if (L->ndrawing)
                cairo_tag_end(cr, L->drawing[--L->ndrawing]);
            else
                fail(L, "a structure element was closed that was never opened");
            break;
        case IT_TEXT:
            if (!it->tag) { /* decoration */
                draw_text_item(cr, it);
            } else if (it->runs) { /* the leaves are its runs */
                draw_linked_text(L, cr, it);
            } else if (it->attr) { /* a contents entry: the text is the link */
                cairo_tag_begin(cr, it->tag, NULL);
                begin_link(L, cr, entry_attr(L, it), it->words);
                draw_text_item(cr, it);
                if (it->num) {
                    item num = *it;
                    num.text = it->num, num.line0 = 0, num.nlines = 1;
                    num.x = it->num_x, num.y = it->num_y;
                    draw_text_item(cr, &num);
                }
                cairo_tag_end(cr, CAIRO_TAG_LINK);
                cairo_tag_end(cr, it->tag);
            } else {
                cairo_tag_begin(cr, it->tag, NULL);
                draw_text_item(cr, it);
                cairo_tag_end(cr, it->tag);
            }
            break;
        case IT_DEST: {
            sr_buf attr = SR_BUF_INIT;
            sr_buf_puts(&attr, "name=");
            put_attr_string(&attr, it->attr);
            sr_buf_printf(&attr, " x=%.1f y=%.1f", it->x, it->y);
            cairo_tag_begin(cr, CAIRO_TAG_DEST, sr_buf_str(&attr));
            cairo_tag_end(cr, CAIRO_TAG_DEST);
            sr_buf_free(&attr);
            break;
        }
        case IT_FIGURE: {
            /* The Figure is a leaf: the chart is its content. */
            cairo_tag_begin(cr, it->tag, NULL);
            cairo_save(cr);
            cairo_translate(cr, it->x, it->y);
            double scale = it->scale;
            cairo_scale(cr, scale, scale);
            sr_chart ch = untitled(it->fig->chart);
            if ((it->nrows
                     ? sr_chart_draw_rows(cr, L->fonts, &ch, it->w, it->whole_h, it->row0,
                                          it->nrows, NULL)
                     : sr_chart_draw(cr, L->fonts, &ch, it->w / scale, it->h / scale, NULL)) != 0)
                fail(L, "the chart \"%s\" has nothing to draw", str(ch.title));
            cairo_restore(cr);
            cairo_tag_end(cr, it->tag);
            break;
        }
        case IT_RULE:
            sr_set_rgb(cr, sr_muted);
            cairo_set_line_width(cr, 0.8);
            cairo_move_to(cr, it->x, it->y);
            cairo_line_to(cr, it->x + it->w, it->y);
            cairo_stroke(cr);
            break;
        case IT_LEADER: /* the dots between a contents entry and its page */
            sr_set_rgb(cr, sr_muted);
            cairo_set_line_width(cr, 1);
            cairo_set_line_cap(cr, CAIRO_LINE_CAP_ROUND);
            cairo_set_dash(cr, (double[]){0, 3.5}, 2, 0);
            cairo_move_to(cr, it->x, it->y);
            cairo_line_to(cr, it->x + it->w, it->y);
            cairo_stroke(cr);
            cairo_set_dash(cr, NULL, 0, 0);
            break;
        case IT_BAND:
            sr_set_rgb(cr, it->colour);
            cairo_rectangle(cr, it->x, it->y, it->w, it->h);
            cairo_fill(cr);
            break;
        case IT_LOGO: /* decorative: the partnership's name is on the cover in words */
            if (!L->logo)
                break;
            cairo_save(cr);
            cairo_translate(cr, it->x, it->y);
            cairo_scale(cr, it->w / cairo_image_surface_get_width(L->logo),
                        it->h / cairo_image_surface_get_height(L->logo));
            cairo_set_source_surface(cr, L->logo, 0, 0);
            cairo_pattern_set_filter(cairo_get_source(cr), CAIRO_FILTER_GOOD);
            cairo_paint(cr);
            cairo_restore(cr);
            break;
        case IT_FILL:
            if (it->w <= 4)
                sr_set_rgb(cr, it->colour);
            else
                cairo_set_source_rgb(cr, 0.95, 0.96, 0.97);
            cairo_rectangle(cr, it->x, it->y, it->w, it->h);
            cairo_fill(cr);
            break;
        }
    }
}

/* ---- the document ---------------------------------------------------------------------- */

static cairo_status_t to_buf(void *closure, const unsigned char *data, unsigned int length)
{
    sr_buf_put(closure, (const char *)data, length);
    return CAIRO_STATUS_SUCCESS;
}

static void set_metadata(cairo_surface_t *s, cairo_pdf_metadata_t what, const char *value)
{
    if (value)
        cairo_pdf_surface_set_metadata(s, what, value);
}

/* Draws the pages into pdf, with the outline and the metadata. */
static int draw(layout *L, const sr_document *doc, const sr_pdf_options *o, sr_buf *pdf, char *err,
                size_t errlen)
{
    cairo_surface_t *s = cairo_pdf_surface_create_for_stream(to_buf, pdf, L->pw, L->ph);
    if (cairo_surface_status(s) != CAIRO_STATUS_SUCCESS) {
        snprintf(err, errlen, "cairo: %s", cairo_status_to_string(cairo_surface_status(s)));
        cairo_surface_destroy(s);
        return -1;
    }
    cairo_pdf_surface_restrict_to_version(s, CAIRO_PDF_VERSION_1_5);
    char date[32];
    time_t t = (time_t)o->created;
    struct tm tm;
    if (!gmtime_r(&t, &tm) || strftime(date, sizeof date, "%Y-%m-%dT%H:%M:%S", &tm) == 0) {
        snprintf(err, errlen, "the date %lld cannot be written", (long long)o->created);
        cairo_surface_destroy(s);
        return -1;
    }
    set_metadata(s, CAIRO_PDF_METADATA_TITLE, doc->title);
    set_metadata(s, CAIRO_PDF_METADATA_AUTHOR, doc->partnership);
    set_metadata(s, CAIRO_PDF_METADATA_SUBJECT, doc->subject);
    set_metadata(s, CAIRO_PDF_METADATA_KEYWORDS, doc->keywords);
    set_metadata(s, CAIRO_PDF_METADATA_CREATOR, "sscp-report " SSCP_VERSION);
    set_metadata(s, CAIRO_PDF_METADATA_CREATE_DATE, date);
    snprintf(L->date, sizeof L->date, "%sZ", date); /* the same, for XMP */
    set_metadata(s, CAIRO_PDF_METADATA_MOD_DATE, date);
    cairo_t *cr = cairo_create(s);
    int rc = 0;
    pagelist *pl = L->pl;
    for (size_t i = 0; i < pl->n; i++) {
        L->drawing_page = i;
        draw_page(L, cr, &pl->v[i]);
        if (i > 0)
            footer(L, cr, doc, (int)i + 1, (int)pl->n, o->draft);
        cairo_show_page(cr);
        if (cairo_status(cr) != CAIRO_STATUS_SUCCESS) {
            snprintf(err, errlen, "cairo: %s", cairo_status_to_string(cairo_status(cr)));
            rc = -1;
            break;
        }
        if (L->err[0]) {
            snprintf(err, errlen, "%s", L->err);
            rc = -1;
            break;
        }
    }
    /* The outline: sections, with their level-2 headings inside. */
    int parent = CAIRO_PDF_OUTLINE_ROOT;
    for (size_t i = 0; rc == 0 && i < L->ntoc; i++) {
        const sr_dnode *n = L->toc[i];
        sr_buf title = SR_BUF_INIT;
        sr_buf_printf(&title, "%s%s%s", str(n->number), n->number ? " " : "", str(n->text));
        int id = cairo_pdf_surface_add_outline(s, n->level == 2 ? parent : CAIRO_PDF_OUTLINE_ROOT,
                                               sr_buf_str(&title), toc_link(L, i), 0);
        sr_buf_free(&title);
        if (n->level != 2)
            parent = id;
    }
    cairo_destroy(cr);
    cairo_surface_finish(s);
    if (rc == 0 && cairo_surface_status(s) != CAIRO_STATUS_SUCCESS) {
        snprintf(err, errlen, "cairo: %s", cairo_status_to_string(cairo_surface_status(s)));
        rc = -1;
    }
    cairo_surface_destroy(s);
    return rc;
}

/* The appendix of chart data: each figure's figures as a table ("Table
 * A1. Figure 3: title"), where its caption's link goes. */
static void chart_data_appendix(layout *L, const sr_dnode *apx)
{
    double w = L->right - L->left;
    sr_dnode *intro =
        sr_dnode_new_plain(L->a, SR_D_PARAGRAPH,
                           "The figures each chart shows, as a table, in the order of the charts.");
    if (!at_top(L))
        new_page(L); /* an appendix starts a page */
    open_tag(L, "Sect", NULL);
    place_heading(L, apx, L->left, w, NULL, 0);
    place_text(L, make_block(L, intro, NULL, BODY, 400, w, false), "P", L->left, GAP, sr_text);
    for (size_t i = 0; i < L->nshown; i++) {
        const placed_figure *pf = &L->shown[i];
        if (!pf->table)
            continue;
        const char *label = sr_arena_printf(L->a, "Table A%d", pf->table);
        const char *caption =
            sr_arena_printf(L->a, "Figure %d: %s", pf->number, str(pf->fig->chart->title));
        L->data_page_now[pf->table - 1] =
            place_table_as(L, pf->fig->data, L->left, w, label, caption, data_dest(L, pf->table));
    }
    close_tag(L);
}

/* Places everything but the contents (pages kept for them): the cover,
 * the sections, the appendices. */
static void place_body(layout *L, const sr_document *doc, const sr_pdf_options *o, int toc_pages,
                       const sr_dnode *data_apx, const sr_dnode *warn_apx)
{
    L->figures = L->tables = 0;
    L->nshown = L->ndata = 0;
    /* Pages: the cover, the contents (laid out last, once page numbers are
     * known), then the sections. */
    new_page(L);
    open_tag(L, "Document", NULL);
    cover(L, doc, o->draft);
    for (int i = 0; i < toc_pages; i++)
        new_page(L);
    new_page(L);
    double w = L->right - L->left;
    place_tree(L, doc->root);
    if (data_apx)
        chart_data_appendix(L, data_apx);
    if (warn_apx) {
        if (!at_top(L))
            new_page(L); /* an appendix starts a page */
        open_tag(L, "Sect", NULL);
        place_heading(L, warn_apx, L->left, w, NULL, 0);
        for (size_t i = 0; i < o->nwarnings; i++)
            place_text(L, make_plain(L, str(o->warnings[i]), SMALL + 0.5, 400, w, false), "P",
                       L->left, 4, sr_text);
        close_tag(L);
    }
    close_tag(L); /* Document */
}

int sr_pdf_write(const sr_document *doc, sr_fonts *fonts, const sr_pdf_options *o,
                 sr_pdf_stats *stats, char *err, size_t errlen)
{
    if (!doc->root) {
        snprintf(err, errlen, "the document has no tree");
        return -1;
    }
    layout L = {0};
    pagelist pages = {0};
    L.pl = &pages;
    L.fonts = fonts;
    L.a = sr_arena_new();
    L.accent = (sr_rgb){doc->accent[0], doc->accent[1], doc->accent[2]};
    L.pw = doc->landscape ? 841.89 : 595.28;
    L.ph = doc->landscape ? 595.28 : 841.89;
    L.left = MARGIN;
    L.right = L.pw - MARGIN;
    L.top = MARGIN;
    L.bottom = L.ph - MARGIN - FOOTER;
    L.text_right = L.left + MEASURE_EM * BODY;
    if (L.text_right > L.right)
        L.text_right = L.right;
    L.section_new_page = doc->section_new_page;
    /* Text is measured on a PDF surface that writes nowhere: with the
     * font options of the one drawn on, so that each layout made here is
     * the one drawn, as it is, with no laying out again. */
    cairo_surface_t *ms = cairo_pdf_surface_create_for_stream(NULL, NULL, L.pw, L.ph);
    L.measure = cairo_create(ms);
    if (cairo_status(L.measure) != CAIRO_STATUS_SUCCESS) {
        snprintf(err, errlen, "cairo: %s", cairo_status_to_string(cairo_status(L.measure)));
        cairo_destroy(L.measure);
        cairo_surface_destroy(ms);
        sr_arena_free(L.a);
        return -1;
    }

    L.texts = g_hash_table_new_full(g_str_hash, g_str_equal, free, NULL);
    L.widths = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, g_free);
    collect_toc(&L, doc->root);
    /* The appendices: the charts' figures as tables, and a draft's warnings. */
    L.ndata_max = count_chart_data(doc->root);
    L.data_page = sr_xcalloc(L.ndata_max + 1, sizeof *L.data_page);
    L.data_page_now = sr_xcalloc(L.ndata_max + 1, sizeof *L.data_page_now);
    /* Lettered in order, a lone one too: "Appendix A", "Appendix B". */
    const sr_dnode *data_apx =
        L.ndata_max ? add_appendix(&L, "Appendix A: chart data", "appendix-chart-data") : NULL;
    const sr_dnode *warn_apx = o->draft && o->nwarnings
                                   ? add_appendix(&L,
                                                  data_apx ? "Appendix B: warnings in this draft"
                                                           : "Appendix A: warnings in this draft",
                                                  "appendix-warnings")
                                   : NULL;
    /* The pages the contents need: laid out once as they will be (the page
     * numbers, not yet known, are as wide as any), so that no entry falls
     * off the pages kept for them. */
    int toc_pages = contents_pages(&L);

    /* Laid out again while a figure's caption gives another page for its
     * table of figures than the layout put it on. */
    for (int pass = 1;; pass++) {
        place_body(&L, doc, o, toc_pages, data_apx, warn_apx);
        bool settled = true;
        for (size_t k = 0; k < L.ndata_max; k++) {
            settled = settled && L.data_page[k] == L.data_page_now[k];
            L.data_page[k] = L.data_page_now[k];
        }
        if (settled || L.err[0])
            break;
        if (pass == 6) {
            fail(&L, "the pages of the tables of chart data change with every layout");
            break;
        }
        pagelist_free(&pages, 0);
    }

    /* The contents pages, now that every heading has its page, laid out on
     * pages of their own and put in after the cover. */
    pagelist toc = {0};
    L.pl = &toc;
    new_page(&L);
    contents(&L);
    L.pl = &pages;
    int rc = 0;
    if (toc.n > (size_t)toc_pages) {
        /* Never drop an entry: the count above is of this same layout. */
        snprintf(err, errlen, "the contents need %zu pages, but %d were kept for them", toc.n,
                 toc_pages);
        rc = -1;
    }
    for (size_t i = 0; i < toc.n && i < (size_t)toc_pages; i++) {
        free(pages.v[1 + i].v);
        pages.v[1 + i] = toc.v[i];
    }
    pagelist_free(&toc, (size_t)toc_pages);
    if (rc == 0 && L.err[0]) {
        snprintf(err, errlen, "%s", L.err);
        rc = -1;
    }

    sr_buf pdf = SR_BUF_INIT;
    if (rc == 0) {
        /* Tag attributes use '.' for decimals whatever the locale. */
        char *old = setlocale(LC_NUMERIC, NULL);
        char *saved = old ? sr_xstrdup(old) : NULL;
        setlocale(LC_NUMERIC, "C");
        rc = draw(&L, doc, o, &pdf, err, errlen);
        if (saved) {
            setlocale(LC_NUMERIC, saved);
            free(saved);
        }
    }
    /* What cairo cannot write (pdf_post.h): artifacts, XMP, the language,
     * figures' alternatives, links' words, tab order, header scopes. */
    sr_buf final = SR_BUF_INIT;
    if (rc == 0) {
        size_t nfig = 0, nalts = 0; /* Figure leaves: a figure's, or each of its parts' */
        for (size_t i = 0; i < pages.n; i++)
            for (size_t k = 0; k < pages.v[i].n; k++)
                nfig += pages.v[i].v[k].kind == IT_FIGURE;
        const char **alts = sr_xcalloc(nfig + 1, sizeof *alts);
        for (size_t i = 0; i < pages.n; i++)
            for (size_t k = 0; k < pages.v[i].n; k++)
                if (pages.v[i].v[k].kind == IT_FIGURE)
                    alts[nalts++] = str(pages.v[i].v[k].attr);
        sr_pdf_post_out found = {0};
        sr_pdf_post_in pi = {.lang = str(doc->lang),
                             .title = doc->title,
                             .author = doc->partnership,
                             .subject = doc->subject,
                             .keywords = doc->keywords,
                             .creator = "sscp-report " SSCP_VERSION,
                             .date = L.date,
                             .alts = alts,
                             .nalts = nalts,
                             .annots = L.annots,
                             .nannots = L.nannots};
        rc = sr_pdf_post(pdf.data, pdf.len, &pi, &final, &found, err, errlen);
        if (rc == 0 && found.figures != nalts) {
            snprintf(err, errlen, "the PDF has %zu figures in its structure, %zu were drawn",
                     found.figures, nalts);
            rc = -1;
        } else if (rc == 0 && found.annots != L.nannots) {
            snprintf(err, errlen, "the PDF has %zu link annotations, %zu were drawn", found.annots,
                     L.nannots);
            rc = -1;
        }
        free(alts);
    }
    if (rc == 0 && sr_write_file_atomic(o->path, final.data, final.len) != 0) {
        snprintf(err, errlen, "cannot write %s: %s", o->path, sr_io_error(errno));
        rc = -1;
    }
    if (stats) {
        stats->pages = (int)pages.n;
        stats->bytes = final.len;
    }
    sr_buf_free(&final);
    sr_buf_free(&pdf);
    pagelist_free(&pages, 0);
    for (size_t i = 0; i < L.nowned; i++)
        g_object_unref(L.owned[i]);
    free(L.owned);
    g_hash_table_destroy(L.texts);
    g_hash_table_destroy(L.widths);
    free(L.toc);
    free(L.toc_page);
    free(L.shown);
    free(L.data_page);
    free(L.data_page_now);
    free(L.drawing);
    free(L.annots);
    cairo_destroy(L.measure);
    cairo_surface_destroy(ms);
    if (L.logo)
        cairo_surface_destroy(L.logo);
    sr_arena_free(L.a);
    return rc;
}

/* ---- the output ------------------------------------------------------------------------ */

static int write_pdf(const sr_document *doc, const sr_render_options *o, const char *path,
                     sr_render_result *r, char *err, size_t errlen)
{
    sr_pdf_options po = {path, o->created, o->draft, o->warnings, o->nwarnings};
    sr_pdf_stats st = {0};
    if (sr_pdf_write(doc, o->fonts, &po, &st, err, errlen) != 0)
        return -1;
    snprintf(r->what, sizeof r->what, "%d pages", st.pages);
    r->bytes = st.bytes;
    snprintf(r->after, sizeof r->after, "%s", o->draft ? " - a draft" : "");
    return 0;
}

const sr_output sr_output_pdf = {"PDF", "%s-annual-report-%s.pdf", false, true, write_pdf};
