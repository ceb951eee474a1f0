/* chart: drawing the chart kinds onto a cairo_t, see chart.h. */
#include "chart/chart.h"

#include "chart/palette.h"
#include "chart/ticks.h"
#include "core/arena.h"
#include "core/buf.h"
#include "core/fmt.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define FONT       9.5               /* labels, points */
#define FONT_SMALL SR_CHART_TYPE_MIN /* value labels on marks, notes: 9 points */
#define FONT_TITLE 11.0              /* the chart's own title */
#define PAD        6.0
#define PI         3.14159265358979323846

typedef struct {
    cairo_t *cr;
    sr_fonts *fonts;
    sr_chart_layout *out;
    double need;  /* the height the chart needs to show everything whole */
    bool fit;     /* need is the chart's height, even when less than asked (hbars) */
    bool words;   /* wrapped text breaks between words only, never inside one */
    bool no_text; /* text is laid out and reported, not drawn (SR_CHART_NO_TEXT) */
    /* Text drawn in a rotated frame: its origin in the chart and its angle
     * (radians, cairo's sense); rotated is false for the chart's own frame. */
    bool rotated;
    double ox, oy, angle;
    /* A part of the chart (sr_chart_draw_rows): its rows from .. from +
     * nrows - 1, in the order drawn, laid out as in the whole chart; part
     * false: every row. */
    bool part;
    size_t from, nrows;
} ctx;

/* Whether row k (in the order drawn) is drawn: every row, or the part's. */
static bool in_part(const ctx *c, size_t k)
{
    return !c->part || (k >= c->from && k - c->from < c->nrows);
}

void sr_chart_layout_free(sr_chart_layout *l)
{
    free(l->marks);
    free(l->labels);
    for (size_t i = 0; i < l->nlabels; i++)
        free(l->label_text[i]);
    free(l->label_text);
    free(l->label_size);
    for (size_t i = 0; i < l->nruns; i++)
        free(l->runs[i].text);
    free(l->runs);
    free(l->family);
    free(l->breaks);
    memset(l, 0, sizeof *l);
}

static void note_mark(ctx *c, double x, double y, double w, double h)
{
    if (!c->out)
        return;
    sr_chart_layout *l = c->out;
    l->marks = sr_xrealloc(l->marks, (l->nmarks + 1) * sizeof *l->marks);
    l->marks[l->nmarks++] = (sr_rect){x, y, w, h};
}

/* ---- text ------------------------------------------------------------------ */

typedef enum { LEFT, CENTRE, RIGHT } align;

static PangoLayout *text_layout(ctx *c, const char *s, double size, int weight, double wrap)
{
    PangoLayout *l = sr_fonts_layout(c->fonts, c->cr, size, weight);
    /* Glyphs at their true advances, not rounded to whole points: the
     * widths measured here are the ones a browser gives the SVG's <text>,
     * and letters are evenly spaced in the PDF. */
    pango_context_set_round_glyph_positions(pango_layout_get_context(l), FALSE);
    pango_layout_context_changed(l);
    pango_layout_set_text(l, s, -1);
    if (wrap > 0) {
        pango_layout_set_width(l, (int)(wrap * PANGO_SCALE));
        pango_layout_set_wrap(l, c->words ? PANGO_WRAP_WORD : PANGO_WRAP_WORD_CHAR);
    }
    return l;
}

/* s's logical width and height as text_layout sets it: laid out once for
 * each text, size, weight, wrap and drawing (the matrix and the kind of
 * surface, which set the fonts' metrics), and kept with the fonts. */
static void text_extent(ctx *c, const char *s, double size, int weight, double wrap, double *w,
                        double *h)
{
    cairo_matrix_t m;
    cairo_get_matrix(c->cr, &m);
    char *key =
        g_strdup_printf("%a %d %a %d %a %a %a %a %d|%s", size, weight, wrap, (int)c->words, m.xx,
                        m.yx, m.xy, m.yy, (int)cairo_surface_get_type(cairo_get_target(c->cr)), s);
    double v[2];
    if (!sr_fonts_memo_get(c->fonts, key, v)) {
        PangoLayout *l = text_layout(c, s, size, weight, wrap);
        PangoRectangle ink, logical;
        pango_layout_get_extents(l, &ink, &logical);
        v[0] = logical.width / (double)PANGO_SCALE;
        v[1] = logical.height / (double)PANGO_SCALE;
        g_object_unref(l);
        sr_fonts_memo_put(c->fonts, key, v);
    }
    g_free(key);
    *w = v[0];
    *h = v[1];
}

/* The width of a column of the categories' names: the longest name's, at
 * most most points. */
static double label_column(ctx *c, const sr_chart *ch, double most)
{
    double labw = 0;
    for (size_t i = 0; i < ch->ncat; i++) {
        double tw, th;
        text_extent(c, ch->categories[i], FONT, 400, 0, &tw, &th);
        if (tw > labw)
            labw = tw;
    }
    return labw > most ? most : labw;
}

/* Reports each line of l, drawn with its top left at (left, top) in the
 * current frame, as a run: its words, its anchor on the baseline by the
 * alignment, in the chart's frame. */
static void note_runs(ctx *c, PangoLayout *l, double left, double top, align a, double size,
                      int weight, sr_rgb colour)
{
    sr_chart_layout *o = c->out;
    if (!o->family) {
        const PangoFontDescription *d = pango_layout_get_font_description(l);
        const char *f = d ? pango_font_description_get_family(d) : NULL;
        o->family = sr_xstrdup(f ? f : SR_FONT_FAMILY);
    }
    const char *all = pango_layout_get_text(l);
    PangoLayoutIter *it = pango_layout_get_iter(l);
    do {
        PangoLayoutLine *line = pango_layout_iter_get_line_readonly(it);
        PangoRectangle lr;
        pango_layout_iter_get_line_extents(it, NULL, &lr);
        double base = pango_layout_iter_get_baseline(it) / (double)PANGO_SCALE;
        size_t start = (size_t)line->start_index, len = (size_t)line->length;
        while (len && (all[start + len - 1] == ' ' || all[start + len - 1] == '\n'))
            len--;
        if (len == 0)
            continue;
        double lx = left + lr.x / (double)PANGO_SCALE, lw = lr.width / (double)PANGO_SCALE;
        double ax = a == CENTRE ? lx + lw / 2 : a == RIGHT ? lx + lw : lx, ay = top + base;
        sr_chart_run r = {0};
        r.text = sr_xmalloc(len + 1);
        memcpy(r.text, all + start, len);
        r.text[len] = '\0';
        r.anchor = a == CENTRE ? SR_ANCHOR_MIDDLE : a == RIGHT ? SR_ANCHOR_END : SR_ANCHOR_START;
        r.size = size;
        r.weight = weight;
        r.r = colour.r;
        r.g = colour.g;
        r.b = colour.b;
        r.box =
            (sr_rect){lx, top + lr.y / (double)PANGO_SCALE, lw, lr.height / (double)PANGO_SCALE};
        if (c->rotated) {
            /* From the rotated frame to the chart's: the anchor moves, the
             * text turns about it. */
            double cs = cos(c->angle), sn = sin(c->angle);
            r.x = c->ox + ax * cs - ay * sn;
            r.y = c->oy + ax * sn + ay * cs;
            r.rotate = c->angle * 180 / PI;
            r.box.x += r.x - ax;
            r.box.y += r.y - ay;
        } else {
            r.x = ax;
            r.y = ay;
        }
        o->runs = sr_xrealloc(o->runs, (o->nruns + 1) * sizeof *o->runs);
        o->runs[o->nruns++] = r;
    } while (pango_layout_iter_next_line(it));
    pango_layout_iter_free(it);
}

/* Draws s with its box's top at y, aligned on x; wraps at wrap points if
 * wrap > 0. Returns the box's height. */
static double text(ctx *c, const char *s, double x, double y, double size, int weight, align a,
                   double wrap, sr_rgb colour)
{
    PangoLayout *l = text_layout(c, s, size, weight, wrap);
    if (wrap > 0)
        pango_layout_set_alignment(l, a == CENTRE  ? PANGO_ALIGN_CENTER
                                      : a == RIGHT ? PANGO_ALIGN_RIGHT
                                                   : PANGO_ALIGN_LEFT);
    PangoRectangle logical;
    pango_layout_get_extents(l, NULL, &logical);
    double w = logical.width / (double)PANGO_SCALE, h = logical.height / (double)PANGO_SCALE;
    double lx = logical.x / (double)PANGO_SCALE;
    double box = wrap > 0 ? wrap : w;
    double left = a == CENTRE ? x - box / 2 : a == RIGHT ? x - box : x;
    if (!c->no_text) {
        sr_set_rgb(c->cr, colour);
        cairo_move_to(c->cr, left, y);
        pango_cairo_show_layout(c->cr, l);
    }
    if (c->out) {
        sr_chart_layout *o = c->out;
        if (!c->rotated) { /* a rotated box is not a box in the chart's frame */
            o->labels = sr_xrealloc(o->labels, (o->nlabels + 1) * sizeof *o->labels);
            o->label_text = sr_xrealloc(o->label_text, (o->nlabels + 1) * sizeof *o->label_text);
            o->label_size = sr_xrealloc(o->label_size, (o->nlabels + 1) * sizeof *o->label_size);
            o->labels[o->nlabels] = (sr_rect){left + lx, y, w, h};
            o->label_size[o->nlabels] = size;
            /* A copy: many labels are formatted into the drawing code's own
             * buffers, gone once the chart is drawn. */
            o->label_text[o->nlabels++] = sr_xstrdup(s);
        }
        note_runs(c, l, left, y, a, size, weight, colour);
    }
    g_object_unref(l);
    return h;
}

/* ---- shared pieces ---------------------------------------------------------- */

static double title(ctx *c, const sr_chart *ch, double w)
{
    if (!ch->draw_title || !ch->title)
        return 0;
    return text(c, ch->title, 0, 0, FONT_TITLE, 600, LEFT, w, sr_text) + PAD;
}

/* The fill of the hidden part of a stacked bar: light grey, hatched dark,
 * outlined, so it reads as "something is here, not shown". */
static void fill_hidden(cairo_t *cr)
{
    sr_set_rgb(cr, sr_hidden);
    cairo_fill_preserve(cr);
    cairo_save(cr);
    cairo_clip_preserve(cr);
    double x1, y1, x2, y2;
    cairo_clip_extents(cr, &x1, &y1, &x2, &y2);
    sr_set_rgb(cr, sr_muted);
    cairo_set_line_width(cr, 0.8);
    cairo_stroke_preserve(cr);
    cairo_new_path(cr);
    double span = (x2 - x1) + (y2 - y1);
    for (double d = -span; d < span; d += 4) {
        cairo_move_to(cr, x1 + d, y1);
        cairo_line_to(cr, x1 + d + (y2 - y1), y2);
    }
    cairo_set_line_width(cr, 0.6);
    cairo_stroke(cr);
    cairo_restore(cr);
    cairo_new_path(cr);
}

/* A label on a mark's fill, centred on x with its top at y: the fill's
 * pattern is cleared from under it (a patch of the fill's own colour, bg),
 * and it is set in the colour with most contrast against bg, so it reads
 * at 4.5:1 or more on every pixel it sits on. */
static void label_on(ctx *c, const char *s, double x, double y, double size, int weight, sr_rgb bg)
{
    double lw, lh;
    text_extent(c, s, size, weight, 0, &lw, &lh);
    cairo_new_path(c->cr);
    cairo_rectangle(c->cr, x - lw / 2 - 1, y - 1, lw + 2, lh + 2);
    sr_set_rgb(c->cr, bg);
    cairo_fill(c->cr);
    text(c, s, x, y, size, weight, CENTRE, 0, sr_text_on(bg));
}

/* A stacked bar's parts that are not shown, in category i. */
static size_t hidden_parts(const sr_chart *ch, size_t i)
{
    size_t n = 0;
    for (size_t s = 0; s < ch->nseries; s++)
        n += ch->series[s].values[i].missing;
    return n;
}

/* A legend of series names with their fill, in one row; with hidden, an
 * entry for the hidden block of stacked bars. Returns its height. */
static double legend(ctx *c, const sr_chart *ch, double x, double y, double w, bool markers,
                     const char *hidden)
{
    if (ch->nseries < 2 && !hidden)
        return 0;
    double cx = x, h = 0;
    for (size_t s = 0; s < ch->nseries + (hidden != NULL); s++) {
        const char *name = s < ch->nseries ? ch->series[s].name : hidden;
        double tw, th;
        text_extent(c, name, FONT, 400, 0, &tw, &th);
        if (cx + 14 + tw > x + w && cx > x) {
            cx = x;
            y += th + 2;
        }
        cairo_new_path(c->cr);
        if (markers) {
            sr_set_rgb(c->cr, sr_palette[s % SR_PALETTE_N]);
            cairo_set_line_width(c->cr, 2);
            cairo_move_to(c->cr, cx, y + th / 2);
            cairo_line_to(c->cr, cx + 10, y + th / 2);
            cairo_stroke(c->cr);
        } else {
            cairo_rectangle(c->cr, cx, y + th / 2 - 5, 10, 10);
            if (s < ch->nseries)
                sr_fill_series(c->cr, s);
            else
                fill_hidden(c->cr);
        }
        text(c, name, cx + 14, y, FONT, 400, LEFT, 0, sr_text);
        cx += 14 + tw + 14;
        h = y + th;
    }
    return h - (y - 0) > 0 ? h : 0;
}

static double max_value(const sr_chart *ch, bool stacked)
{
    double m = 0;
    for (size_t i = 0; i < ch->ncat; i++) {
        double sum = 0;
        for (size_t s = 0; s < ch->nseries; s++) {
            const sr_chart_value *v = &ch->series[s].values[i];
            if (v->missing)
                continue;
            if (stacked)
                sum += v->v;
            else if (v->v > m)
                m = v->v;
        }
        if (stacked && ch->totals && !ch->totals[i].missing && ch->totals[i].v > sum)
            sum = ch->totals[i].v;
        if (stacked && sum > m)
            m = sum;
    }
    return m;
}

static double min_value(const sr_chart *ch)
{
    double m = 0;
    for (size_t s = 0; s < ch->nseries; s++)
        for (size_t i = 0; i < ch->ncat; i++)
            if (!ch->series[s].values[i].missing && ch->series[s].values[i].v < m)
                m = ch->series[s].values[i].v;
    return m;
}

/* A tick's label: thousands separators, no more decimals than the step has. */
static void tick_label(double v, double step, char *buf, size_t n)
{
    if (step >= 1 || fabs(v - round(v)) < 1e-9) {
        sr_fmt_count((int64_t)llround(v), buf, n);
        return;
    }
    int places = step >= 0.1 ? 1 : 2;
    snprintf(buf, n, "%.*f", places, v);
}

/* The value axis's ticks up to max, and in *lw the widest tick label's
 * width and in *th a label's height. */
static sr_ticks axis_ticks(ctx *c, const sr_chart *ch, double max, double *lw, double *th)
{
    sr_ticks t = sr_ticks_make(min_value(ch), max, 5, ch->whole);
    *lw = 0, *th = 0;
    for (size_t i = 0; i < t.n; i++) {
        char b[32];
        tick_label(t.v[i], t.step, b, sizeof b);
        double w, h;
        text_extent(c, b, FONT, 400, 0, &w, &h);
        if (w > *lw)
            *lw = w;
        *th = h;
    }
    return t;
}

/* How far from the chart's left edge the value axis puts the plot: the
 * axis title, the widest tick label and their margins. */
static double axis_width(ctx *c, const sr_chart *ch, double max)
{
    double lw, th;
    axis_ticks(c, ch, max, &lw, &th);
    return (ch->y_title ? th + PAD : 0) + lw + PAD;
}

/* The value axis on the left for vertical charts: ticks, gridlines and the
 * axis title. Sets *plot_left to where the marks begin. */
static sr_ticks value_axis(ctx *c, const sr_chart *ch, double top, double bottom, double left,
                           double right, double max, double *plot_left)
{
    double lw, th;
    sr_ticks t = axis_ticks(c, ch, max, &lw, &th);
    double x0 = left + (ch->y_title ? th + PAD : 0) + lw + PAD;
    *plot_left = x0;
    if (ch->y_title) {
        cairo_save(c->cr);
        cairo_translate(c->cr, left, (top + bottom) / 2);
        cairo_rotate(c->cr, -PI / 2);
        ctx turned = *c; /* reported as a run about its anchor, not as a box */
        turned.rotated = true;
        turned.ox = left;
        turned.oy = (top + bottom) / 2;
        turned.angle = -PI / 2;
        text(&turned, ch->y_title, 0, 0, FONT, 400, CENTRE, bottom - top, sr_muted);
        cairo_restore(c->cr);
    }
    for (size_t i = 0; i < t.n; i++) {
        double y = bottom - (t.v[i] - t.lo) / (t.hi - t.lo) * (bottom - top);
        sr_set_rgb(c->cr, t.v[i] == 0 ? sr_muted : sr_grid);
        cairo_set_line_width(c->cr, t.v[i] == 0 ? 1 : 0.6);
        cairo_move_to(c->cr, x0, y);
        cairo_line_to(c->cr, right, y);
        cairo_stroke(c->cr);
        char b[32];
        tick_label(t.v[i], t.step, b, sizeof b);
        text(c, b, x0 - PAD / 2, y - th / 2, FONT, 400, RIGHT, 0, sr_muted);
        if (c->out && c->out->nticks < 16)
            c->out->ticks[c->out->nticks++] = t.v[i];
    }
    return t;
}

static double y_of(const sr_ticks *t, double v, double top, double bottom)
{
    return bottom - (v - t->lo) / (t->hi - t->lo) * (bottom - top);
}

/* Where v goes on a value axis across from left to right. */
static double x_of(const sr_ticks *t, double v, double left, double right)
{
    return left + (v - t->lo) / (t->hi - t->lo) * (right - left);
}

/* s broken into lines at spaces only, never inside a word, each line as
 * long as fits in width (a word wider than width is a line of its own).
 * malloc'd. */
static char *wrap_at_spaces(ctx *c, const char *s, double size, int weight, double width)
{
    size_t n = strlen(s);
    char *out = sr_xmalloc(n + 1), *line = sr_xmalloc(n + 1);
    size_t o = 0, ll = 0;
    while (*s) {
        while (*s == ' ')
            s++;
        size_t wl = strcspn(s, " ");
        if (wl == 0)
            break;
        if (ll) {
            /* Try the word on this line. */
            line[ll] = ' ';
            memcpy(line + ll + 1, s, wl);
            line[ll + 1 + wl] = '\0';
            double tw, th;
            text_extent(c, line, size, weight, 0, &tw, &th);
            if (tw <= width) {
                out[o++] = ' ';
                ll += 1 + wl;
            } else {
                out[o++] = '\n';
                memcpy(line, s, wl);
                ll = wl;
            }
        } else {
            memcpy(line, s, wl);
            ll = wl;
        }
        memcpy(out + o, s, wl);
        o += wl;
        s += wl;
    }
    out[o] = '\0';
    free(line);
    return out;
}

/* The width of the longest word of s, drawn at size and weight. */
static double widest_word(ctx *c, const char *s, double size, int weight);

/* A category label under a vertical chart, centred on x, in lines of at
 * most width broken at spaces. Returns its height. */
static double category_label(ctx *c, const char *s, double x, double y, double width, bool draw)
{
    /* Broken at spaces here; each line fits, so Pango breaks no further. */
    char *t = wrap_at_spaces(c, s, FONT, 400, width);
    bool words = c->words;
    c->words = true;
    double h;
    if (draw) {
        h = text(c, t, x, y, FONT, 400, CENTRE, width, sr_text);
    } else {
        double tw;
        text_extent(c, t, FONT, 400, width, &tw, &h);
    }
    c->words = words;
    free(t);
    return h;
}

/* In how many staggered rows the category names under a vertical chart
 * go: one, unless a word of a name is wider than its slot (twelve months
 * across 480 points: "September"); then names take turns in two rows or
 * more, each as wide as that many slots, so none prints over another. */
static size_t label_tiers(ctx *c, const sr_chart *ch, double slot)
{
    size_t r = 1;
    for (size_t i = 0; i < ch->ncat; i++)
        while (r < 4 && widest_word(c, ch->categories[i], FONT, 400) > slot * (double)r - 2)
            r++;
    return r;
}

/* Category labels under vertical charts, wrapped to their slot. Returns the
 * height they need. */
static double category_labels_height(ctx *c, const sr_chart *ch, double slot)
{
    double h = 0;
    for (size_t i = 0; i < ch->ncat; i++) {
        double th = category_label(c, ch->categories[i], 0, 0, slot - 2, false);
        if (th > h)
            h = th;
    }
    return h;
}

/* The least height of a vertical chart's plot: below it, the value axis'
 * labels print over each other; the chart grows instead
 * (sr_chart_height). */
#define MIN_PLOT 100.0

/* Whether vertical bars fit across w: every category's longest word within
 * its slot, and a bar of each series at least 4 points wide. Those that do
 * not are drawn as horizontal bars, a row for each category. */
static bool columns_fit(ctx *c, const sr_chart *ch, double w)
{
    if (ch->kind == SR_CHART_STACKED_BAR || ch->ncat == 0)
        return true;
    double slot = (w - 60) / (double)ch->ncat;
    double bars = ch->kind == SR_CHART_GROUPED_BAR ? (double)ch->nseries : 1;
    if (slot * 0.72 < 4 * bars)
        return false;
    for (size_t i = 0; i < ch->ncat; i++)
        if (widest_word(c, ch->categories[i], FONT, 400) > slot - 2)
            return false;
    return true;
}

/* A break in the series between two categories: a dashed line from the
 * top of the plot to its foot. */
static void break_line(ctx *c, double x, double top, double bottom)
{
    cairo_new_path(c->cr);
    sr_set_rgb(c->cr, sr_text);
    cairo_set_line_width(c->cr, 1.2);
    cairo_set_dash(c->cr, (double[]){4, 3}, 2, 0);
    cairo_move_to(c->cr, x, top);
    cairo_line_to(c->cr, x, bottom);
    cairo_stroke(c->cr);
    cairo_set_dash(c->cr, NULL, 0, 0);
    if (c->out) {
        sr_chart_layout *l = c->out;
        l->breaks = sr_xrealloc(l->breaks, (l->nbreaks + 1) * sizeof *l->breaks);
        l->breaks[l->nbreaks++] = (sr_rect){x, top, 0, bottom - top};
    }
}

/* ---- the order of categories ------------------------------------------------ */

static int cmp_desc(size_t a, size_t b, const sr_chart *ch)
{
    /* By the newest series (series run oldest first); hidden values last. */
    const sr_chart_series *s = &ch->series[ch->nseries - 1];
    const sr_chart_value *x = &s->values[a], *y = &s->values[b];
    double vx = x->missing ? -1 : x->v, vy = y->missing ? -1 : y->v;
    if (vx != vy)
        return vx > vy ? -1 : 1;
    return a < b ? -1 : 1;
}

/* The categories in the order drawn: as given, or with `sort`, largest
 * first. malloc'd. */
static size_t *category_order(const sr_chart *ch)
{
    size_t *order = sr_xmalloc((ch->ncat ? ch->ncat : 1) * sizeof *order);
    for (size_t i = 0; i < ch->ncat; i++)
        order[i] = i;
    if (ch->sort && ch->kind != SR_CHART_STACKED_BAR) /* insertion sort: stable */
        for (size_t i = 1; i < ch->ncat; i++)
            for (size_t j = i; j > 0 && cmp_desc(order[j - 1], order[j], ch) > 0; j--) {
                size_t t = order[j];
                order[j] = order[j - 1];
                order[j - 1] = t;
            }
    return order;
}

/* ---- vertical bars: single, grouped and stacked ---------------------------- */

/* Whether stacked bar i's stated total is more than its parts shown: the
 * rest (hidden parts, or a part the data does not break down) is drawn as
 * one grey block. */
static bool has_rest(const sr_chart *ch, size_t i)
{
    if (!ch->totals || ch->totals[i].missing)
        return false;
    double sum = 0;
    for (size_t s = 0; s < ch->nseries; s++)
        if (!ch->series[s].values[i].missing)
            sum += ch->series[s].values[i].v;
    return ch->totals[i].v > sum + 1e-6 * fmax(1, ch->totals[i].v);
}

/* The key's entry for the grey block, when some stacked bar has one. */
static const char *hidden_key(const sr_chart *ch)
{
    for (size_t i = 0; i < ch->ncat; i++)
        if (has_rest(ch, i))
            return "not shown";
    return NULL;
}

/* A stacked bar's hidden parts' shorthand: [c] if any is hidden by
 * disclosure control, else the first one's ([x]). */
static const char *hidden_label(const sr_chart *ch, size_t i)
{
    const char *l = NULL;
    for (size_t s = 0; s < ch->nseries; s++) {
        const sr_chart_value *v = &ch->series[s].values[i];
        if (v->missing && (!l || strcmp(v->label, "[c]") == 0))
            l = v->label;
    }
    return l ? l : "[x]";
}

static int draw_columns(ctx *c, const sr_chart *ch, double w, double h)
{
    bool stacked = ch->kind == SR_CHART_STACKED_BAR;
    double top = title(c, ch, w);
    double lg = legend(c, ch, 0, top, w, false, stacked ? hidden_key(ch) : NULL);
    if (lg > 0)
        top = lg + PAD;
    double vh, vw;
    text_extent(c, "0", FONT_SMALL, 400, 0, &vw, &vh);
    top += vh + 2; /* room for value labels above the tallest bar */
    double slot = (w - axis_width(c, ch, max_value(ch, stacked))) / (double)ch->ncat;
    size_t tiers = label_tiers(c, ch, slot);
    double lab = category_labels_height(c, ch, slot * (double)tiers);
    double xlab = lab * (double)tiers;
    double xt = 0;
    if (ch->x_title)
        text_extent(c, ch->x_title, FONT, 400, w, &vw, &xt);
    double bottom = h - xlab - PAD - (ch->x_title ? xt + PAD / 2 : 0);
    if (bottom - top < MIN_PLOT)
        c->need = h + MIN_PLOT - (bottom - top);
    double left;
    sr_ticks t = value_axis(c, ch, top, bottom, 0, w, max_value(ch, stacked), &left);
    if (c->out)
        c->out->plot = (sr_rect){left, top, w - left, bottom - top};
    size_t per = stacked ? 1 : ch->nseries;
    double group = slot * 0.72, bw = group / (double)per;
    size_t *order = category_order(ch);
    for (size_t k = 0; k < ch->ncat; k++) {
        size_t i = order[k];
        double gx = left + slot * (double)k + (slot - group) / 2;
        double base = 0;
        for (size_t s = 0; s < ch->nseries; s++) {
            const sr_chart_value *v = &ch->series[s].values[i];
            double x = stacked ? gx : gx + bw * (double)s;
            double bwid = stacked ? group : bw - (per > 1 ? 1.5 : 0);
            if (v->missing) {
                /* A gap labelled with the shorthand, never a bar of 0. */
                note_mark(c, x, y_of(&t, 0, top, bottom), bwid, 0);
                if (!stacked)
                    text(c, v->label, x + bwid / 2, y_of(&t, 0, top, bottom) - vh - 2, FONT_SMALL,
                         400, CENTRE, 0, sr_text);
                continue;
            }
            double y0 = y_of(&t, base, top, bottom), y1 = y_of(&t, base + v->v, top, bottom);
            cairo_new_path(c->cr);
            cairo_rectangle(c->cr, x, y1, bwid, y0 - y1);
            sr_fill_series(c->cr, s);
            note_mark(c, x, y1, bwid, y0 - y1);
            double lw, lh;
            text_extent(c, v->label, FONT_SMALL, 400, 0, &lw, &lh);
            if (stacked) {
                if (lh + 2 <= y0 - y1 && lw + 2 <= bwid)
                    label_on(c, v->label, x + bwid / 2, (y0 + y1) / 2 - lh / 2, FONT_SMALL, 600,
                             sr_palette[s % SR_PALETTE_N]);
                base += v->v;
            } else if (lw <= slot / (double)per + 4) {
                text(c, v->label, x + bwid / 2, y1 - lh - 1, FONT_SMALL, 400, CENTRE, 0, sr_text);
            }
        }
        if (stacked) {
            /* The bar's total: the stated one, hidden parts included, drawn
             * as one grey block on top; without a stated total, the sum of
             * the parts, unknown if a part is hidden. */
            char tot[48];
            size_t nh = hidden_parts(ch, i);
            const sr_chart_value *tv = ch->totals ? &ch->totals[i] : NULL;
            double top_v = base;
            if (tv && !tv->missing) {
                snprintf(tot, sizeof tot, "%s", tv->label);
                if (has_rest(ch, i)) {
                    double y0 = y_of(&t, base, top, bottom), y1 = y_of(&t, tv->v, top, bottom);
                    cairo_new_path(c->cr);
                    cairo_rectangle(c->cr, gx, y1, group, y0 - y1);
                    fill_hidden(c->cr);
                    note_mark(c, gx, y1, group, y0 - y1);
                    const char *hl = nh ? hidden_label(ch, i) : "";
                    double lw, lh;
                    text_extent(c, hl, FONT_SMALL, 600, 0, &lw, &lh);
                    if (nh && lh + 2 <= y0 - y1 && lw + 2 <= group)
                        label_on(c, hl, gx + group / 2, (y0 + y1) / 2 - lh / 2, FONT_SMALL, 600,
                                 sr_hidden);
                    top_v = tv->v;
                }
            } else if (tv) {
                snprintf(tot, sizeof tot, "%s", tv->label);
            } else if (nh) {
                snprintf(tot, sizeof tot, "%s", hidden_label(ch, i));
            } else {
                sr_fmt_count((int64_t)llround(base), tot, sizeof tot);
            }
            double y1 = y_of(&t, top_v, top, bottom);
            text(c, tot, gx + group / 2, y1 - vh - 1, FONT_SMALL, 600, CENTRE, 0, sr_text);
        }
        category_label(c, ch->categories[i], left + slot * (double)k + slot / 2,
                       bottom + PAD / 2 + lab * (double)(k % tiers), slot * (double)tiers - 2,
                       true);
        if (ch->break_before && ch->break_before[i] && k > 0)
            break_line(c, left + slot * (double)k, top, bottom);
    }
    free(order);
    if (ch->x_title)
        text(c, ch->x_title, left + (w - left) / 2, h - xt, FONT, 400, CENTRE, 0, sr_muted);
    return 0;
}

/* ---- horizontal bars ------------------------------------------------------------ */

static int draw_hbars(ctx *c, const sr_chart *ch, double w, double h)
{
    double top = title(c, ch, w);
    double lg = legend(c, ch, 0, top, w, false, NULL);
    if (lg > 0)
        top = lg + PAD;
    size_t *order = category_order(ch);
    /* The label column: as wide as the longest name needs, at most 40%. */
    double labw = label_column(c, ch, w * 0.4);
    double maxlab = 0, vh = 0;
    for (size_t s = 0; s < ch->nseries; s++)
        for (size_t i = 0; i < ch->ncat; i++) {
            double tw;
            text_extent(c, ch->series[s].values[i].label, FONT_SMALL, 400, 0, &tw, &vh);
            if (tw > maxlab)
                maxlab = tw;
        }
    double left = labw + PAD, right = w - maxlab - PAD;
    double xt = 0, tw;
    if (ch->x_title)
        text_extent(c, ch->x_title, FONT, 400, w, &tw, &xt);
    double foot = ch->x_title ? xt + PAD : 0, bottom = h - foot;
    /* Row heights follow the wrapped labels, so no name is ever clipped;
     * rows closer together when they do not fit, and the chart as tall as
     * they need (sr_chart_height). */
    double *rowh = sr_xmalloc((ch->ncat ? ch->ncat : 1) * sizeof *rowh), need = 0;
    double gap = PAD;
    for (;;) {
        need = 0;
        for (size_t k = 0; k < ch->ncat; k++) {
            double lw2, lh;
            text_extent(c, ch->categories[order[k]], FONT, 400, labw, &lw2, &lh);
            double barh = (vh + 2) * (double)ch->nseries;
            rowh[k] = (lh > barh ? lh : barh) + gap;
            need += rowh[k];
        }
        if (need <= bottom - top || gap < PAD)
            break;
        gap = 2;
    }
    /* Rows spread out to fill the height given, up to 1.6 times their
     * spacing; the chart is as tall as they are then, so no empty band
     * stands between the last bar and the axis title. */
    double scale = need > bottom - top ? 1 : (bottom - top) / need;
    if (scale > 1.6)
        scale = 1.6;
    /* A part is as tall as its own rows, spaced as in the whole chart. */
    double shown = 0;
    for (size_t k = 0; k < ch->ncat; k++)
        if (in_part(c, k))
            shown += rowh[k];
    c->need = top + shown * scale + foot;
    c->fit = true;
    /* The whole chart's scale, in a part too: bars in different parts
     * are to one scale. */
    sr_ticks t = sr_ticks_make(0, max_value(ch, false), 4, ch->whole);
    if (c->out)
        c->out->plot = (sr_rect){left, top, right - left, shown * scale};
    double y = top;
    for (size_t k = 0; k < ch->ncat; k++) {
        if (!in_part(c, k))
            continue;
        size_t i = order[k];
        double rh = rowh[k] * scale;
        text(c, ch->categories[i], labw, y + gap / 2, FONT, 400, RIGHT, labw, sr_text);
        double bh = (rh - gap) / (double)ch->nseries;
        for (size_t s = 0; s < ch->nseries; s++) {
            const sr_chart_value *v = &ch->series[s].values[i];
            double by = y + gap / 2 + bh * (double)s;
            double bw = v->missing ? 0 : (v->v - t.lo) / (t.hi - t.lo) * (right - left);
            if (!v->missing) {
                cairo_new_path(c->cr);
                cairo_rectangle(c->cr, left, by, bw, bh - 1);
                sr_fill_series(c->cr, s);
            }
            note_mark(c, left, by, bw, bh - 1);
            text(c, v->label, left + bw + 3, by + (bh - 1 - vh) / 2, FONT_SMALL, 400, LEFT, 0,
                 sr_text);
        }
        y += rh;
    }
    sr_set_rgb(c->cr, sr_muted);
    cairo_set_line_width(c->cr, 1);
    cairo_move_to(c->cr, left, top);
    cairo_line_to(c->cr, left, y);
    cairo_stroke(c->cr);
    if (ch->x_title) /* under the rows, however tall the chart is drawn */
        text(c, ch->x_title, left + (right - left) / 2, y + PAD / 2, FONT, 400, CENTRE, 0,
             sr_muted);
    free(rowh);
    free(order);
    return 0;
}

/* ---- lines ----------------------------------------------------------------------- */

/* An upward triangle about (x, y): apex r * 1.2 above, base r below;
 * the path is closed but neither filled nor stroked. */
static void triangle_path(cairo_t *cr, double x, double y, double r)
{
    cairo_move_to(cr, x, y - r * 1.2);
    cairo_line_to(cr, x + r * 1.2, y + r);
    cairo_line_to(cr, x - r * 1.2, y + r);
    cairo_close_path(cr);
}

static void marker(cairo_t *cr, size_t s, double x, double y)
{
    double r = 3.2;
    cairo_new_path(cr);
    switch (s % 3) {
    case 0:
        cairo_arc(cr, x, y, r, 0, 2 * PI);
        break;
    case 1:
        cairo_rectangle(cr, x - r, y - r, 2 * r, 2 * r);
        break;
    default:
        triangle_path(cr, x, y, r);
    }
    sr_set_rgb(cr, sr_palette[s % SR_PALETTE_N]);
    cairo_fill(cr);
}

static int draw_lines(ctx *c, const sr_chart *ch, double w, double h)
{
    double top = title(c, ch, w);
    double lg = legend(c, ch, 0, top, w, true, NULL);
    if (lg > 0)
        top = lg + PAD;
    double vw, vh;
    text_extent(c, "0", FONT_SMALL, 400, 0, &vw, &vh);
    top += vh + 4;
    double slot = (w - axis_width(c, ch, max_value(ch, false))) / (double)ch->ncat;
    size_t tiers = label_tiers(c, ch, slot);
    double lab = category_labels_height(c, ch, slot * (double)tiers);
    double xlab = lab * (double)tiers, xt = 0;
    if (ch->x_title)
        text_extent(c, ch->x_title, FONT, 400, w, &vw, &xt);
    double bottom = h - xlab - PAD - (ch->x_title ? xt + PAD / 2 : 0);
    if (bottom - top < MIN_PLOT)
        c->need = h + MIN_PLOT - (bottom - top);
    double left;
    sr_ticks t = value_axis(c, ch, top, bottom, 0, w, max_value(ch, false), &left);
    if (c->out)
        c->out->plot = (sr_rect){left, top, w - left, bottom - top};
    for (size_t s = 0; s < ch->nseries; s++) {
        /* The line breaks at a missing value rather than bridging it. */
        sr_set_rgb(c->cr, sr_palette[s % SR_PALETTE_N]);
        cairo_set_line_width(c->cr, 2);
        if (s % 2)
            cairo_set_dash(c->cr, (double[]){5, 3}, 2, 0);
        bool pen = false;
        for (size_t i = 0; i < ch->ncat; i++) {
            const sr_chart_value *v = &ch->series[s].values[i];
            double x = left + slot * ((double)i + 0.5), y = y_of(&t, v->v, top, bottom);
            if (v->missing) {
                pen = false;
                continue;
            }
            if (pen)
                cairo_line_to(c->cr, x, y);
            else
                cairo_move_to(c->cr, x, y);
            pen = true;
        }
        cairo_stroke(c->cr);
        cairo_set_dash(c->cr, NULL, 0, 0);
        for (size_t i = 0; i < ch->ncat; i++) {
            const sr_chart_value *v = &ch->series[s].values[i];
            double x = left + slot * ((double)i + 0.5),
                   y = y_of(&t, v->missing ? 0 : v->v, top, bottom);
            if (!v->missing)
                marker(c->cr, s, x, y);
            note_mark(c, x - 3, y - 3, 6, 6);
            /* The highest point of a category is labelled above, the others
             * below, so two close lines never print over each other; a
             * missing value is labelled just above the baseline. */
            bool above = true;
            for (size_t o = 0; o < ch->nseries && !v->missing; o++) {
                const sr_chart_value *ov = &ch->series[o].values[i];
                if (o != s && !ov->missing && (ov->v > v->v || (ov->v == v->v && o < s)))
                    above = false;
            }
            text(c, v->label, x, above ? y - vh - 4 : y + 4, FONT_SMALL, 400, CENTRE, 0, sr_text);
        }
    }
    for (size_t i = 0; i < ch->ncat; i++) {
        category_label(c, ch->categories[i], left + slot * ((double)i + 0.5),
                       bottom + PAD / 2 + lab * (double)(i % tiers), slot * (double)tiers - 2,
                       true);
        if (ch->break_before && ch->break_before[i] && i > 0)
            break_line(c, left + slot * (double)i, top, bottom);
    }
    if (ch->x_title)
        text(c, ch->x_title, left + (w - left) / 2, h - xt, FONT, 400, CENTRE, 0, sr_muted);
    return 0;
}

/* ---- donut ----------------------------------------------------------------------- */

size_t sr_chart_donut_grouped(const sr_chart *ch, bool *grouped)
{
    size_t n = ch->ncat > SR_DONUT_KEY_MAX ? ch->ncat - (SR_DONUT_KEY_MAX - 1) : 0;
    for (size_t i = 0; grouped && i < ch->ncat; i++)
        grouped[i] = false;
    if (!grouped)
        return n;
    /* The n smallest, a hidden value counting as smaller than any; of two
     * the same, the later. */
    for (size_t k = 0; k < n; k++) {
        size_t pick = (size_t)-1;
        for (size_t i = 0; i < ch->ncat; i++) {
            if (grouped[i])
                continue;
            const sr_chart_value *v = &ch->series[0].values[i];
            double x = v->missing ? -1 : v->v;
            if (pick == (size_t)-1) {
                pick = i;
                continue;
            }
            const sr_chart_value *p = &ch->series[0].values[pick];
            double y = p->missing ? -1 : p->v;
            if (x <= y)
                pick = i;
        }
        grouped[pick] = true;
    }
    return n;
}

/* A value as the chart's labels show it: pounds when they are money. */
static void same_unit(const sr_chart *ch, double v, char *buf, size_t n)
{
    bool money = false;
    for (size_t i = 0; i < ch->ncat && !money; i++)
        money = strncmp(ch->series[0].values[i].label, "\xC2\xA3", 2) == 0;
    if (money)
        sr_fmt_money((int64_t)llround(v * 100), buf, n);
    else
        sr_fmt_count((int64_t)llround(v), buf, n);
}

static void slice(ctx *c, double cx, double cy, double r, double ri, double a, double sweep,
                  size_t fill)
{
    cairo_new_path(c->cr);
    cairo_arc(c->cr, cx, cy, r, a, a + sweep);
    cairo_arc_negative(c->cr, cx, cy, ri, a + sweep, a);
    cairo_close_path(c->cr);
    sr_fill_series(c->cr, fill);
    /* A white edge between slices. */
    cairo_new_path(c->cr);
    cairo_arc(c->cr, cx, cy, r, a, a + sweep);
    cairo_arc_negative(c->cr, cx, cy, ri, a + sweep, a);
    cairo_close_path(c->cr);
    cairo_set_source_rgb(c->cr, 1, 1, 1);
    cairo_set_line_width(c->cr, 1.5);
    cairo_stroke(c->cr);
}

static int draw_donut(ctx *c, const sr_chart *ch, double w, double h)
{
    double top = title(c, ch, w);
    double total = 0;
    for (size_t i = 0; i < ch->ncat; i++)
        if (!ch->series[0].values[i].missing)
            total += ch->series[0].values[i].v;
    /* More parts than a key can show told apart: the smallest are one
     * slice, "Other", with a note; the text alternative and the table give
     * each of them. */
    /* Hidden parts still count in the whole the data states: shares are of
     * it, and what is not shown is one grey slice. */
    double shown = total, hidden = 0;
    size_t nmissing = 0;
    for (size_t i = 0; i < ch->ncat; i++)
        nmissing += ch->series[0].values[i].missing;
    if (nmissing && ch->totals && !ch->totals[0].missing && ch->totals[0].v > shown) {
        hidden = ch->totals[0].v - shown;
        total = ch->totals[0].v;
    }
    bool *grouped = sr_xmalloc((ch->ncat ? ch->ncat : 1) * sizeof *grouped);
    size_t ngrouped = sr_chart_donut_grouped(ch, grouped);
    double other = 0;
    for (size_t i = 0; i < ch->ncat; i++)
        if (grouped[i] && !ch->series[0].values[i].missing)
            other += ch->series[0].values[i].v;
    size_t nshown = ch->ncat - ngrouped;
    double size = fmin(h - top, w * 0.45);
    double cx = size / 2, cy = top + size / 2, r = size / 2 - 2, ri = r * 0.58;
    if (c->out)
        c->out->plot = (sr_rect){0, top, size, size};
    double a = -PI / 2;
    for (size_t i = 0; i < ch->ncat; i++) {
        const sr_chart_value *v = &ch->series[0].values[i];
        if (grouped[i] || v->missing || v->v <= 0 || total <= 0) {
            note_mark(c, cx, cy, 0, 0);
            continue;
        }
        double sweep = v->v / total * 2 * PI;
        slice(c, cx, cy, r, ri, a, sweep, i);
        note_mark(c, cx + cos(a + sweep / 2) * (r + ri) / 2, cy + sin(a + sweep / 2) * (r + ri) / 2,
                  sweep, v->v);
        a += sweep;
    }
    if (ngrouped && other > 0 && total > 0) {
        double sweep = other / total * 2 * PI;
        slice(c, cx, cy, r, ri, a, sweep, nshown);
        note_mark(c, cx + cos(a + sweep / 2) * (r + ri) / 2, cy + sin(a + sweep / 2) * (r + ri) / 2,
                  sweep, other);
        a += sweep;
    }
    if (hidden > 0) {
        double sweep = hidden / total * 2 * PI;
        cairo_new_path(c->cr);
        cairo_arc(c->cr, cx, cy, r, a, a + sweep);
        cairo_arc_negative(c->cr, cx, cy, ri, a + sweep, a);
        cairo_close_path(c->cr);
        fill_hidden(c->cr);
        note_mark(c, cx + cos(a + sweep / 2) * (r + ri) / 2, cy + sin(a + sweep / 2) * (r + ri) / 2,
                  sweep, hidden);
    }
    /* The total in the hole. */
    char tot[48];
    if (ch->total)
        snprintf(tot, sizeof tot, "%s", ch->total);
    else
        sr_fmt_count((int64_t)llround(total), tot, sizeof tot);
    double tw, th;
    text_extent(c, tot, FONT_TITLE + 2, 600, 0, &tw, &th);
    text(c, tot, cx, cy - th * 0.75, FONT_TITLE + 2, 600, CENTRE, 0, sr_text);
    text(c, "total", cx, cy + th * 0.25, FONT, 400, CENTRE, 0, sr_muted);
    /* The key, each entry with its value and share: colour is not needed to
     * read the chart. */
    double kx = size + PAD * 2, ky = top, kw = w - kx - 16;
    for (size_t i = 0; i < ch->ncat; i++) {
        if (grouped[i])
            continue;
        const sr_chart_value *v = &ch->series[0].values[i];
        char line[256];
        if (v->missing || total <= 0)
            snprintf(line, sizeof line, "%s: %s", ch->categories[i], v->label);
        else
            snprintf(line, sizeof line, "%s: %s (%.1f%%)", ch->categories[i], v->label,
                     v->v / total * 100);
        cairo_new_path(c->cr);
        cairo_rectangle(c->cr, kx, ky + 2, 10, 10);
        if (v->missing) /* no slice of its own: the swatch of what is not shown */
            fill_hidden(c->cr);
        else
            sr_fill_series(c->cr, i);
        ky += text(c, line, kx + 16, ky, FONT, 400, LEFT, kw, sr_text) + 3;
    }
    if (ngrouped) {
        char line[256], ov[48];
        same_unit(ch, other, ov, sizeof ov);
        if (total > 0)
            snprintf(line, sizeof line, "Other (%zu more): %s (%.1f%%)", ngrouped, ov,
                     other / total * 100);
        else
            snprintf(line, sizeof line, "Other (%zu more): %s", ngrouped, ov);
        cairo_new_path(c->cr);
        cairo_rectangle(c->cr, kx, ky + 2, 10, 10);
        sr_fill_series(c->cr, nshown);
        ky += text(c, line, kx + 16, ky, FONT, 400, LEFT, kw, sr_text) + 3;
        snprintf(line, sizeof line,
                 "Other is the %zu smallest parts together; the text alternative and the "
                 "table give each.",
                 ngrouped);
        ky += text(c, line, kx, ky, FONT_SMALL, 400, LEFT, kw + 16, sr_muted) + 3;
    }
    if (hidden > 0) {
        char line[256];
        snprintf(line, sizeof line, "Not shown, in the total: %.1f%%", hidden / total * 100);
        cairo_new_path(c->cr);
        cairo_rectangle(c->cr, kx, ky + 2, 10, 10);
        fill_hidden(c->cr);
        ky += text(c, line, kx + 16, ky, FONT, 400, LEFT, kw, sr_text) + 3;
    }
    c->need = ky;
    free(grouped);
    return 0;
}

/* ---- KPI tiles ------------------------------------------------------------------- */

#define KPI_NUMBER 20.0 /* the big number, points */
#define KPI_ARROW  11.0 /* the arrow before a change in words, and its space */

/* The heights of a tile's parts at width tw: its name, its figure, its
 * change in words (beside the arrow) and the year before. */
typedef struct {
    double name, number, note, before;
} kpi_parts;

static kpi_parts kpi_measure(ctx *c, const sr_chart *ch, size_t i, double tw)
{
    kpi_parts p = {0};
    double ew;
    text_extent(c, ch->categories[i], FONT, 600, tw - 2 * PAD, &ew, &p.name);
    text_extent(c, ch->series[0].values[i].label, KPI_NUMBER, 600, tw - 2 * PAD, &ew, &p.number);
    if (ch->notes && ch->notes[i])
        text_extent(c, ch->notes[i], FONT, 400, tw - 2 * PAD - KPI_ARROW, &ew, &p.note);
    if (ch->before && ch->before[i])
        text_extent(c, ch->before[i], FONT_SMALL, 400, tw - 2 * PAD, &ew, &p.before);
    return p;
}

/* Tiles in rows: in a row, each part starts at the same height in every
 * tile, as deep as the deepest tile's (a name of two lines beside one of
 * one), so the big numbers share a baseline whatever the names' lengths.
 * Tiles are as tall as the tallest needs, and the chart grows to fit. */
static int draw_kpi(ctx *c, const sr_chart *ch, double w, double h)
{
    double top = title(c, ch, w);
    size_t n = ch->ncat;
    size_t cols = n <= 4 ? n : (n + 1) / 2, rows = (n + cols - 1) / cols;
    double gap = PAD * 1.5, tw = (w - gap * (double)(cols - 1)) / (double)cols;
    kpi_parts *row = sr_xmalloc(rows * sizeof *row);
    double need = 0;
    for (size_t r = 0; r < rows; r++) {
        row[r] = (kpi_parts){0};
        for (size_t i = r * cols; i < n && i < (r + 1) * cols; i++) {
            kpi_parts p = kpi_measure(c, ch, i, tw);
            row[r].name = fmax(row[r].name, p.name);
            row[r].number = fmax(row[r].number, p.number);
            row[r].note = fmax(row[r].note, p.note);
            row[r].before = fmax(row[r].before, p.before);
        }
        double tile = PAD + row[r].name + 2 + row[r].number + 2 + row[r].note +
                      (row[r].note > 0 ? 2 : 0) + row[r].before + PAD;
        need = fmax(need, tile);
    }
    double th = fmax(need, (h - top - gap * (double)(rows - 1)) / (double)rows);
    c->need = top + th * (double)rows + gap * (double)(rows - 1);
    for (size_t i = 0; i < n; i++) {
        size_t r = i / cols;
        double x = (tw + gap) * (double)(i % cols), y = top + (th + gap) * (double)r;
        cairo_new_path(c->cr);
        cairo_rectangle(c->cr, x + 0.5, y + 0.5, tw - 1, th - 1);
        cairo_set_source_rgb(c->cr, 0.96, 0.97, 0.98);
        cairo_fill_preserve(c->cr);
        sr_set_rgb(c->cr, sr_palette[0]);
        cairo_set_line_width(c->cr, 1);
        cairo_stroke(c->cr);
        note_mark(c, x, y, tw, th);
        double ty = y + PAD;
        text(c, ch->categories[i], x + PAD, ty, FONT, 600, LEFT, tw - 2 * PAD, sr_text);
        ty += row[r].name + 2;
        const sr_chart_value *v = &ch->series[0].values[i];
        text(c, v->label, x + PAD, ty, KPI_NUMBER, 600, LEFT, tw - 2 * PAD, sr_palette[0]);
        ty += row[r].number + 2;
        if (ch->notes && ch->notes[i]) {
            /* The direction as an arrow and in words: never colour alone. */
            const char *note = ch->notes[i];
            int dir = strncmp(note, "up", 2) == 0 ? 1 : strncmp(note, "down", 4) == 0 ? -1 : 0;
            double ax = x + PAD, indent = 0;
            if (dir) {
                double fw, fh;
                text_extent(c, "0", FONT, 400, 0, &fw, &fh);
                double cy = ty + fh / 2, s = 3.5;
                cairo_new_path(c->cr);
                cairo_move_to(c->cr, ax, cy + dir * s);
                cairo_line_to(c->cr, ax + 2 * s, cy + dir * s);
                cairo_line_to(c->cr, ax + s, cy - dir * s);
                cairo_close_path(c->cr);
                sr_set_rgb(c->cr, sr_text);
                cairo_fill(c->cr);
                note_mark(c, ax, cy - s, 2 * s, 2 * s);
                indent = KPI_ARROW;
            }
            text(c, note, ax + indent, ty, FONT, 400, LEFT, tw - 2 * PAD - indent, sr_text);
        }
        if (row[r].note > 0)
            ty += row[r].note + 2;
        if (ch->before && ch->before[i])
            text(c, ch->before[i], x + PAD, ty, FONT_SMALL, 400, LEFT, tw - 2 * PAD, sr_muted);
    }
    free(row);
    return 0;
}

/* ---- attendance matrix ------------------------------------------------------------ */

static void status_symbol(cairo_t *cr, int st, double x, double y, double r)
{
    cairo_new_path(cr);
    cairo_set_line_width(cr, 1.6);
    switch (st) {
    case SR_MATRIX_ATTENDED: /* filled circle with a tick */
        cairo_arc(cr, x, y, r, 0, 2 * PI);
        sr_set_rgb(cr, sr_palette[2]);
        cairo_fill(cr);
        cairo_set_source_rgb(cr, 1, 1, 1);
        cairo_move_to(cr, x - r * 0.5, y);
        cairo_line_to(cr, x - r * 0.1, y + r * 0.45);
        cairo_line_to(cr, x + r * 0.55, y - r * 0.45);
        cairo_stroke(cr);
        break;
    case SR_MATRIX_APOLOGIES: /* an open circle with a dash */
        cairo_arc(cr, x, y, r - 0.8, 0, 2 * PI);
        sr_set_rgb(cr, sr_palette[0]);
        cairo_stroke(cr);
        cairo_move_to(cr, x - r * 0.45, y);
        cairo_line_to(cr, x + r * 0.45, y);
        cairo_stroke(cr);
        break;
    case SR_MATRIX_ABSENT: /* a cross */
        sr_set_rgb(cr, sr_palette[1]);
        cairo_set_line_width(cr, 2);
        cairo_move_to(cr, x - r * 0.7, y - r * 0.7);
        cairo_line_to(cr, x + r * 0.7, y + r * 0.7);
        cairo_move_to(cr, x + r * 0.7, y - r * 0.7);
        cairo_line_to(cr, x - r * 0.7, y + r * 0.7);
        cairo_stroke(cr);
        break;
    default: /* not recorded: a short grey line */
        sr_set_rgb(cr, sr_muted);
        cairo_move_to(cr, x - r * 0.4, y);
        cairo_line_to(cr, x + r * 0.4, y);
        cairo_stroke(cr);
    }
}

static double widest_word(ctx *c, const char *s, double size, int weight)
{
    double best = 0;
    while (*s) {
        size_t n = strcspn(s, " ");
        if (n) {
            char word[128];
            snprintf(word, sizeof word, "%.*s", (int)(n < sizeof word ? n : sizeof word - 1), s);
            double tw, th;
            text_extent(c, word, size, weight, 0, &tw, &th);
            if (tw > best)
                best = tw;
        }
        s += n;
        while (*s == ' ')
            s++;
    }
    return best;
}

/* The matrix's label column (*labw) and how many meetings a block of
 * columns has (*per): columns no narrower than a date's longest word;
 * meetings that do not fit across go on in another block below, under the
 * same names. Returns how many blocks there are. */
static size_t matrix_blocks(ctx *c, const sr_chart *ch, double w, double *labw, size_t *per)
{
    *labw = 0;
    for (size_t i = 0; i < ch->ncat; i++) {
        double tw, th;
        text_extent(c, ch->categories[i], FONT, 400, 0, &tw, &th);
        if (tw > *labw)
            *labw = tw;
    }
    if (*labw > w * 0.4)
        *labw = w * 0.4;
    double colmin = 0;
    for (size_t s = 0; s < ch->nseries; s++) {
        double ww = widest_word(c, ch->series[s].name, FONT_SMALL, 600) + 4;
        if (ww > colmin)
            colmin = ww;
    }
    if (colmin < 16)
        colmin = 16;
    double across = w - *labw - PAD;
    *per = (size_t)(across / colmin);
    if (*per < 1)
        *per = 1;
    if (*per > ch->nseries)
        *per = ch->nseries;
    return (ch->nseries + *per - 1) / *per;
}

static int draw_matrix(ctx *c, const sr_chart *ch, double w, double h)
{
    double top = title(c, ch, w);
    /* The key first, in words and symbols. */
    static const char *const keys[] = {"attended", "sent apologies", "absent", "not recorded"};
    double kx = 0, kh = 0;
    for (int k = 0; k < 4; k++) {
        double tw, th;
        text_extent(c, keys[k], FONT, 400, 0, &tw, &th);
        status_symbol(c->cr, k, kx + 6, top + th / 2, 5);
        text(c, keys[k], kx + 14, top, FONT, 400, LEFT, 0, sr_text);
        kx += 14 + tw + 16;
        kh = th;
    }
    top += kh + PAD * 1.5;
    double labw;
    size_t per, nblocks = matrix_blocks(c, ch, w, &labw, &per);
    double across = w - labw - PAD;
    double colw = across / (double)per;
    /* Rows: as tall as their names need, never over one another. */
    double fh, fw;
    text_extent(c, "0", FONT, 400, 0, &fw, &fh);
    double *lh = sr_xmalloc((ch->ncat ? ch->ncat : 1) * sizeof *lh);
    for (size_t i = 0; i < ch->ncat; i++) {
        double tw;
        text_extent(c, ch->categories[i], FONT, 400, labw, &tw, &lh[i]);
    }
    /* The blocks' headings, and what rows of one line leave over. */
    double *headhs = sr_xmalloc(nblocks * sizeof *headhs), fixed = 0, extra = 0;
    for (size_t b = 0; b < nblocks; b++) {
        headhs[b] = 0;
        for (size_t s = b * per; s < ch->nseries && s < (b + 1) * per; s++) {
            double tw, th;
            text_extent(c, ch->series[s].name, FONT_SMALL, 600, colw - 2, &tw, &th);
            if (th > headhs[b])
                headhs[b] = th;
        }
        fixed += headhs[b] + PAD / 2 + (b ? PAD * 1.5 : 0);
    }
    for (size_t i = 0; i < ch->ncat; i++)
        extra += fmax(0, lh[i] - fh) * (double)nblocks;
    /* Rows share the height given, up to 22 points each, the same in every
     * block, and are never shorter than their names (then the chart grows:
     * sr_chart_height). */
    double rowh = fmin(22, fmax(fh + 2, (h - top - fixed - extra) /
                                            (double)(ch->ncat ? ch->ncat : 1) / (double)nblocks));
    /* A part's rows are the whole chart's in the order drawn: a block's
     * members, then the next block's; a part shows the blocks it has rows
     * of, each under its dates. */
    bool plotted = false;
    for (size_t b = 0; b < nblocks; b++) {
        bool any = false;
        for (size_t i = 0; i < ch->ncat && !any; i++)
            any = in_part(c, b * ch->ncat + i);
        if (!any)
            continue;
        size_t s0 = b * per, s1 = s0 + per < ch->nseries ? s0 + per : ch->nseries;
        double headh = headhs[b];
        for (size_t s = s0; s < s1; s++)
            text(c, ch->series[s].name, labw + PAD + colw * ((double)(s - s0) + 0.5), top,
                 FONT_SMALL, 600, CENTRE, colw - 2, sr_text);
        top += headh + PAD / 2;
        double y = top;
        for (size_t i = 0; i < ch->ncat; i++) {
            if (!in_part(c, b * ch->ncat + i))
                continue;
            double rh = lh[i] + 2 > rowh ? lh[i] + 2 : rowh;
            if (i % 2 == 0) { /* the whole chart's stripes, in a part too */
                cairo_new_path(c->cr);
                cairo_rectangle(c->cr, 0, y, w, rh);
                cairo_set_source_rgb(c->cr, 0.965, 0.965, 0.965);
                cairo_fill(c->cr);
            }
            text(c, ch->categories[i], labw, y + (rh - lh[i]) / 2, FONT, 400, RIGHT, labw, sr_text);
            for (size_t s = s0; s < s1; s++) {
                double x = labw + PAD + colw * ((double)(s - s0) + 0.5);
                int st = (int)ch->series[s].values[i].v;
                double r = fmin(6, fmin(rh, colw) / 2 - 2);
                status_symbol(c->cr, st, x, y + rh / 2, r);
                note_mark(c, x - r, y + rh / 2 - r, 2 * r, 2 * r);
            }
            y += rh;
        }
        if (c->out && !plotted)
            c->out->plot = (sr_rect){labw + PAD, top, across, y - top};
        plotted = true;
        top = y + PAD * 1.5;
    }
    c->need = top - PAD * 1.5;
    free(headhs);
    free(lh);
    return 0;
}

/* ---- the area against England, the region and the neighbours --------------------- */

#define COMPARE_R 4.5 /* a marker's radius, points */

/* Series s's colour in a dot plot: the area the palette's first, England
 * the text's near-black, the others the palette's next. */
static sr_rgb compare_colour(size_t s)
{
    return s == 0 ? sr_palette[0] : s == 1 ? sr_text : sr_palette[(s - 1) % SR_PALETTE_N];
}

/* Series s's marker centred on (x, y): each series its own shape as well
 * as its own colour (a ring for the first, the area; then a diamond, a
 * square, a triangle, edged in white so that two on one spot are both
 * seen). */
static void compare_marker(cairo_t *cr, size_t s, double x, double y, double r)
{
    cairo_new_path(cr);
    if (s == 0) {
        /* The area: a thick ring, drawn last, through which a figure of
         * another series at the same place still shows. */
        double w = r > 3.5 ? 2.6 : 1.5;
        cairo_arc(cr, x, y, r + 1 - w / 2, 0, 2 * PI);
        sr_set_rgb(cr, compare_colour(0));
        cairo_set_line_width(cr, w);
        cairo_stroke(cr);
        return;
    }
    switch (s % 4) {
    case 1:
        cairo_move_to(cr, x, y - r * 1.3);
        cairo_line_to(cr, x + r * 1.3, y);
        cairo_line_to(cr, x, y + r * 1.3);
        cairo_line_to(cr, x - r * 1.3, y);
        cairo_close_path(cr);
        break;
    case 2:
        cairo_rectangle(cr, x - r * 0.9, y - r * 0.9, r * 1.8, r * 1.8);
        break;
    default:
        triangle_path(cr, x, y, r);
    }
    sr_set_rgb(cr, compare_colour(s));
    cairo_fill_preserve(cr);
    cairo_set_source_rgb(cr, 1, 1, 1);
    cairo_set_line_width(cr, r > 3.5 ? 1 : 0.5);
    cairo_stroke(cr);
}

/* A value's label starts with its series' marker, small, so that it is
 * read with its marker whichever lane it goes in: this much wider. */
#define COMPARE_TAG 9.0

/* How far a label may move right of its marker to share a lane with the
 * one before it, points. */
#define COMPARE_SHIFT 40.0

/* The key: each series' marker and name, in rows as wide as w. Returns
 * the height it takes from y. */
static double compare_key(ctx *c, const sr_chart *ch, double y, double w)
{
    double cx = 0, row = 0, used = 0;
    for (size_t s = 0; s < ch->nseries; s++) {
        double tw, th;
        text_extent(c, ch->series[s].name, FONT, 400, 0, &tw, &th);
        if (cx > 0 && cx + 16 + tw > w) {
            cx = 0;
            row += th + 2;
        }
        compare_marker(c->cr, s, cx + 6, y + row + th / 2, COMPARE_R);
        text(c, ch->series[s].name, cx + 15, y + row, FONT, 400, LEFT, 0, sr_text);
        cx += 15 + tw + 14;
        used = row + th;
    }
    return used;
}

/* A value's label in a row: where it is centred, its width, and the lane
 * it goes in (even lanes above the row's line, 0 nearest; odd ones below,
 * 1 nearest). */
typedef struct {
    double x, w;
    int lane;
} compare_label;

/* The lanes the labels of row i take, placed so that none prints over
 * another: the first series' above the line, the others below in the order
 * of their values, each in the nearest lane where it has room at its
 * marker or a little to the right. lab gets
 * nseries entries (lane -1 for a value not shown); *above and *below how
 * many lanes each side are used. */
static void compare_lanes(ctx *c, const sr_chart *ch, size_t i, const sr_ticks *t, double left,
                          double right, compare_label *lab, int *above, int *below)
{
    size_t n = ch->nseries;
    size_t *order = sr_xmalloc(n * sizeof *order);
    size_t k = 0;
    for (size_t s = 0; s < n; s++) {
        const sr_chart_value *v = &ch->series[s].values[i];
        lab[s].lane = -1;
        if (v->missing)
            continue;
        double tw, th;
        text_extent(c, v->label, FONT_SMALL, s == 0 ? 600 : 400, 0, &tw, &th);
        lab[s].w = tw + COMPARE_TAG;
        lab[s].x = x_of(t, v->v, left, right);
        /* Kept inside the plot: a label at an end is moved in. */
        if (lab[s].x - tw / 2 < left)
            lab[s].x = left + tw / 2;
        if (lab[s].x + tw / 2 > right)
            lab[s].x = right - tw / 2;
        size_t at = k++;
        /* The first series first; then left to right. */
        while (at > 0 && order[at - 1] != 0 && (s == 0 || lab[order[at - 1]].x > lab[s].x)) {
            order[at] = order[at - 1];
            at--;
        }
        order[at] = s;
    }
    *above = *below = 0;
    int lanes = 2 * (int)n + 2;
    for (size_t q = 0; q < k; q++) {
        size_t s = order[q];
        for (int tries = 0; tries < lanes; tries++) {
            /* The first series tries above first (0, 2, 4, ...), the others
             * below (1, 3, 5, ...), then the other side. */
            int half = lanes / 2, side = tries < half ? 0 : 1;
            int lane = 2 * (tries % half) + ((s == 0) ? side : 1 - side);
            /* Where it has room in the lane: at its marker, or moved
             * right past the labels in its way, a little. */
            double want = lab[s].x, x = want;
            for (int pass = 0; pass < (int)q + 1; pass++) {
                bool moved = false;
                for (size_t p = 0; p < q; p++) {
                    const compare_label *o = &lab[order[p]];
                    if (o->lane == lane && x - lab[s].w / 2 < o->x + o->w / 2 + 4 &&
                        o->x - o->w / 2 < x + lab[s].w / 2 + 4) {
                        x = o->x + o->w / 2 + 4 + lab[s].w / 2;
                        moved = true;
                    }
                }
                if (!moved)
                    break;
            }
            if (x - want > COMPARE_SHIFT || x + lab[s].w / 2 > right)
                continue;
            lab[s].x = x;
            lab[s].lane = lane;
            if (lane % 2 == 0 && lane / 2 + 1 > *above)
                *above = lane / 2 + 1;
            if (lane % 2 == 1 && lane / 2 + 1 > *below)
                *below = lane / 2 + 1;
            break;
        }
        if (lab[s].lane < 0) {
            /* Wider than the room the lanes leave (a chart too narrow for
             * its words): a lane of its own below the others, never left
             * out. */
            lab[s].lane = 2 * *below + 1;
            (*below)++;
        }
    }
    free(order);
}

/* The words under row i for the values it cannot place: "Not shown: North
 * West [c]; England [x]", malloc'd, or NULL when every value is shown. */
static char *compare_missing(const sr_chart *ch, size_t i)
{
    sr_buf b = SR_BUF_INIT;
    for (size_t s = 0; s < ch->nseries; s++) {
        const sr_chart_value *v = &ch->series[s].values[i];
        if (v->missing)
            sr_buf_printf(&b, "%s%s %s", b.len ? "; " : "Not shown: ", ch->series[s].name,
                          v->label);
    }
    if (b.len == 0) {
        sr_buf_free(&b);
        return NULL;
    }
    return sr_buf_take(&b);
}

/* A row of a dot plot as measured: its labels and lanes, the words for
 * what it does not show and their extent, the height of what it draws
 * about its line, and its height. */
typedef struct {
    compare_label *lab;
    int above, below;
    char *miss;
    double mw, mh, nh, content, rh;
} compare_row;

/* A dot plot: a row for each category, its name on the left, a marker for
 * each series on one value axis from zero, every value labelled beside its
 * marker (the first series' above the row's line, in bold), values not
 * shown named in words under the row. The chart is as tall as its rows. */
static int draw_compare(ctx *c, const sr_chart *ch, double w, double h)
{
    (void)h;
    double top = title(c, ch, w);
    double kh = compare_key(c, ch, top, w);
    if (kh > 0)
        top += kh + PAD * 1.5;
    double labw = label_column(c, ch, w * 0.35);
    sr_ticks t = sr_ticks_make(0, max_value(ch, false), 5, ch->whole);
    double tlw = 0, th = 0, vw, vh;
    for (size_t k = 0; k < t.n; k++) {
        char b[32];
        double tw;
        tick_label(t.v[k], t.step, b, sizeof b);
        text_extent(c, b, FONT, 400, 0, &tw, &th);
        if (tw > tlw)
            tlw = tw;
    }
    text_extent(c, "0", FONT_SMALL, 600, 0, &vw, &vh);
    double left = labw + PAD * 2, right = w - tlw / 2 - 1;
    double band = 2 * COMPARE_R * 1.3 + 2; /* the markers' height */
    size_t ns = ch->nseries ? ch->nseries : 1;
    compare_label *labs = sr_xmalloc((ch->ncat ? ch->ncat : 1) * ns * sizeof *labs);
    compare_row *rows = sr_xcalloc(ch->ncat ? ch->ncat : 1, sizeof *rows);
    /* Measured first, so that the gridlines go under everything. */
    double y = top;
    for (size_t i = 0; i < ch->ncat; i++) {
        compare_row *r = &rows[i];
        r->lab = labs + i * ns;
        compare_lanes(c, ch, i, &t, left, right, r->lab, &r->above, &r->below);
        r->miss = compare_missing(ch, i);
        double nw;
        if (r->miss)
            text_extent(c, r->miss, FONT_SMALL, 400, right - left - 4, &r->mw, &r->mh);
        text_extent(c, ch->categories[i], FONT, 400, labw, &nw, &r->nh);
        r->content = (double)r->above * (vh + 1) + band + (double)r->below * (vh + 1) +
                     (r->miss ? r->mh + 2 : 0);
        r->rh = fmax(r->content, r->nh) + PAD;
        y += r->rh;
    }
    double bottom = y;
    if (c->out)
        c->out->plot = (sr_rect){left, top, right - left, bottom - top};
    for (size_t k = 0; k < t.n; k++) {
        double x = x_of(&t, t.v[k], left, right);
        cairo_new_path(c->cr);
        sr_set_rgb(c->cr, t.v[k] == 0 ? sr_muted : sr_grid);
        cairo_set_line_width(c->cr, t.v[k] == 0 ? 1 : 0.6);
        cairo_move_to(c->cr, x, top);
        cairo_line_to(c->cr, x, bottom);
        cairo_stroke(c->cr);
    }
    y = top;
    for (size_t i = 0; i < ch->ncat; i++) {
        const compare_row *r = &rows[i];
        const compare_label *lab = r->lab;
        double ctop = y + PAD / 2 + (r->rh - PAD - r->content) / 2;
        double line = ctop + (double)r->above * (vh + 1) + band / 2;
        double ny = fmin(fmax(line - r->nh / 2, y + PAD / 2), y + r->rh - PAD / 2 - r->nh);
        text(c, ch->categories[i], labw, ny, FONT, 400, RIGHT, labw, sr_text);
        /* The row's line, for the eye to follow from its name. */
        cairo_new_path(c->cr);
        sr_set_rgb(c->cr, sr_grid);
        cairo_set_line_width(c->cr, 0.8);
        cairo_move_to(c->cr, left, line);
        cairo_line_to(c->cr, right, line);
        cairo_stroke(c->cr);
        for (size_t s = 0; s < ch->nseries; s++) {
            const sr_chart_value *v = &ch->series[s].values[i];
            if (v->missing) {
                note_mark(c, left, line, 0, 0);
                continue;
            }
            double x = x_of(&t, v->v, left, right);
            if (s > 0)
                compare_marker(c->cr, s, x, line, COMPARE_R);
            note_mark(c, x - COMPARE_R, line - COMPARE_R, 2 * COMPARE_R, 2 * COMPARE_R);
        }
        /* The area's ring over the others where they meet. */
        if (ch->nseries > 1 && !ch->series[0].values[i].missing)
            compare_marker(c->cr, 0, x_of(&t, ch->series[0].values[i].v, left, right), line,
                           COMPARE_R);
        for (size_t s = 0; s < ch->nseries; s++) {
            if (lab[s].lane < 0)
                continue;
            int level = lab[s].lane / 2;
            double ly = lab[s].lane % 2 == 0 ? line - band / 2 - (double)(level + 1) * (vh + 1)
                                             : line + band / 2 + (double)level * (vh + 1);
            double lx = lab[s].x - lab[s].w / 2;
            /* On the page's white: gridlines stop under the words. */
            cairo_new_path(c->cr);
            cairo_rectangle(c->cr, lx - 1, ly, lab[s].w + 2, vh);
            sr_set_rgb(c->cr, sr_background);
            cairo_fill(c->cr);
            compare_marker(c->cr, s, lx + 3.5, ly + vh / 2, 3);
            text(c, ch->series[s].values[i].label, lx + COMPARE_TAG, ly, FONT_SMALL,
                 s == 0 ? 600 : 400, LEFT, 0, sr_text);
        }
        if (r->miss) {
            double my = line + band / 2 + (double)r->below * (vh + 1) + 2;
            cairo_new_path(c->cr);
            cairo_rectangle(c->cr, left + 1, my, fmin(r->mw, right - left - 4) + 4, r->mh);
            sr_set_rgb(c->cr, sr_background);
            cairo_fill(c->cr);
            text(c, r->miss, left + 4, my, FONT_SMALL, 400, LEFT, right - left - 4, sr_muted);
        }
        free(r->miss);
        y += r->rh;
    }
    free(rows);
    free(labs);
    /* The value axis' figures under the rows. */
    for (size_t k = 0; k < t.n; k++) {
        double x = x_of(&t, t.v[k], left, right);
        char b[32];
        tick_label(t.v[k], t.step, b, sizeof b);
        text(c, b, x, y + 2, FONT, 400, CENTRE, 0, sr_muted);
        if (c->out && c->out->nticks < 16)
            c->out->ticks[c->out->nticks++] = t.v[k];
    }
    y += 2 + th;
    if (ch->x_title) {
        double xw, xh;
        text_extent(c, ch->x_title, FONT, 400, right - left, &xw, &xh);
        text(c, ch->x_title, left + (right - left) / 2, y + PAD / 2, FONT, 400, CENTRE,
             right - left, sr_muted);
        y += PAD / 2 + xh;
    }
    c->need = y + 1;
    c->fit = true;
    return 0;
}

bool sr_chart_has_figures(const sr_chart *ch)
{
    if (!ch || ch->ncat == 0 || ch->nseries == 0)
        return false;
    if (ch->kind == SR_CHART_MATRIX)
        return true;
    for (size_t s = 0; s < ch->nseries; s++)
        for (size_t k = 0; k < ch->ncat; k++) {
            const sr_chart_value *v = &ch->series[s].values[k];
            if (!v->missing ||
                (v->label && (strcmp(v->label, "[c]") == 0 || strcmp(v->label, "[z]") == 0)))
                return true;
        }
    return false;
}

static int draw(ctx *c, const sr_chart *ch, double w, double h);
static cairo_t *scratch(void);

int sr_chart_draw_flags(cairo_t *cr, sr_fonts *fonts, const sr_chart *ch, double w, double h,
                        unsigned flags, sr_chart_layout *layout)
{
    if (!ch || ch->ncat == 0 || ch->nseries == 0)
        return -1;
    ctx c = {.cr = cr, .fonts = fonts, .out = layout, .no_text = (flags & SR_CHART_NO_TEXT) != 0};
    return draw(&c, ch, w, h);
}

int sr_chart_draw(cairo_t *cr, sr_fonts *fonts, const sr_chart *ch, double w, double h,
                  sr_chart_layout *layout)
{
    return sr_chart_draw_flags(cr, fonts, ch, w, h, 0, layout);
}

double sr_chart_height(sr_fonts *fonts, const sr_chart *ch, double w, double h)
{
    if (!ch || ch->ncat == 0 || ch->nseries == 0)
        return h;
    /* Laid out on a throwaway surface, to learn what it needs; again at
     * that height while it needs more, since what a chart needs can grow
     * with its height (a taller donut leaves its key less width). */
    cairo_t *cr = scratch();
    for (int i = 0; i < 8; i++) {
        ctx c = {.cr = cr, .fonts = fonts, .no_text = true};
        draw(&c, ch, w, h);
        if (c.fit && c.need > 0) { /* as tall as its rows, whatever it was given */
            h = ceil(c.need);
            break;
        }
        if (c.need <= h)
            break;
        h = ceil(c.need);
    }
    cairo_destroy(cr);
    return h;
}

static int draw(ctx *c, const sr_chart *ch, double w, double h)
{
    cairo_t *cr = c->cr;
    cairo_save(cr);
    cairo_rectangle(cr, 0, 0, w, h);
    cairo_clip(cr);
    int r = -1;
    /* A break in the series is said under the chart, in words, and then
     * where the figures come from. */
    double note = 0;
    char *words = NULL;
    if (ch->kind != SR_CHART_KPI && ch->kind != SR_CHART_MATRIX && (ch->break_note || ch->source))
        words =
            g_strdup_printf("%s%s%s", ch->break_note ? ch->break_note : "",
                            ch->break_note && ch->source ? " " : "", ch->source ? ch->source : "");
    bool noted = words != NULL;
    if (noted) {
        double nw;
        text_extent(c, words, FONT_SMALL, 400, w, &nw, &note);
        h -= note + PAD / 2;
    }
    switch (ch->kind) {
    case SR_CHART_BAR:
    case SR_CHART_GROUPED_BAR:
    case SR_CHART_STACKED_BAR:
        /* Too many categories to stand side by side: a row each. */
        r = columns_fit(c, ch, w) ? draw_columns(c, ch, w, h) : draw_hbars(c, ch, w, h);
        break;
    case SR_CHART_HBAR:
        r = draw_hbars(c, ch, w, h);
        break;
    case SR_CHART_LINE:
        r = draw_lines(c, ch, w, h);
        break;
    case SR_CHART_DONUT:
        r = draw_donut(c, ch, w, h);
        break;
    case SR_CHART_KPI:
        r = draw_kpi(c, ch, w, h);
        break;
    case SR_CHART_MATRIX:
        r = draw_matrix(c, ch, w, h);
        break;
    case SR_CHART_COMPARE:
        r = draw_compare(c, ch, w, h);
        break;
    }
    if (noted && !c->part) {
        text(c, words, 0, h + PAD / 2, FONT_SMALL, 400, LEFT, w, sr_text);
        if (c->need > 0)
            c->need += note + PAD / 2;
    } else if (noted && c->from + c->nrows >= ch->ncat) { /* under the last part (bars) */
        text(c, words, 0, c->need + PAD / 2, FONT_SMALL, 400, LEFT, w, sr_text);
        c->need += note + PAD / 2;
    }
    g_free(words);
    cairo_restore(cr);
    return r;
}

/* ---- charts in parts -------------------------------------------------------------- */

/* A context to measure text on, drawing nowhere: 1 by 1 pixels, which
 * only fails for want of memory. */
static cairo_t *scratch(void)
{
    cairo_surface_t *s = cairo_image_surface_create(CAIRO_FORMAT_RGB24, 1, 1);
    cairo_t *cr = cairo_create(s);
    cairo_surface_destroy(s); /* cr holds it */
    if (cairo_status(cr) != CAIRO_STATUS_SUCCESS)
        sr_oom();
    return cr;
}

static size_t rows_of(ctx *c, const sr_chart *ch, double w)
{
    if (!ch || ch->ncat == 0 || ch->nseries == 0)
        return 0;
    double labw;
    size_t per;
    switch (ch->kind) {
    case SR_CHART_HBAR:
        return ch->ncat;
    case SR_CHART_MATRIX: /* a block's members, then the next block's */
        return ch->ncat * matrix_blocks(c, ch, w, &labw, &per);
    case SR_CHART_BAR:
    case SR_CHART_GROUPED_BAR:
        return columns_fit(c, ch, w) ? 0 : ch->ncat; /* drawn as horizontal bars */
    default:
        return 0;
    }
}

size_t sr_chart_rows(sr_fonts *fonts, const sr_chart *ch, double w)
{
    cairo_t *cr = scratch();
    ctx c = {.cr = cr, .fonts = fonts, .no_text = true};
    size_t n = rows_of(&c, ch, w);
    cairo_destroy(cr);
    return n;
}

/* Whether rows from .. from + n - 1 are a part of ch drawn w wide. */
static bool part_ok(ctx *c, const sr_chart *ch, double w, size_t from, size_t n)
{
    size_t rows = rows_of(c, ch, w);
    return n > 0 && from < rows && n <= rows - from;
}

double sr_chart_rows_height(sr_fonts *fonts, const sr_chart *ch, double w, double h, size_t from,
                            size_t n)
{
    cairo_t *cr = scratch();
    ctx c = {.cr = cr, .fonts = fonts, .no_text = true, .part = true, .from = from, .nrows = n};
    double need = 0;
    if (part_ok(&c, ch, w, from, n) && draw(&c, ch, w, h) == 0)
        need = ceil(c.need);
    cairo_destroy(cr);
    return need;
}

int sr_chart_draw_rows(cairo_t *cr, sr_fonts *fonts, const sr_chart *ch, double w, double h,
                       size_t from, size_t n, sr_chart_layout *layout)
{
    ctx c = {.cr = cr, .fonts = fonts, .out = layout, .part = true, .from = from, .nrows = n};
    if (!part_ok(&c, ch, w, from, n))
        return -1;
    return draw(&c, ch, w, h);
}
