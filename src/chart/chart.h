/* chart: the report's charts, drawn onto any cairo_t.
 *
 * A chart is data (categories, series of values with their labels already
 * formatted by the metrics layer, titles) and a kind. sr_chart_draw() draws
 * it onto a caller's cairo_t at a given size, the same code for a PDF page,
 * a PNG and an SVG (kplot's model), and can report where it put every mark
 * and label so tests can check the geometry. sr_chart_alt() writes the text
 * alternative from the same data.
 */
#ifndef SR_CHART_H
#define SR_CHART_H

#include "chart/fonts.h"

#include <stdbool.h>
#include <stddef.h>

typedef enum {
    SR_CHART_BAR,         /* vertical bars, one series */
    SR_CHART_GROUPED_BAR, /* vertical bars, one group per category, a bar per series */
    SR_CHART_HBAR,        /* horizontal bars for long category names */
    SR_CHART_LINE,        /* a line per series with markers and value labels */
    SR_CHART_STACKED_BAR, /* series stacked in each category's bar */
    SR_CHART_DONUT,       /* shares of a whole, the total in the hole */
    SR_CHART_KPI,         /* tiles: big number, the year before, the change */
    SR_CHART_MATRIX,      /* attendance: members by meetings */
    SR_CHART_COMPARE,     /* dot plot: a row per category, a marker per series (the area,
                             England, the region, the neighbours' average) */
} sr_chart_kind;

/* Matrix values (in sr_chart_value.v). */
enum { SR_MATRIX_ATTENDED, SR_MATRIX_APOLOGIES, SR_MATRIX_ABSENT, SR_MATRIX_NONE };

typedef struct {
    double v;          /* in display units: a count, pounds, a percentage */
    const char *label; /* as shown: "3,243", "£180,491", "52.4%", "[c]", "[x]" */
    bool missing;      /* hidden or not available: drawn as a labelled gap */
} sr_chart_value;

typedef struct {
    const char *name;       /* "2019-20" */
    sr_chart_value *values; /* one per category */
} sr_chart_series;

typedef struct {
    sr_chart_kind kind;
    const char *id, *title;
    const char *x_title, *y_title; /* axis titles, with the unit */
    const char *what;              /* what one unit is, for the text alternative: "referrals" */
    const char **categories;
    size_t ncat;
    sr_chart_series *series;
    size_t nseries;
    const char **notes;  /* KPI tiles: the change in words, per category; a dot plot: how the
                            first series compares with the others, in words, per category
                            (the text alternative) */
    const char **before; /* KPI tiles: "2018-19: 3,653", per category */
    const char *change;  /* the overall change in words, for the text alternative */
    /* Where the figures come from, or NULL: written under the chart (after
     * a break in the series) and at the end of its text alternative. */
    const char *source;
    const char *total; /* donut: the total as shown ("£180,491"); NULL: summed as a count */
    /* Stacked bars: each bar's total as the data states it (the chart's
     * total metric), hidden parts included, one per category; NULL: the sum
     * of the parts. A bar with hidden parts is drawn to its stated total,
     * the hidden remainder as one hatched grey block. A donut: one entry,
     * the whole its shares are of, the hidden remainder a grey slice. */
    const sr_chart_value *totals;
    /* Breaks in the series the chart spans, in words ("Break in the series
     * on 1 April 2019, between 2018-19 and 2019-20: ...", or "... on 1 October
     * 2023, part-way through 2023-24: ..."), or NULL: written
     * under the chart and in its text alternative. With the years as
     * categories, break_before[i] marks a break between category i - 1 and
     * i, drawn as a dashed line (ncat entries, or NULL). */
    const char *break_note;
    const bool *break_before;
    bool whole;      /* values are whole numbers (axis steps too) */
    bool sort;       /* bars: largest first (by the newest series) */
    bool draw_title; /* draw the title inside the chart (PNG; never the SVG, whose title is
                        its <title>) */
} sr_chart;

typedef struct {
    double x, y, w, h;
} sr_rect;

/* How a line of text sits on its anchor point: its start, middle or end
 * (SVG's text-anchor), so that another font lines up the same way. */
typedef enum { SR_ANCHOR_START, SR_ANCHOR_MIDDLE, SR_ANCHOR_END } sr_anchor;

/* One line of text as drawn: the SVG writes each as a <text> element, and
 * tests read sizes, baselines and colours from them. */
typedef struct {
    char *text;       /* the line's words, UTF-8, without the line break */
    double x, y;      /* the anchor point, on the baseline, in the chart's points */
    sr_anchor anchor; /* where x is on the line */
    double rotate;    /* degrees about (x, y), clockwise on the page: -90 for a y-axis title */
    double size;      /* points */
    int weight;       /* 400 regular, 600 semibold */
    double r, g, b;   /* the colour, 0 to 1 */
    sr_rect box;      /* the line's box before rotation (rotate is 0 for most) */
} sr_chart_run;

/* Where things were drawn, for tests. Marks are bars, points, slices or
 * symbols in drawing order (series by series); labels are every piece of
 * text but a rotated axis title, each with its size in points; runs are
 * every line of text, rotated ones too. */
typedef struct {
    sr_rect plot;
    sr_rect *marks;
    size_t nmarks;
    sr_rect *labels;
    char **label_text;  /* copies, freed with the layout */
    double *label_size; /* points, one per label */
    size_t nlabels;
    sr_chart_run *runs; /* freed with the layout */
    size_t nruns;
    char *family; /* the font family the text is set in; freed with the layout */
    double ticks[16];
    size_t nticks;
    sr_rect *breaks; /* the dashed lines marking breaks in the series */
    size_t nbreaks;
} sr_chart_layout;

void sr_chart_layout_free(sr_chart_layout *l);

/* Whether the chart has anything to show: categories and series, and (but
 * for a matrix) some value that is a figure, given or hidden by disclosure
 * control ([c]) or stated not applicable ([z]), not all [x]. A chart
 * without is not drawn (a note in a draft, an error in a final report). */
bool sr_chart_has_figures(const sr_chart *ch);

/* Draws c into the rectangle (0, 0, w, h) of cr, in points. layout may be
 * NULL. Returns 0, or -1 if the chart has nothing to draw. */
int sr_chart_draw(cairo_t *cr, sr_fonts *fonts, const sr_chart *c, double w, double h,
                  sr_chart_layout *layout);

/* The smallest type a chart sets, in points, at the size it is drawn. */
#define SR_CHART_TYPE_MIN 9.0

/* sr_chart_draw's options. SR_CHART_NO_TEXT: lay the text out and report
 * it (layout's runs) but draw none of it; the SVG writes the words as
 * <text> elements instead of glyph shapes. */
#define SR_CHART_NO_TEXT 1u

/* sr_chart_draw with options (SR_CHART_NO_TEXT). */
int sr_chart_draw_flags(cairo_t *cr, sr_fonts *fonts, const sr_chart *c, double w, double h,
                        unsigned flags, sr_chart_layout *layout);

/* The height the chart needs at width w to show everything whole (every
 * row of horizontal bars and of an attendance matrix, every entry of a
 * donut's key, every line of a key figure's tile): h, or more when that is
 * not enough; horizontal bars whose rows, at their widest spacing, leave
 * part of h empty are as tall as their rows (no empty band above the axis
 * title). Draw and lay out the chart at this height; the PNG and SVG
 * writers do. */
double sr_chart_height(sr_fonts *fonts, const sr_chart *c, double w, double h);

/* A chart in parts, for a page that cannot hold it whole. Horizontal bars
 * (a row per category, and bars or grouped bars drawn as horizontal bars)
 * and an attendance matrix (a row per member in each block of meetings)
 * grow with their rows; such a chart can be drawn a run of its rows at a
 * time, each part at full size, its type as large as the whole chart's.
 *
 * sr_chart_rows() says how many rows c has at width w that parts can take:
 * 0 for a chart of another kind, which is drawn whole. Rows are counted
 * from 0 in the order the whole chart shows them: with `sort`, largest
 * first, the whole chart sorted before it is cut; a matrix's are the
 * members under its first block of meetings (those that fit across), then
 * the same members under the next block, and so on.
 *
 * sr_chart_draw_rows() draws rows from .. from + n - 1 into (0, 0, w, ph),
 * ph being what sr_chart_rows_height() gives for them; h is the whole
 * chart's height as sr_chart_height() gives it. Each part is laid out as
 * the whole chart is at w by h: the same label column, row spacing and
 * stripes, and the same value axis, whose maximum is the whole chart's
 * largest value (not the part's), so that bars in different parts are to
 * one scale. Each part repeats what is needed to read it on a page of its
 * own: the key (for two series or more; the matrix's symbols), the axis
 * title under its rows, the matrix's meeting dates over each block of
 * columns. A break in the series is said under the last part only: it is
 * a note on the whole chart. sr_chart_draw_rows() returns 0, or -1 for a
 * chart that cannot be split or rows it does not have (n is 0, or from + n
 * is more than sr_chart_rows()); sr_chart_rows_height() returns 0 then. */
size_t sr_chart_rows(sr_fonts *fonts, const sr_chart *c, double w);
double sr_chart_rows_height(sr_fonts *fonts, const sr_chart *c, double w, double h, size_t from,
                            size_t n);
int sr_chart_draw_rows(cairo_t *cr, sr_fonts *fonts, const sr_chart *c, double w, double h,
                       size_t from, size_t n, sr_chart_layout *layout);

/* A donut's key shows at most this many entries: with more parts, the
 * smallest are one slice and entry, "Other". */
#define SR_DONUT_KEY_MAX 12

/* How many of a donut's parts are grouped as "Other" (0 for SR_DONUT_KEY_MAX
 * or fewer); with grouped (ncat entries) not NULL, marks which. */
size_t sr_chart_donut_grouped(const sr_chart *c, bool *grouped);

/* The chart's text alternative, from its data: what kind of chart it is,
 * what it shows, the largest and smallest values, the overall change, and
 * any hidden values. The attendance matrix names each member's attendance
 * up to SR_CHART_ALT_MEMBERS members; with more, it gives the counts at each
 * meeting and leaves each member's to the table of the chart's figures.
 * malloc'd. */
#define SR_CHART_ALT_MEMBERS 10
char *sr_chart_alt(const sr_chart *c);

/* Writes c as a PNG at scale times its size, and as an SVG with a <title>
 * and <desc> (the text alternative) for screen readers. The SVG never draws
 * the title (draw_title is ignored): its <title> holds it, and a page shows
 * it as the figure's caption. The SVG's words are text, not glyph shapes:
 * each line a <text> element (font-family the chart's family with generic
 * fallbacks, font-size, font-weight, fill, text-anchor by its alignment, a
 * rotate transform for a y-axis title), after the drawing. Every id in the
 * SVG, and every reference to one, starts with the chart's id and "-"
 * ("ID-title", "ID-desc", "ID-clip1"), so several charts share one page.
 * 0, or -1 with errno. */
int sr_chart_write_png(sr_fonts *fonts, const sr_chart *c, double w, double h, double scale,
                       const char *path);
int sr_chart_write_svg(sr_fonts *fonts, const sr_chart *c, double w, double h, const char *path);

struct sr_buf;
/* The same SVG, byte for byte, appended to out (for inline use in HTML):
 * from its <svg> tag to the end, without an XML declaration, in the file
 * too. 0, or -1 with errno. */
int sr_chart_svg(sr_fonts *fonts, const sr_chart *c, double w, double h, struct sr_buf *out);

/* Charts drawn as SVG, kept so that each is drawn once in a process
 * however many outputs show it (the chart files, the HTML page): by the
 * chart and the size it is drawn at. */
typedef struct sr_svg_cache sr_svg_cache;
sr_svg_cache *sr_svg_cache_new(void);
void sr_svg_cache_free(sr_svg_cache *cache);

/* c's SVG as sr_chart_svg makes it, from cache when it was drawn before
 * (cache may be NULL: then drawn anew, into *own). *svg and *len get the
 * bytes, which live as long as cache, or *own. 0, or -1 with errno. */
int sr_chart_svg_shared(sr_svg_cache *cache, sr_fonts *fonts, const sr_chart *c, double w, double h,
                        struct sr_buf *own, const char **svg, size_t *len);

/* A PNG file's width and height in pixels, from its header (the IHDR
 * chunk, first after the signature), without decoding it: false when len
 * bytes at png hold no such header. */
bool sr_png_size(const unsigned char *png, size_t len, unsigned long *w, unsigned long *h);

/* The PNG's len bytes at png decoded into an image surface (cairo's
 * reader): check cairo_surface_status, which says CAIRO_STATUS_NO_MEMORY
 * when there was not the memory for it. */
cairo_surface_t *sr_png_decode(const unsigned char *png, size_t len);

#endif
