/* Unit tests for src/chart: the tick algorithm on awkward ranges, the
 * palette's contrast, the geometry of drawn charts (bars in proportion and
 * in order, labels inside the chart and not over each other), gaps for
 * hidden values, the SVG's title and description, and the text
 * alternatives. */
#include "testutil.h"

#include "chart/chart.h"
#include "chart/palette.h"
#include "chart/spec.h"
#include "chart/ticks.h"
#include "core/buf.h"
#include "core/fmt.h"

#include <math.h>
#include <unistd.h>

static sr_fonts *fonts;

static int setup(void **state)
{
    (void)state;
    char dir[1024], err[256];
    const char *src = getenv("SSCP_SOURCE_DIR");
    snprintf(dir, sizeof dir, "%s/fonts", src ? src : ".");
    fonts = sr_fonts_open(dir, err, sizeof err);
    return fonts ? 0 : -1;
}

static int teardown(void **state)
{
    (void)state;
    sr_fonts_close(fonts);
    return 0;
}

/* ---- ticks ---------------------------------------------------------------------- */

static void assert_ticks(sr_ticks t, const double *want, size_t n)
{
    if (t.n != n)
        fail_msg("got %zu ticks, wanted %zu (step %g, %g..%g)", t.n, n, t.step, t.lo, t.hi);
    for (size_t i = 0; i < n; i++)
        if (fabs(t.v[i] - want[i]) > 1e-9)
            fail_msg("tick %zu is %g, wanted %g", i, t.v[i], want[i]);
}

static void ticks_on_awkward_ranges(void **state)
{
    (void)state;
    assert_ticks(sr_ticks_make(0, 1, 5, false), (double[]){0, 0.2, 0.4, 0.6, 0.8, 1}, 6);
    assert_ticks(sr_ticks_make(0, 7, 5, true), (double[]){0, 2, 4, 6, 8}, 5);
    /* Bars start at zero, so 3..1,014 is 0..1,500. */
    assert_ticks(sr_ticks_make(3, 1014, 5, true), (double[]){0, 500, 1000, 1500}, 4);
    assert_ticks(sr_ticks_make(3, 1014, 6, true), (double[]){0, 200, 400, 600, 800, 1000, 1200}, 7);
    assert_ticks(sr_ticks_make(0, 0, 5, true), (double[]){0, 1}, 2);          /* all zero */
    assert_ticks(sr_ticks_make(7, 7, 5, true), (double[]){0, 2, 4, 6, 8}, 5); /* one value */
    assert_ticks(sr_ticks_make(0, 0.3, 5, true), (double[]){0, 1}, 2); /* whole: no 0.1 steps */
    assert_ticks(sr_ticks_make(-3, 10, 5, true), (double[]){-5, 0, 5, 10}, 4);
    assert_ticks(sr_ticks_make(0, 180491, 5, false), (double[]){0, 50000, 100000, 150000, 200000},
                 5);
}

/* ---- palette --------------------------------------------------------------------- */

static void palette_meets_wcag_contrast(void **state)
{
    (void)state;
    sr_rgb white = {1, 1, 1};
    for (size_t i = 0; i < SR_PALETTE_N; i++) {
        double c = sr_contrast(sr_palette[i], sr_background);
        if (c < 3.0)
            fail_msg("palette colour %zu has contrast %.2f:1 with the page; 3:1 needed", i, c);
        /* Value labels are printed in white on the fills. */
        c = sr_contrast(white, sr_palette[i]);
        if (c < 4.5)
            fail_msg("white text on palette colour %zu has contrast %.2f:1; 4.5:1 needed", i, c);
    }
    assert_true(sr_contrast(sr_text, sr_background) >= 4.5);
    assert_true(sr_contrast(sr_muted, sr_background) >= 4.5);
    /* The formula itself: black on white is 21:1. */
    assert_true(fabs(sr_contrast((sr_rgb){0, 0, 0}, white) - 21.0) < 1e-9);
}

/* ---- drawing ------------------------------------------------------------------------- */

static sr_chart_value vals[3][24];

static sr_chart make(sr_chart_kind kind, const char **cats, size_t n, const double *v,
                     const char **labels)
{
    sr_chart c = {0};
    c.kind = kind;
    c.id = "test";
    c.title = "Test chart";
    c.categories = cats;
    c.ncat = n;
    static sr_chart_series s[1];
    for (size_t i = 0; i < n; i++)
        vals[0][i] = (sr_chart_value){v[i], labels[i], labels[i][0] == '['};
    s[0] = (sr_chart_series){"2019-20", vals[0]};
    c.series = s;
    c.nseries = 1;
    c.whole = true;
    c.draw_title = true;
    return c;
}

static bool overlap(sr_rect a, sr_rect b)
{
    return a.x < b.x + b.w - 0.5 && b.x < a.x + a.w - 0.5 && a.y < b.y + b.h - 0.5 &&
           b.y < a.y + a.h - 0.5;
}

static void check_labels(const sr_chart_layout *l, double w, double h)
{
    for (size_t i = 0; i < l->nlabels; i++) {
        sr_rect r = l->labels[i];
        if (r.x < -0.5 || r.y < -0.5 || r.x + r.w > w + 0.5 || r.y + r.h > h + 0.5)
            fail_msg("label '%s' at %.1f,%.1f %.1fx%.1f is outside the %gx%g chart",
                     l->label_text[i], r.x, r.y, r.w, r.h, w, h);
        for (size_t j = i + 1; j < l->nlabels; j++)
            if (overlap(r, l->labels[j]))
                fail_msg("labels '%s' and '%s' overlap", l->label_text[i], l->label_text[j]);
    }
}

static sr_chart_layout draw(const sr_chart *c, double w, double h, cairo_surface_t **keep)
{
    cairo_surface_t *s = cairo_image_surface_create(CAIRO_FORMAT_RGB24, (int)w, (int)h);
    cairo_t *cr = cairo_create(s);
    cairo_set_source_rgb(cr, 1, 1, 1);
    cairo_paint(cr);
    sr_chart_layout l = {0};
    assert_int_equal(sr_chart_draw(cr, fonts, c, w, h, &l), 0);
    cairo_destroy(cr);
    cairo_surface_flush(s);
    if (keep)
        *keep = s;
    else
        cairo_surface_destroy(s);
    return l;
}

static void bars_are_in_proportion_and_in_order(void **state)
{
    (void)state;
    const char *cats[] = {"Emotional abuse", "Neglect", "Physical abuse", "Sexual abuse"};
    const char *labels[] = {"181", "114", "11", "0"};
    sr_chart c = make(SR_CHART_BAR, cats, 4, (double[]){181, 114, 11, 0}, labels);
    cairo_surface_t *s;
    sr_chart_layout l = draw(&c, 400, 240, &s);
    assert_int_equal(l.nmarks, 4);
    double per = l.marks[0].h / 181;
    assert_true(fabs(l.marks[1].h - 114 * per) < 0.01);
    assert_true(fabs(l.marks[2].h - 11 * per) < 0.01);
    assert_true(l.marks[3].h == 0); /* a true zero draws nothing, and is labelled 0 */
    for (size_t i = 1; i < 4; i++)
        assert_true(l.marks[i].x > l.marks[i - 1].x); /* data order, left to right */
    /* All bars stand on the same baseline: zero. */
    for (size_t i = 1; i < 3; i++)
        assert_true(fabs((l.marks[i].y + l.marks[i].h) - (l.marks[0].y + l.marks[0].h)) < 0.01);
    check_labels(&l, 400, 240);
    /* The first bar is painted in the first palette colour. */
    int x = (int)(l.marks[0].x + l.marks[0].w / 2), y = (int)(l.marks[0].y + l.marks[0].h / 2);
    uint32_t px = ((uint32_t *)cairo_image_surface_get_data(
        s))[y * cairo_image_surface_get_stride(s) / 4 + x];
    assert_int_equal((px >> 16) & 0xFF, (int)lround(sr_palette[0].r * 255));
    assert_int_equal((px >> 8) & 0xFF, (int)lround(sr_palette[0].g * 255));
    assert_int_equal(px & 0xFF, (int)lround(sr_palette[0].b * 255));
    cairo_surface_destroy(s);
    sr_chart_layout_free(&l);
}

static void hidden_values_are_labelled_gaps(void **state)
{
    (void)state;
    const char *cats[] = {"Q1", "Q2", "Q3"};
    const char *labels[] = {"120", "[c]", "98"};
    sr_chart c = make(SR_CHART_BAR, cats, 3, (double[]){120, 0, 98}, labels);
    sr_chart_layout l = draw(&c, 300, 200, NULL);
    assert_true(l.marks[1].h == 0);
    bool labelled = false;
    for (size_t i = 0; i < l.nlabels; i++)
        labelled |= strcmp(l.label_text[i], "[c]") == 0;
    assert_true(labelled);
    sr_chart_layout_free(&l);
}

static void long_names_wrap_and_sort_in_horizontal_bars(void **state)
{
    (void)state;
    const char *cats[] = {
        "Emotional abuse", "Safeguarding children: concerns about parental substance misuse",
        "Working with neglect and Graded Care Profile 2 (GCP2)", "Basic awareness"};
    const char *labels[] = {"13", "17", "133", "127"};
    sr_chart c = make(SR_CHART_HBAR, cats, 4, (double[]){13, 17, 133, 127}, labels);
    c.sort = true;
    sr_chart_layout l = draw(&c, 480, 260, NULL);
    /* Largest first, top to bottom. */
    for (size_t i = 1; i < 4; i++) {
        assert_true(l.marks[i].y > l.marks[i - 1].y);
        assert_true(l.marks[i].w <= l.marks[i - 1].w);
    }
    assert_true(fabs(l.marks[0].w / 133 - l.marks[1].w / 127) < 0.01);
    /* Every name is drawn whole: inside the chart, over no other label. */
    check_labels(&l, 480, 260);
    bool found = false;
    for (size_t i = 0; i < l.nlabels; i++)
        found |= strstr(l.label_text[i], "parental substance misuse") != NULL;
    assert_true(found);
    sr_chart_layout_free(&l);
}

static void line_charts_label_every_point(void **state)
{
    (void)state;
    const char *cats[] = {"Q1", "Q2", "Q3", "Q4"};
    static sr_chart_value a[4] = {
        {1014, "1,014", false}, {924, "924", false}, {846, "846", false}, {869, "869", false}};
    static sr_chart_value b[4] = {
        {897, "897", false}, {848, "848", false}, {802, "802", false}, {696, "696", false}};
    sr_chart_series s[2] = {{"2018-19", a}, {"2019-20", b}};
    sr_chart c = {.kind = SR_CHART_LINE,
                  .id = "q",
                  .title = "Referrals",
                  .categories = cats,
                  .ncat = 4,
                  .series = s,
                  .nseries = 2,
                  .whole = true,
                  .draw_title = true,
                  .x_title = "Quarter",
                  .y_title = "Referrals"};
    sr_chart_layout l = draw(&c, 480, 260, NULL);
    assert_int_equal(l.nmarks, 8);
    /* Higher values are higher up. */
    assert_true(l.marks[0].y < l.marks[4].y);
    check_labels(&l, 480, 260);
    size_t n = 0;
    for (size_t i = 0; i < l.nlabels; i++)
        n += !strcmp(l.label_text[i], "1,014") || !strcmp(l.label_text[i], "696");
    assert_int_equal(n, 2);
    sr_chart_layout_free(&l);

    /* Lines that cross, close together, with a hidden value: still no label
     * over another. */
    static sr_chart_value x[4] = {
        {110, "110", false}, {95, "95", false}, {90, "90", false}, {99, "99", false}};
    static sr_chart_value y[4] = {
        {120, "120", false}, {0, "[c]", true}, {0, "[c]", true}, {101, "101", false}};
    sr_chart_series s2[2] = {{"2018-19", x}, {"2019-20", y}};
    c.series = s2;
    l = draw(&c, 480, 260, NULL);
    check_labels(&l, 480, 260);
    sr_chart_layout_free(&l);
}

/* A stacked bar with hidden parts stands at the total the data states, the
 * hidden remainder drawn as one block and counted in the total printed
 * above it and given in the text alternative (not the sum of the parts
 * shown: 373 for 410). */
static void stacked_bars_keep_hidden_parts_in_their_totals(void **state)
{
    (void)state;
    const char *cats[] = {"2023-24", "2024-25"};
    static sr_chart_value a[2] = {{168, "168", false}, {160, "160", false}};
    static sr_chart_value b[2] = {{205, "205", false}, {213, "213", false}};
    static sr_chart_value c3[2] = {{42, "42", false}, {0, "[c]", true}};
    static sr_chart_value d[2] = {{0, "0", false}, {0, "[c]", true}};
    static const sr_chart_value totals[2] = {{415, "415", false}, {410, "410", false}};
    sr_chart_series s[4] = {
        {"Emotional abuse", a}, {"Neglect", b}, {"Physical abuse", c3}, {"Sexual abuse", d}};
    sr_chart c = {.kind = SR_CHART_STACKED_BAR,
                  .id = "cp",
                  .title = "Plans started",
                  .categories = cats,
                  .ncat = 2,
                  .series = s,
                  .nseries = 4,
                  .totals = totals,
                  .whole = true,
                  .draw_title = true,
                  .what = "plans",
                  .change = "down 1.2% from 415"};
    char *alt = sr_chart_alt(&c);
    assert_string_equal(alt, "Stacked bar chart: Plans started. 2 bars, each split into Emotional "
                             "abuse, Neglect, Physical abuse and Sexual abuse. 2023-24: 415 plans "
                             "in all. 2024-25: 410 plans in all, including Physical abuse and "
                             "Sexual abuse, which are not shown. Overall: down 1.2% from 415. 2 "
                             "values are not shown (hidden to protect small numbers, or not "
                             "available).");
    free(alt);
    /* One year: one bar, not "each". */
    c.ncat = 1;
    alt = sr_chart_alt(&c);
    assert_non_null(strstr(alt, " 1 bar, split into Emotional abuse, Neglect,"));
    free(alt);
    c.ncat = 2;
    sr_chart_layout l = draw(&c, 320, 260, NULL);
    /* 4 parts in the first bar, 4 in the second (two of them gaps) and the
     * hidden block. */
    assert_int_equal(l.nmarks, 9);
    double per = (l.marks[0].h + l.marks[1].h + l.marks[2].h + l.marks[3].h) / 415;
    assert_true(fabs(l.marks[4].h - 160 * per) < 0.01);
    assert_true(l.marks[6].h == 0 && l.marks[7].h == 0);
    sr_rect hid = l.marks[8];
    assert_true(fabs(hid.h - 37 * per) < 0.01);               /* 410 - 160 - 213 */
    assert_true(fabs((hid.y + hid.h) - l.marks[5].y) < 0.01); /* on top of the parts */
    assert_true(fabs(hid.y - (l.marks[4].y + l.marks[4].h - 410 * per)) < 0.01); /* at 410 */
    bool stated = false, sum = false, key = false;
    for (size_t i = 0; i < l.nlabels; i++) {
        stated |= strcmp(l.label_text[i], "410") == 0;
        sum |= strcmp(l.label_text[i], "373") == 0;
        key |= strcmp(l.label_text[i], "not shown") == 0;
    }
    assert_true(stated && !sum && key);
    check_labels(&l, 320, 260);
    sr_chart_layout_free(&l);

    /* A stated total more than the parts, none of them hidden: the rest is
     * drawn too, so the bar stands at the total printed above it. */
    static const sr_chart_value more[2] = {{430, "430", false}, {410, "410", false}};
    c.totals = more;
    alt = sr_chart_alt(&c);
    assert_non_null(strstr(alt, " 2023-24: 430 plans in all, some of them in no part shown. "));
    free(alt);
    l = draw(&c, 320, 260, NULL);
    assert_int_equal(l.nmarks, 10);
    per = (l.marks[0].h + l.marks[1].h + l.marks[2].h + l.marks[3].h) / 415;
    assert_true(fabs(l.marks[4].h - 15 * per) < 0.01);
    sr_chart_layout_free(&l);
    c.totals = totals;

    /* A total that is itself hidden is said to be, never summed from the
     * parts shown; without a stated total, a bar with a hidden part has no
     * known total. */
    static const sr_chart_value hidden_total[2] = {{415, "415", false}, {0, "[c]", true}};
    c.totals = hidden_total;
    c.change = NULL;
    alt = sr_chart_alt(&c);
    assert_non_null(strstr(alt, " 2024-25: the total is hidden to protect small numbers."));
    free(alt);
    c.totals = NULL;
    alt = sr_chart_alt(&c);
    assert_non_null(strstr(alt, " 2023-24: 415 plans in all. 2024-25: the total is not known, as "
                                "Physical abuse and Sexual abuse are not shown."));
    free(alt);
    /* A part not available ([x]) is not said to be "not shown": only a hidden
     * one ([c]) is. */
    static sr_chart_value d_x[2] = {{0, "[x]", true}, {0, "[c]", true}};
    s[3].values = d_x;
    alt = sr_chart_alt(&c);
    assert_non_null(strstr(alt, " 2023-24: the total is not known, as Sexual abuse is not "
                                "available. 2024-25: the total is not known, as Physical abuse "
                                "and Sexual abuse are not shown."));
    free(alt);
    c.totals = totals;
    alt = sr_chart_alt(&c);
    assert_non_null(strstr(alt, " 2023-24: 415 plans in all; Sexual abuse is not available. "));
    free(alt);
    d_x[1] = (sr_chart_value){0, "[x]", true};
    alt = sr_chart_alt(&c);
    assert_non_null(strstr(alt, " 2024-25: 410 plans in all, including Physical abuse, which is "
                                "not shown; Sexual abuse is not available. "));
    free(alt);
    c.totals = NULL;
    s[3].values = d;
    l = draw(&c, 320, 260, NULL);
    for (size_t i = 0; i < l.nlabels; i++)
        assert_string_not_equal(l.label_text[i], "373");
    sr_chart_layout_free(&l);
}

/* ---- charts at scale: 40 partners ---------------------------------------------------- */

#define MANY 40
static const char *many_names[MANY];
static sr_chart_value many_vals[MANY];
static char many_buf[MANY][2][64];

/* 40 partners, names of every length, values all different: partner k
 * gives 100000 / k + 37 k (pounds with money). */
static sr_chart many(sr_chart_kind kind, bool money)
{
    for (size_t i = 0; i < MANY; i++) {
        size_t k = i + 1;
        static const char *const stem[] = {"Primary School Cluster",
                                           "Voluntary Sector Children and Families Organisation",
                                           "Community Health and Wellbeing Service"};
        snprintf(many_buf[i][0], sizeof many_buf[i][0], "%s %02zu", stem[i % 3], k);
        many_names[i] = many_buf[i][0];
        double v = (double)(100000 / k + 37 * k);
        if (money)
            sr_fmt_money((int64_t)v * 100, many_buf[i][1], sizeof many_buf[i][1]);
        else
            sr_fmt_count((int64_t)v, many_buf[i][1], sizeof many_buf[i][1]);
        many_vals[i] = (sr_chart_value){v, many_buf[i][1], false};
    }
    static sr_chart_series s[1];
    s[0] = (sr_chart_series){"2019-20", many_vals};
    return (sr_chart){.kind = kind,
                      .id = "many",
                      .title = "Forty partners",
                      .categories = many_names,
                      .ncat = MANY,
                      .series = s,
                      .nseries = 1,
                      .whole = !money,
                      .draw_title = true};
}

static size_t count_label(const sr_chart_layout *l, const char *prefix)
{
    size_t n = 0;
    for (size_t i = 0; i < l->nlabels; i++)
        n += strncmp(l->label_text[i], prefix, strlen(prefix)) == 0;
    return n;
}

/* Horizontal bars grow to fit every row: at 480 x 320, forty rows would
 * run off the bottom. */
static void hbars_grow_to_show_every_row(void **state)
{
    (void)state;
    sr_chart c = many(SR_CHART_HBAR, false);
    c.sort = true;
    c.x_title = "Attendees";
    double h = sr_chart_height(fonts, &c, 480, 320);
    assert_true(h > 320);
    sr_chart_layout l = draw(&c, 480, h, NULL);
    check_labels(&l, 480, h);
    assert_int_equal(l.nmarks, MANY);
    /* Rows closer together: each as tall as its name (or its bar and
     * value) and 2 points, the chart no taller than they, its title and
     * its axis title. */
    double rows = 0;
    for (size_t i = 0; i < MANY; i++) {
        const sr_rect *name = NULL;
        for (size_t k = 0; k < l.nlabels; k++)
            if (strcmp(l.label_text[k], many_names[i]) == 0)
                name = &l.labels[k];
        assert_non_null(name);
        rows += fmax(name->h, l.marks[i].h + 1) + 2;
    }
    if (h > rows + 50)
        fail_msg("%g points tall for %g points of rows", h, rows);
    for (size_t i = 0; i < l.nmarks; i++)
        assert_true(l.marks[i].y + l.marks[i].h <= h);
    for (size_t i = 0; i < MANY; i++)
        assert_int_equal(count_label(&l, many_names[i]), 1);
    sr_chart_layout_free(&l);
    /* Two rows do not fill 320 points even spread out: the chart is as
     * tall as they are, its axis title under them. */
    const char *cats[] = {"GMP", "SMBC"};
    const char *labels[] = {"20", "228"};
    sr_chart s = make(SR_CHART_HBAR, cats, 2, (double[]){20, 228}, labels);
    s.x_title = "Attendees";
    h = sr_chart_height(fonts, &s, 480, 320);
    assert_true(h < 160);
    assert_true(sr_chart_height(fonts, &s, 480, h) == h); /* the same, measured again */
    l = draw(&s, 480, h, NULL);
    check_labels(&l, 480, h);
    assert_true(l.marks[1].y + l.marks[1].h < h);
    sr_chart_layout_free(&l);
}

/* The label whose text is s, or NULL. */
static const sr_rect *label_of(const sr_chart_layout *l, const char *s)
{
    for (size_t i = 0; i < l->nlabels; i++)
        if (strcmp(l->label_text[i], s) == 0)
            return &l->labels[i];
    return NULL;
}

/* Horizontal bars with room to spare (seven courses in 340 points): the
 * axis title sits right under the last bar, whatever height the chart is
 * drawn at, with no empty band between them. */
static void hbars_have_no_band_above_the_axis_title(void **state)
{
    (void)state;
    const char *cats[] = {"Introduction to safeguarding children",
                          "Neglect and the graded care profile",
                          "Domestic abuse and children",
                          "Child exploitation",
                          "Online harms",
                          "Working with fathers and male carers",
                          "Safeguarding disabled children"};
    const char *labels[] = {"214", "141", "118", "96", "72", "37", "29"};
    sr_chart c = make(SR_CHART_HBAR, cats, 7, (double[]){214, 141, 118, 96, 72, 37, 29}, labels);
    c.x_title = "Attendees";
    c.draw_title = false;
    double h = sr_chart_height(fonts, &c, 480, 340);
    assert_true(h < 340);
    double heights[] = {h, 340};
    for (size_t k = 0; k < 2; k++) {
        sr_chart_layout l = draw(&c, 480, heights[k], NULL);
        check_labels(&l, 480, heights[k]);
        double last = 0;
        for (size_t i = 0; i < l.nmarks; i++)
            last = fmax(last, l.marks[i].y + l.marks[i].h);
        const sr_rect *t = label_of(&l, "Attendees");
        assert_non_null(t);
        if (t->y - last > 8)
            fail_msg("at %g points tall, %.1f points between the last bar and the axis title",
                     heights[k], t->y - last);
        if (k == 0) /* and nothing under the title but a margin of 3 points */
            assert_true(h - (t->y + t->h) < 4);
        sr_chart_layout_free(&l);
    }
}

/* The width of s in the charts' label font (8.5 points, regular). */
static double text_width(const char *s)
{
    cairo_surface_t *sf = cairo_image_surface_create(CAIRO_FORMAT_RGB24, 1, 1);
    cairo_t *cr = cairo_create(sf);
    PangoLayout *pl = sr_fonts_layout(fonts, cr, 8.5, 400);
    pango_layout_set_text(pl, s, -1);
    PangoRectangle logical;
    pango_layout_get_extents(pl, NULL, &logical);
    g_object_unref(pl);
    cairo_destroy(cr);
    cairo_surface_destroy(sf);
    return logical.width / (double)PANGO_SCALE;
}

/* Each category's label is drawn once, whole, and no word of it is broken
 * across lines: the label is at least as wide as its widest word. */
static void check_category_labels(const sr_chart_layout *l, const char *const *cats, size_t n)
{
    for (size_t k = 0; k < n; k++) {
        size_t found = 0;
        for (size_t i = 0; i < l->nlabels; i++) {
            char t[256];
            snprintf(t, sizeof t, "%s", l->label_text[i]);
            for (char *p = t; *p; p++)
                if (*p == '\n')
                    *p = ' ';
            if (strcmp(t, cats[k]) != 0)
                continue;
            found++;
            char words[256];
            snprintf(words, sizeof words, "%s", cats[k]);
            for (char *w = strtok(words, " "); w; w = strtok(NULL, " "))
                if (text_width(w) > l->labels[i].w + 0.5)
                    fail_msg("'%s' is broken inside a word: '%s' is %.1f wide, the label %.1f",
                             cats[k], w, text_width(w), l->labels[i].w);
        }
        if (found != 1)
            fail_msg("'%s' is drawn %zu times", cats[k], found);
    }
}

/* Vertical bars with many categories: the labels wrap at spaces only, the
 * plot keeps room for its axis, and bars too many to stand side by side
 * are drawn as a row each; a few that fit stay columns, and the chart
 * grows rather than squeeze the plot. */
static void many_columns_fit_and_never_break_words(void **state)
{
    (void)state;
    static const char *const cats[18] = {
        "Referrals to children's social care",
        "Children looked after per 10,000 children",
        "Contacts to the front door",
        "Early help assessments started",
        "Early help assessments open at 31 March",
        "Children in need during the year",
        "Section 47 enquiries",
        "Initial child protection conferences",
        "Children on a child protection plan at 31 March",
        "Child protection plans started",
        "Children looked after at 31 March",
        "Children looked after by other councils",
        "Multi-agency training attendees",
        "Training evaluations returned",
        "Rapid reviews",
        "Local child safeguarding practice reviews",
        "Allegations against people who work with children",
        "Private fostering notifications",
    };
    double v[18];
    const char *labels[18];
    char lb[18][16];
    for (size_t i = 0; i < 18; i++) {
        v[i] = (double)(100 + 37 * i);
        snprintf(lb[i], sizeof lb[i], "%d", (int)v[i]);
        labels[i] = lb[i];
    }
    sr_chart c = make(SR_CHART_BAR, (const char **)cats, 18, v, labels);
    double h = sr_chart_height(fonts, &c, 480, 260);
    sr_chart_layout l = draw(&c, 480, h, NULL);
    check_labels(&l, 480, h);
    check_category_labels(&l, cats, 18);
    assert_true(l.plot.h >= 100);
    assert_int_equal(l.nmarks, 18);
    for (size_t i = 1; i < 18; i++)
        assert_true(l.marks[i].y > l.marks[i - 1].y); /* a row each, in data order */
    sr_chart_layout_free(&l);

    /* Six fit side by side: columns, the chart taller than asked so that
     * the plot is not squeezed by the wrapped labels. */
    sr_chart f = make(SR_CHART_BAR, (const char **)cats, 6, v, labels);
    h = sr_chart_height(fonts, &f, 480, 160);
    assert_true(h > 160);
    l = draw(&f, 480, h, NULL);
    check_labels(&l, 480, h);
    check_category_labels(&l, cats, 6);
    assert_true(l.plot.h >= 100);
    for (size_t i = 1; i < 6; i++) {
        assert_true(l.marks[i].x > l.marks[i - 1].x);
        assert_true(fabs((l.marks[i].y + l.marks[i].h) - (l.marks[0].y + l.marks[0].h)) < 0.01);
    }
    sr_chart_layout_free(&l);
}

/* The attendance matrix: forty members' names never print over each
 * other, and seventy meetings go on in blocks below rather than in
 * columns too narrow for their dates. */
static void matrix_rows_and_columns_never_overlap(void **state)
{
    (void)state;
    static sr_chart_value m[10][MANY];
    static sr_chart_series s[70];
    static char dates[70][32];
    for (size_t k = 0; k < 10; k++) {
        for (size_t i = 0; i < MANY; i++)
            m[k][i] = (sr_chart_value){(double)((i + k) % 4), "", false};
        snprintf(dates[k], sizeof dates[k], "%zu October 2019", 2 * k + 1);
        s[k] = (sr_chart_series){dates[k], m[k]};
    }
    sr_chart c = many(SR_CHART_MATRIX, false);
    c.series = s;
    c.nseries = 10;
    double h = sr_chart_height(fonts, &c, 480, 240);
    assert_true(h > 240);
    sr_chart_layout l = draw(&c, 480, h, NULL);
    check_labels(&l, 480, h);
    assert_int_equal(l.nmarks, MANY * 10);
    for (size_t i = 0; i < l.nmarks; i++)
        for (size_t j = i + 1; j < l.nmarks; j++)
            if (overlap(l.marks[i], l.marks[j]))
                fail_msg("symbols %zu and %zu overlap", i, j);
    sr_chart_layout_free(&l);

    /* 70 meetings of 3 members. */
    static sr_chart_value three[70][3];
    for (size_t k = 0; k < 70; k++) {
        for (size_t i = 0; i < 3; i++)
            three[k][i] = (sr_chart_value){SR_MATRIX_ATTENDED, "attended", false};
        snprintf(dates[k], sizeof dates[k], "%zu September 2019", k % 28 + 1);
        s[k] = (sr_chart_series){dates[k], three[k]};
    }
    c.ncat = 3;
    c.nseries = 70;
    h = sr_chart_height(fonts, &c, 480, 240);
    l = draw(&c, 480, h, NULL);
    check_labels(&l, 480, h);
    assert_int_equal(l.nmarks, 3 * 70);
    for (size_t k = 0; k < 70; k++)
        assert_true(count_label(&l, dates[k]) >= 1);
    sr_chart_layout_free(&l);
    char *alt = sr_chart_alt(&c);
    assert_non_null(strstr(alt, " 3 members at 70 meetings."));
    free(alt);
}

/* ---- charts in parts --------------------------------------------------------------- */

/* Rows [from, from + n) of c drawn as a part, its layout, the part's height in *ph. */
static sr_chart_layout draw_part(const sr_chart *c, double w, double h, size_t from, size_t n,
                                 double *ph)
{
    *ph = sr_chart_rows_height(fonts, c, w, h, from, n);
    assert_true(*ph > 0);
    cairo_surface_t *s = cairo_image_surface_create(CAIRO_FORMAT_RGB24, (int)w, (int)ceil(*ph));
    cairo_t *cr = cairo_create(s);
    assert_int_equal(cairo_status(cr), CAIRO_STATUS_SUCCESS);
    sr_chart_layout l = {0};
    assert_int_equal(sr_chart_draw_rows(cr, fonts, c, w, h, from, n, &l), 0);
    cairo_destroy(cr);
    cairo_surface_destroy(s);
    return l;
}

/* The partners' names a layout shows, in the order drawn (top to bottom). */
static size_t names_in(const sr_chart_layout *l, const char **out)
{
    size_t n = 0;
    for (size_t i = 0; i < l->nlabels; i++)
        for (size_t k = 0; k < MANY; k++)
            if (strcmp(l->label_text[i], many_names[k]) == 0 && n < MANY * 4)
                out[n++] = many_names[k];
    return n;
}

static void no_type_under_9_points(const sr_chart_layout *l)
{
    for (size_t i = 0; i < l->nruns; i++)
        if (l->runs[i].size < SR_CHART_TYPE_MIN)
            fail_msg("'%s' is set at %.1f points", l->runs[i].text, l->runs[i].size);
}

/* A chart of forty rows drawn in three parts: the parts hold the whole
 * chart's rows in its order (sorted first), each bar as long as in the
 * whole chart (one value axis), the axis title under each part, a break
 * in the series under the last, the type at its size; kinds without rows
 * are not cut. */
static void tall_charts_are_drawn_in_parts(void **state)
{
    (void)state;
    sr_chart c = many(SR_CHART_HBAR, false);
    c.sort = true;
    c.x_title = "Attendees";
    c.break_note = "Break in the series on 1 April 2019: counted per child.";
    assert_int_equal(sr_chart_rows(fonts, &c, 480), MANY);
    double h = sr_chart_height(fonts, &c, 480, 320);
    sr_chart_layout whole = draw(&c, 480, h, NULL);
    const char *order[MANY * 4], *got[MANY * 4];
    assert_int_equal(names_in(&whole, order), MANY);
    assert_int_equal(whole.nmarks, MANY);
    /* sorted: the largest first, which is partner 1's, not the first row given last */
    assert_string_equal(order[0], many_names[0]);
    const size_t cut[] = {0, 15, 30, MANY};
    size_t seen = 0;
    double parts_h = 0;
    for (size_t p = 0; p < 3; p++) {
        size_t from = cut[p], n = cut[p + 1] - cut[p];
        double ph;
        sr_chart_layout l = draw_part(&c, 480, h, from, n, &ph);
        parts_h += ph;
        assert_true(ph < h);
        check_labels(&l, 480, ph);
        no_type_under_9_points(&l);
        assert_int_equal(l.nmarks, n);
        assert_int_equal(names_in(&l, got + seen), n);
        for (size_t j = 0; j < n; j++) {
            assert_string_equal(got[seen + j], order[from + j]);
            /* one scale: each bar as long as in the whole chart */
            assert_true(fabs(l.marks[j].w - whole.marks[from + j].w) < 1e-6);
            assert_true(fabs(l.marks[j].x - whole.marks[from + j].x) < 1e-6);
        }
        assert_int_equal(count_label(&l, "Attendees"), 1);
        assert_int_equal(count_label(&l, "Break in the series"), p == 2);
        seen += n;
        sr_chart_layout_free(&l);
    }
    assert_int_equal(seen, MANY);
    assert_true(parts_h > h); /* each part has its own axis title */
    sr_chart_layout_free(&whole);
    /* Rows it does not have, or none: not drawn. */
    assert_true(sr_chart_rows_height(fonts, &c, 480, h, 35, 10) == 0);
    assert_true(sr_chart_rows_height(fonts, &c, 480, h, 0, 0) == 0);
    cairo_surface_t *s = cairo_image_surface_create(CAIRO_FORMAT_RGB24, 10, 10);
    cairo_t *cr = cairo_create(s);
    assert_int_equal(sr_chart_draw_rows(cr, fonts, &c, 480, h, MANY, 1, NULL), -1);

    /* Forty columns drawn as rows are rows too; lines and donuts are not cut. */
    sr_chart b = many(SR_CHART_BAR, false);
    assert_int_equal(sr_chart_rows(fonts, &b, 480), MANY);
    sr_chart d = many(SR_CHART_DONUT, true);
    assert_int_equal(sr_chart_rows(fonts, &d, 480), 0);
    assert_int_equal(sr_chart_draw_rows(cr, fonts, &d, 480, 300, 0, 1, NULL), -1);
    cairo_destroy(cr);
    cairo_surface_destroy(s);
    const char *three[] = {"2017-18", "2018-19", "2019-20"};
    const char *labels[] = {"1", "2", "3"};
    sr_chart few = make(SR_CHART_BAR, three, 3, (double[]){1, 2, 3}, labels);
    assert_int_equal(sr_chart_rows(fonts, &few, 480), 0);

    /* A matrix of forty members at ten meetings, in blocks of columns: its
     * rows are a block's members, then the next block's; each part has
     * the key, and the dates over each block it has rows of. */
    static sr_chart_value m[10][MANY];
    static sr_chart_series ms[10];
    static char dates[10][32];
    for (size_t k = 0; k < 10; k++) {
        for (size_t i = 0; i < MANY; i++)
            m[k][i] = (sr_chart_value){(double)((i + k) % 4), "", false};
        snprintf(dates[k], sizeof dates[k], "%zu October 2019", 2 * k + 1);
        ms[k] = (sr_chart_series){dates[k], m[k]};
    }
    sr_chart x = many(SR_CHART_MATRIX, false);
    x.series = ms;
    x.nseries = 10;
    size_t rows = sr_chart_rows(fonts, &x, 480);
    assert_true(rows >= 2 * MANY && rows % MANY == 0);
    h = sr_chart_height(fonts, &x, 480, 240);
    size_t marks = 0, dated[10] = {0};
    for (size_t from = 0; from < rows; from += 20) {
        double ph;
        sr_chart_layout l = draw_part(&x, 480, h, from, 20, &ph);
        assert_true(ph < h * 0.6);
        check_labels(&l, 480, ph);
        no_type_under_9_points(&l);
        marks += l.nmarks;
        assert_int_equal(count_label(&l, "attended"), 1);
        for (size_t k = 0; k < 10; k++)
            dated[k] += count_label(&l, dates[k]);
        assert_int_equal(names_in(&l, got), 20);
        for (size_t j = 0; j < 20; j++)
            assert_string_equal(got[j], many_names[(from + j) % MANY]);
        sr_chart_layout_free(&l);
    }
    assert_int_equal(marks, MANY * 10);
    for (size_t k = 0; k < 10; k++)
        assert_true(dated[k] >= 1);
    /* Three members at seventy meetings: tall for its blocks, not its
     * members, and cut between blocks. */
    static sr_chart_value tv[70][3];
    static sr_chart_series ts[70];
    static char tdates[70][32];
    for (size_t k = 0; k < 70; k++) {
        for (size_t i = 0; i < 3; i++)
            tv[k][i] = (sr_chart_value){SR_MATRIX_ATTENDED, "attended", false};
        snprintf(tdates[k], sizeof tdates[k], "%zu September 2019", k % 28 + 1);
        ts[k] = (sr_chart_series){tdates[k], tv[k]};
    }
    x.ncat = 3;
    x.series = ts;
    x.nseries = 70;
    rows = sr_chart_rows(fonts, &x, 480);
    assert_true(rows > 3 && rows % 3 == 0);
    h = sr_chart_height(fonts, &x, 480, 240);
    double ph, ph1;
    sr_chart_layout first = draw_part(&x, 480, h, 0, 3, &ph1);
    sr_chart_layout l = draw_part(&x, 480, h, 3, rows - 3, &ph);
    assert_true(ph < h && ph1 < h);
    assert_int_equal(first.nmarks + l.nmarks, 3 * 70);
    assert_int_equal(count_label(&first, tdates[0]), 1);
    sr_chart_layout_free(&first);
    sr_chart_layout_free(&l);
}

/* A donut of forty parts: the key shows the eleven largest and "Other"
 * for the rest, with a note; the text alternative gives each of those. */
static void donut_groups_the_smallest_as_other(void **state)
{
    (void)state;
    sr_chart c = many(SR_CHART_DONUT, true);
    double h = sr_chart_height(fonts, &c, 480, 220);
    sr_chart_layout l = draw(&c, 480, h, NULL);
    check_labels(&l, 480, h);
    /* The slices: eleven, then Other, and they make the whole circle. */
    double sweep = 0;
    size_t slices = 0;
    for (size_t i = 0; i < l.nmarks; i++)
        if (l.marks[i].w > 0) {
            sweep += l.marks[i].w;
            slices++;
        }
    assert_int_equal(slices, SR_DONUT_KEY_MAX);
    assert_true(fabs(sweep - 2 * 3.14159265358979) < 1e-6);
    /* Every key entry is drawn, the grouped ones are not. */
    double total = 0, other = 0;
    for (size_t i = 0; i < MANY; i++)
        total += many_vals[i].v;
    for (size_t i = SR_DONUT_KEY_MAX - 1; i < MANY; i++)
        other += many_vals[i].v;
    for (size_t i = 0; i < MANY; i++) {
        char entry[96];
        snprintf(entry, sizeof entry, "%s: ", many_names[i]);
        assert_int_equal(count_label(&l, entry) > 0, i < SR_DONUT_KEY_MAX - 1);
    }
    char want[128], ov[48];
    sr_fmt_money((int64_t)other * 100, ov, sizeof ov);
    snprintf(want, sizeof want, "Other (29 more): %s (%.1f%%)", ov, other / total * 100);
    assert_int_equal(count_label(&l, want), 1);
    assert_int_equal(count_label(&l, "Other is the 29 smallest parts together"), 1);
    sr_chart_layout_free(&l);
    char *alt = sr_chart_alt(&c);
    assert_non_null(strstr(alt, " The key groups the 29 smallest parts as Other: "));
    for (size_t i = SR_DONUT_KEY_MAX - 1; i < MANY; i++) {
        char e[128];
        snprintf(e, sizeof e, "%s, %s", many_names[i], many_vals[i].label);
        assert_non_null(strstr(alt, e));
    }
    free(alt);
}

/* A chart across a break in the series shows it: a dashed line between the
 * years, a note under the chart, and the same words in its text
 * alternative. */
static void breaks_in_the_series_are_shown(void **state)
{
    (void)state;
    const char *cats[] = {"2022-23", "2023-24", "2024-25"};
    static sr_chart_value a[3] = {{172, "172", false}, {168, "168", false}, {160, "160", false}};
    static sr_chart_value b[3] = {{221, "221", false}, {205, "205", false}, {213, "213", false}};
    static const bool before[3] = {false, true, false};
    sr_chart_series s[2] = {{"Emotional abuse", a}, {"Neglect", b}};
    const char *note = "Break in the series on 1 July 2023, between 2022-23 and 2023-24: a new "
                       "recording system.";
    sr_chart c = {.kind = SR_CHART_STACKED_BAR,
                  .id = "cp",
                  .title = "Plans started",
                  .categories = cats,
                  .ncat = 3,
                  .series = s,
                  .nseries = 2,
                  .whole = true,
                  .draw_title = true,
                  .what = "plans",
                  .break_note = note,
                  .break_before = before};
    sr_chart_layout l = draw(&c, 320, 260, NULL);
    assert_int_equal(l.nbreaks, 1);
    /* Between the bars of 2022-23 (marks 0, 1) and 2023-24 (marks 2, 3). */
    assert_true(l.breaks[0].x > l.marks[1].x + l.marks[1].w && l.breaks[0].x < l.marks[2].x);
    assert_true(l.breaks[0].h > 0);
    assert_int_equal(count_label(&l, note), 1);
    check_labels(&l, 320, 260);
    sr_chart_layout_free(&l);
    char *alt = sr_chart_alt(&c);
    assert_string_equal(alt, "Stacked bar chart: Plans started. 3 bars, each split into Emotional "
                             "abuse and Neglect. 2022-23: 393 plans in all. 2023-24: 373 plans in "
                             "all. 2024-25: 373 plans in all. Break in the series on 1 July 2023, "
                             "between 2022-23 and 2023-24: a new recording system.");
    free(alt);

    /* The years as series (a line a year): the note, under the chart. */
    const char *q[] = {"Q1", "Q2"};
    static sr_chart_value y1[2] = {{10, "10", false}, {12, "12", false}};
    static sr_chart_value y2[2] = {{20, "20", false}, {22, "22", false}};
    sr_chart_series ys[2] = {{"2022-23", y1}, {"2023-24", y2}};
    sr_chart line = {.kind = SR_CHART_LINE,
                     .id = "q",
                     .title = "Referrals",
                     .categories = q,
                     .ncat = 2,
                     .series = ys,
                     .nseries = 2,
                     .whole = true,
                     .draw_title = true,
                     .break_note = note};
    l = draw(&line, 480, 260, NULL);
    assert_int_equal(count_label(&l, note), 1);
    check_labels(&l, 480, 260);
    sr_chart_layout_free(&l);
}

/* The label drawn nearest above the point (x, y): a bar's total or value. */
static const char *label_above(const sr_chart_layout *l, double x, double y)
{
    const char *best = NULL;
    double gap = 1e9;
    for (size_t i = 0; i < l->nlabels; i++) {
        sr_rect r = l->labels[i];
        double d = y - (r.y + r.h);
        if (fabs(r.x + r.w / 2 - x) < 1 && d >= -0.5 && d < gap) {
            gap = d;
            best = l->label_text[i];
        }
    }
    return best;
}

/* Axis units per point, from the ticks the layout reports. */
static double per_point(const sr_chart_layout *l)
{
    return (l->ticks[l->nticks - 1] - l->ticks[0]) / l->plot.h;
}

/* Every figure a chart's text alternative gives is the one it draws: each
 * stacked bar's "N in all" is the total printed above that bar and the
 * height it is drawn to; the largest and smallest are the longest and
 * shortest bars, labelled with the same figures. */
static void alt_texts_agree_with_what_is_drawn(void **state)
{
    (void)state;
    const char *cats[] = {"2022-23", "2023-24", "2024-25"};
    static sr_chart_value a[3] = {{172, "172", false}, {168, "168", false}, {160, "160", false}};
    static sr_chart_value b[3] = {{221, "221", false}, {205, "205", false}, {213, "213", false}};
    static sr_chart_value x[3] = {{46, "46", false}, {0, "[c]", true}, {0, "[c]", true}};
    static sr_chart_value y[3] = {{0, "[x]", true}, {0, "[c]", true}, {26, "26", false}};
    static const sr_chart_value totals[3] = {
        {439, "439", false}, {415, "415", false}, {410, "410", false}};
    sr_chart_series s[4] = {{"Emotional abuse", a}, {"Neglect", b}, {"Other", x}, {"Multiple", y}};
    sr_chart c = {.kind = SR_CHART_STACKED_BAR,
                  .id = "cp",
                  .title = "Plans started",
                  .categories = cats,
                  .ncat = 3,
                  .series = s,
                  .nseries = 4,
                  .totals = totals,
                  .whole = true,
                  .draw_title = true,
                  .what = "plans"};
    char *alt = sr_chart_alt(&c);
    sr_chart_layout l = draw(&c, 320, 260, NULL);
    double unit = per_point(&l), base = l.plot.y + l.plot.h;
    size_t m = 0;
    for (size_t i = 0; i < 3; i++) {
        char want[64];
        snprintf(want, sizeof want, " %s: %s plans in all", cats[i], totals[i].label);
        assert_non_null(strstr(alt, want));
        /* The bar's marks: its parts, then a hidden block when it has one
         * (2022-23's parts shown make its total: none). */
        double top = base, cx = 0;
        size_t parts = i == 0 ? 4 : 5;
        assert_true(m + parts <= l.nmarks);
        for (size_t k = 0; k < parts; k++, m++) {
            if (l.marks[m].y < top && l.marks[m].h > 0)
                top = l.marks[m].y;
            cx = l.marks[m].x + l.marks[m].w / 2;
        }
        assert_true(fabs((base - top) * unit - totals[i].v) < 0.01);
        const char *above = label_above(&l, cx, top);
        assert_non_null(above);
        assert_string_equal(above, totals[i].label);
    }
    assert_int_equal(m, l.nmarks);
    sr_chart_layout_free(&l);
    free(alt);

    /* Bars: the largest and smallest the text names are the tallest and
     * shortest drawn, labelled with the figures it gives. */
    const char *bc[] = {"Emotional abuse", "Neglect", "Physical abuse", "Sexual abuse"};
    const char *bl[] = {"181", "114", "[c]", "9"};
    sr_chart bar = make(SR_CHART_BAR, bc, 4, (double[]){181, 114, 0, 9}, bl);
    bar.what = "plans";
    alt = sr_chart_alt(&bar);
    l = draw(&bar, 400, 240, NULL);
    size_t hi = 0, lo = 0;
    for (size_t i = 0; i < 4; i++) {
        if (bar.series[0].values[i].missing)
            continue;
        if (l.marks[i].h > l.marks[hi].h)
            hi = i;
        if (l.marks[i].h < l.marks[lo].h || bar.series[0].values[lo].missing)
            lo = i;
    }
    char want[128];
    snprintf(want, sizeof want, " Largest: %s, %s plans.", bc[hi], bl[hi]);
    assert_non_null(strstr(alt, want));
    snprintf(want, sizeof want, " Smallest: %s, %s plans.", bc[lo], bl[lo]);
    assert_non_null(strstr(alt, want));
    for (size_t i = 0; i < 4; i++) {
        const char *above = label_above(&l, l.marks[i].x + l.marks[i].w / 2, l.marks[i].y);
        assert_non_null(above);
        assert_string_equal(above, bl[i]);
        if (!bar.series[0].values[i].missing)
            assert_true(fabs(l.marks[i].h * per_point(&l) - bar.series[0].values[i].v) < 0.01);
    }
    assert_non_null(strstr(alt, " 1 value is not shown"));
    sr_chart_layout_free(&l);
    free(alt);
}

/* The same for horizontal bars, lines and a donut: the largest and
 * smallest the text names are the longest bar, the highest point and the
 * biggest slice, labelled with the figures the text gives; the donut's
 * total is the one in its hole. */
static void alt_texts_agree_for_every_kind(void **state)
{
    (void)state;
    const char *cats[] = {"Basic awareness", "Emotional abuse", "Neglect", "Online harms"};
    const char *labels[] = {"127", "13", "133", "[c]"};
    double v[] = {127, 13, 133, 0};
    sr_chart_kind kinds[] = {SR_CHART_HBAR, SR_CHART_LINE, SR_CHART_DONUT};
    for (size_t k = 0; k < 3; k++) {
        sr_chart c = make(kinds[k], cats, 4, v, labels);
        c.sort = kinds[k] == SR_CHART_HBAR;
        c.total = kinds[k] == SR_CHART_DONUT ? "273" : NULL;
        char *alt = sr_chart_alt(&c);
        sr_chart_layout l = draw(&c, 480, 260, NULL);
        check_labels(&l, 480, 260);
        /* The mark of the largest value (by size, as drawn) and of the
         * smallest: bar width, height up the axis, slice sweep. */
        size_t hi = (size_t)-1, lo = (size_t)-1;
        for (size_t i = 0; i < 4; i++) {
            if (c.series[0].values[i].missing)
                continue;
            double size = kinds[k] == SR_CHART_HBAR   ? l.marks[i].w
                          : kinds[k] == SR_CHART_LINE ? -l.marks[i].y
                                                      : l.marks[i].w;
            double hs = hi == (size_t)-1            ? 0
                        : kinds[k] == SR_CHART_HBAR ? l.marks[hi].w
                        : kinds[k] == SR_CHART_LINE ? -l.marks[hi].y
                                                    : l.marks[hi].w;
            double ls = lo == (size_t)-1            ? 0
                        : kinds[k] == SR_CHART_HBAR ? l.marks[lo].w
                        : kinds[k] == SR_CHART_LINE ? -l.marks[lo].y
                                                    : l.marks[lo].w;
            if (hi == (size_t)-1 || size > hs)
                hi = i;
            if (lo == (size_t)-1 || size < ls)
                lo = i;
        }
        /* Marks of horizontal bars are in the order drawn (sorted). */
        const char *hname = c.sort ? "Neglect" : cats[hi],
                   *lname = c.sort ? "Emotional abuse" : cats[lo];
        const char *hl = c.sort ? "133" : labels[hi], *ll = c.sort ? "13" : labels[lo];
        char want[128];
        snprintf(want, sizeof want, " Largest: %s, %s.", hname, hl);
        if (!strstr(alt, want))
            fail_msg("kind %zu: '%s' not in '%s'", k, want, alt);
        snprintf(want, sizeof want, " Smallest: %s, %s.", lname, ll);
        if (!strstr(alt, want))
            fail_msg("kind %zu: '%s' not in '%s'", k, want, alt);
        if (c.sort) { /* drawn: Neglect, Basic awareness, Emotional abuse, Online harms */
            assert_int_equal(hi, 0);
            assert_int_equal(lo, 2);
        }
        /* Each figure the text gives is drawn: by the bar or point, or in
         * the donut's key. */
        char hk[96], lk[96];
        snprintf(hk, sizeof hk, "%s: %s", hname, hl);
        snprintf(lk, sizeof lk, "%s: %s", lname, ll);
        bool donut = kinds[k] == SR_CHART_DONUT;
        assert_int_equal(count_label(&l, donut ? hk : hl) > 0, 1);
        assert_int_equal(count_label(&l, donut ? lk : ll) > 0, 1);
        if (kinds[k] == SR_CHART_DONUT) {
            assert_non_null(strstr(alt, " Total: 273."));
            assert_int_equal(count_label(&l, "273"), 1);
        }
        assert_non_null(strstr(alt, " 1 value is not shown"));
        assert_int_equal(count_label(&l, "[c]") > 0, kinds[k] != SR_CHART_DONUT);
        sr_chart_layout_free(&l);
        free(alt);
    }
}

/* A donut's hidden part still counts in the whole: a grey slice, shares of
 * the stated total, and the text says what is not shown. */
static void donuts_keep_hidden_parts_in_the_whole(void **state)
{
    (void)state;
    const char *cats[] = {"Council", "Police", "Health"};
    const char *labels[] = {"£127", "£13", "[x]"};
    sr_chart c = make(SR_CHART_DONUT, cats, 3, (double[]){127, 13, 0}, labels);
    static const sr_chart_value whole[1] = {{273, "£273", false}};
    c.total = "£273";
    c.totals = whole;
    char *alt = sr_chart_alt(&c);
    /* Health is not available ([x]), not hidden: it is not said to be "not shown". */
    assert_non_null(strstr(alt, " Total: £273; Health is not available."));
    free(alt);
    double h = sr_chart_height(fonts, &c, 480, 220);
    sr_chart_layout l = draw(&c, 480, h, NULL);
    check_labels(&l, 480, h);
    /* Council, Police, the gap for Health, then the hidden slice: 133 of 273. */
    assert_int_equal(l.nmarks, 4);
    assert_true(fabs(l.marks[0].w - 127.0 / 273 * 2 * 3.14159265358979) < 1e-6);
    assert_true(fabs(l.marks[3].w - 133.0 / 273 * 2 * 3.14159265358979) < 1e-6);
    assert_int_equal(count_label(&l, "Council: £127 (46.5%)"), 1);
    assert_int_equal(count_label(&l, "Not shown, in the total: 48.7%"), 1);
    assert_int_equal(count_label(&l, "£273"), 1);
    sr_chart_layout_free(&l);
}

/* `sort: yes` puts vertical bars largest first too. */
static void sort_orders_vertical_bars(void **state)
{
    (void)state;
    const char *cats[] = {"Physical abuse", "Emotional abuse", "Sexual abuse", "Neglect"};
    const char *labels[] = {"11", "181", "0", "114"};
    sr_chart c = make(SR_CHART_BAR, cats, 4, (double[]){11, 181, 0, 114}, labels);
    c.sort = true;
    sr_chart_layout l = draw(&c, 400, 240, NULL);
    /* Drawn largest first, left to right, each name under its bar. */
    const char *sorted[] = {"Emotional abuse", "Neglect", "Physical abuse", "Sexual abuse"};
    for (size_t k = 1; k < 4; k++) {
        assert_true(l.marks[k].x > l.marks[k - 1].x);
        assert_true(l.marks[k].h < l.marks[k - 1].h);
    }
    for (size_t k = 0; k < 4; k++) {
        bool under = false;
        for (size_t i = 0; i < l.nlabels; i++)
            under |=
                strcmp(l.label_text[i], sorted[k]) == 0 &&
                fabs(l.labels[i].x + l.labels[i].w / 2 - (l.marks[k].x + l.marks[k].w / 2)) < 0.5;
        assert_true(under);
    }
    check_labels(&l, 400, 240);
    sr_chart_layout_free(&l);
}

/* ---- type: sizes, baselines, contrast ----------------------------------------------- */

/* Every line of text of the chart is at least SR_CHART_TYPE_MIN points,
 * and every label is reported as runs, rotated axis titles too. */
static void check_sizes(const sr_chart *c, double w, double h)
{
    sr_chart_layout l = draw(c, w, h, NULL);
    check_labels(&l, w, h);
    assert_true(l.nruns >= l.nlabels);
    for (size_t i = 0; i < l.nlabels; i++)
        if (l.label_size[i] < SR_CHART_TYPE_MIN)
            fail_msg("kind %d: '%s' is set at %.1f points", (int)c->kind, l.label_text[i],
                     l.label_size[i]);
    for (size_t i = 0; i < l.nruns; i++)
        if (l.runs[i].size < SR_CHART_TYPE_MIN)
            fail_msg("kind %d: '%s' is set at %.1f points", (int)c->kind, l.runs[i].text,
                     l.runs[i].size);
    /* A y-axis title is turned (horizontal bars drawn for columns that do
     * not fit have none). */
    for (size_t i = 0; c->y_title && i < l.nruns; i++)
        if (strcmp(l.runs[i].text, c->y_title) == 0)
            assert_true(l.runs[i].rotate == -90);
    sr_chart_layout_free(&l);
}

/* No chart sets type under 9 points: labels, values, keys, notes, tiles
 * and the matrix's dates, of every kind. */
static void no_text_is_smaller_than_9_points(void **state)
{
    (void)state;
    assert_true(SR_CHART_TYPE_MIN >= 9.0);
    const char *cats[] = {"Emotional abuse", "Neglect", "Physical abuse", "Sexual abuse"};
    const char *labels[] = {"181", "114", "[c]", "9"};
    double v[] = {181, 114, 0, 9};
    sr_chart_kind kinds[] = {SR_CHART_BAR,   SR_CHART_HBAR, SR_CHART_LINE,
                             SR_CHART_DONUT, SR_CHART_KPI,  SR_CHART_COMPARE};
    const char *notes[] = {"down 7.6% from 196", "up 1.2% from 113", NULL, "no change"};
    const char *before[] = {"2018-19: 196", "2018-19: 113", NULL, "2018-19: 9"};
    for (size_t k = 0; k < sizeof kinds / sizeof *kinds; k++) {
        sr_chart c = make(kinds[k], cats, 4, v, labels);
        c.x_title = "Category";
        c.y_title = kinds[k] == SR_CHART_BAR || kinds[k] == SR_CHART_LINE ? "Plans" : NULL;
        c.notes = notes;
        c.before = before;
        c.break_note = kinds[k] == SR_CHART_KPI ? NULL : "Break in the series on 1 April 2019.";
        double h = sr_chart_height(fonts, &c, 480, 200);
        check_sizes(&c, 480, h);
    }
    /* Two years: grouped bars, lines, stacked bars with a hidden part. */
    const char *years[] = {"2018-19", "2019-20"};
    static sr_chart_value a[2] = {{172, "172", false}, {168, "168", false}};
    static sr_chart_value b[2] = {{221, "221", false}, {0, "[c]", true}};
    static const sr_chart_value totals[2] = {{393, "393", false}, {400, "400", false}};
    sr_chart_series s[2] = {{"Emotional abuse", a}, {"Neglect", b}};
    sr_chart_kind two[] = {SR_CHART_GROUPED_BAR, SR_CHART_LINE, SR_CHART_STACKED_BAR};
    for (size_t k = 0; k < 3; k++) {
        sr_chart c = {.kind = two[k],
                      .id = "two",
                      .title = "Plans",
                      .categories = years,
                      .ncat = 2,
                      .series = s,
                      .nseries = 2,
                      .totals = two[k] == SR_CHART_STACKED_BAR ? totals : NULL,
                      .whole = true,
                      .draw_title = true,
                      .y_title = "Plans started"};
        check_sizes(&c, 320, sr_chart_height(fonts, &c, 320, 260));
    }
    /* Many: rows of bars, forty columns drawn as rows, a matrix. */
    sr_chart m = many(SR_CHART_HBAR, false);
    check_sizes(&m, 480, sr_chart_height(fonts, &m, 480, 320));
    m = many(SR_CHART_BAR, false);
    check_sizes(&m, 480, sr_chart_height(fonts, &m, 480, 320));
    m = many(SR_CHART_DONUT, true);
    check_sizes(&m, 480, sr_chart_height(fonts, &m, 480, 220));
    static sr_chart_value mv[3][MANY];
    static sr_chart_series ms[3];
    const char *dates[] = {"11 June 2019", "17 September 2019", "3 December 2019"};
    for (size_t k = 0; k < 3; k++) {
        for (size_t i = 0; i < MANY; i++)
            mv[k][i] = (sr_chart_value){(double)((i + k) % 4), "", false};
        ms[k] = (sr_chart_series){dates[k], mv[k]};
    }
    m = many(SR_CHART_MATRIX, false);
    m.series = ms;
    m.nseries = 3;
    check_sizes(&m, 480, sr_chart_height(fonts, &m, 480, 240));
}

/* Crowded charts thin or grow, never overlap: twelve months of three
 * close lines, twelve grouped bars of three years, values in the
 * thousands. */
static void crowded_charts_never_overlap(void **state)
{
    (void)state;
    static const char *months[12] = {"April",    "May",       "June",     "July",
                                     "August",   "September", "October",  "November",
                                     "December", "January",   "February", "March"};
    static sr_chart_value v[3][12];
    static char lb[3][12][16];
    static sr_chart_series s[3];
    for (size_t k = 0; k < 3; k++) {
        for (size_t i = 0; i < 12; i++) {
            double x = 1000 + 37.0 * (double)((i * 7 + k * 3) % 11) + 5.0 * (double)k;
            sr_fmt_count((int64_t)x, lb[k][i], sizeof lb[k][i]);
            v[k][i] = (sr_chart_value){x, lb[k][i], false};
        }
        static const char *const years[] = {"2017-18", "2018-19", "2019-20"};
        s[k] = (sr_chart_series){years[k], v[k]};
    }
    sr_chart_kind kinds[] = {SR_CHART_LINE, SR_CHART_GROUPED_BAR, SR_CHART_STACKED_BAR};
    for (size_t k = 0; k < 3; k++) {
        sr_chart c = {.kind = kinds[k],
                      .id = "months",
                      .title = "Contacts by month",
                      .categories = months,
                      .ncat = 12,
                      .series = s,
                      .nseries = 3,
                      .whole = true,
                      .draw_title = true,
                      .x_title = "Month",
                      .y_title = "Contacts"};
        double h = sr_chart_height(fonts, &c, 480, 260);
        check_sizes(&c, 480, h);
    }
}

/* The runs of size points, in the order drawn. */
static size_t runs_of_size(const sr_chart_layout *l, double size, const sr_chart_run **out,
                           size_t max)
{
    size_t n = 0;
    for (size_t i = 0; i < l->nruns && n < max; i++)
        if (fabs(l->runs[i].size - size) < 1e-9)
            out[n++] = &l->runs[i];
    return n;
}

/* Key figures: the big numbers share one baseline across the tiles of a
 * row, whether the names above them take one line or three; so do the
 * years before under them. Every word is inside its tile. */
static void kpi_numbers_share_a_baseline(void **state)
{
    (void)state;
    const char *cats[] = {"Referrals",
                          "Children in need during the year",
                          "Section 47 enquiries",
                          "Children on a child protection plan at 31 March",
                          "Rapid reviews",
                          "Children looked after at 31 March, per 10,000 children"};
    const char *labels[] = {"3,944", "2,615", "1,046", "388", "4", "71.2"};
    const char *notes[] = {"down 3.6% from 4,093",
                           "down 3.2% from 2,702",
                           "no change",
                           NULL,
                           "up 1 from 3",
                           "down 0.4 from 71.6, the lowest for five years"};
    const char *before[] = {"2023-24: 4,093", "2023-24: 2,702", "2023-24: 1,046",
                            "2023-24: 402",   "2023-24: 3",     "2023-24: 71.6"};
    size_t counts[] = {4, 6};
    for (size_t t = 0; t < 2; t++) {
        size_t n = counts[t], cols = n <= 4 ? n : (n + 1) / 2;
        sr_chart c =
            make(SR_CHART_KPI, cats, n, (double[]){3944, 2615, 1046, 388, 4, 71.2}, labels);
        c.notes = notes;
        c.before = before;
        c.draw_title = false;
        double h = sr_chart_height(fonts, &c, 480, 120);
        sr_chart_layout l = draw(&c, 480, h, NULL);
        check_labels(&l, 480, h);
        const sr_chart_run *num[8], *yr[8];
        assert_int_equal(runs_of_size(&l, 20, num, 8), n);
        size_t nyr = 0;
        for (size_t i = 0; i < l.nruns; i++)
            if (strncmp(l.runs[i].text, "2023-24: ", 9) == 0)
                yr[nyr++] = &l.runs[i];
        assert_int_equal(nyr, n);
        for (size_t i = 0; i < n; i++) {
            size_t first = i / cols * cols;
            if (fabs(num[i]->y - num[first]->y) > 0.01)
                fail_msg("%zu tiles: the number of tile %zu stands on %.2f, of tile %zu on %.2f", n,
                         i, num[i]->y, first, num[first]->y);
            assert_true(fabs(yr[i]->y - yr[first]->y) < 0.01);
            /* Every tile's words inside its tile (the tiles are the marks
             * that are not arrows: as wide as a column). */
            const sr_rect *tile = NULL;
            for (size_t m = 0, k = 0; m < l.nmarks; m++)
                if (l.marks[m].w > 50 && k++ == i)
                    tile = &l.marks[m];
            assert_non_null(tile);
            assert_true(num[i]->box.y >= tile->y &&
                        yr[i]->box.y + yr[i]->box.h <= tile->y + tile->h);
        }
        /* The second row's numbers are below the first's tiles. */
        if (n > cols)
            assert_true(num[cols]->y > num[0]->y + 40);
        sr_chart_layout_free(&l);
    }
}

/* The colour of the pixel of s at (x, y) points, drawn at 2 pixels a point. */
static sr_rgb pixel(cairo_surface_t *s, double x, double y)
{
    int px = (int)(x * 2), py = (int)(y * 2);
    uint32_t v = ((const uint32_t *)(const void *)(cairo_image_surface_get_data(s) +
                                                   py * cairo_image_surface_get_stride(s)))[px];
    return (sr_rgb){((v >> 16) & 0xFF) / 255.0, ((v >> 8) & 0xFF) / 255.0, (v & 0xFF) / 255.0};
}

/* Every label of the chart has 4.5:1 contrast with each pixel it sits on:
 * the chart drawn without its text, each label's box read pixel by pixel
 * against the label's colour. */
static void check_contrast(const sr_chart *c, double w, double h)
{
    cairo_surface_t *s =
        cairo_image_surface_create(CAIRO_FORMAT_RGB24, (int)(w * 2 + 0.5), (int)(h * 2 + 0.5));
    cairo_t *cr = cairo_create(s);
    sr_set_rgb(cr, sr_background);
    cairo_paint(cr);
    cairo_scale(cr, 2, 2);
    sr_chart_layout l = {0};
    assert_int_equal(sr_chart_draw_flags(cr, fonts, c, w, h, SR_CHART_NO_TEXT, &l), 0);
    cairo_destroy(cr);
    cairo_surface_flush(s);
    for (size_t i = 0; i < l.nruns; i++) {
        const sr_chart_run *r = &l.runs[i];
        if (r->rotate != 0)
            continue;
        sr_rgb fg = {r->r, r->g, r->b};
        double worst = 21;
        for (double y = ceil(r->box.y * 2) / 2 + 0.25; y < r->box.y + r->box.h; y += 0.5)
            for (double x = ceil(r->box.x * 2) / 2 + 0.25; x < r->box.x + r->box.w; x += 0.5)
                worst = fmin(worst, sr_contrast(fg, pixel(s, x, y)));
        if (worst < 4.5)
            fail_msg("'%s' has contrast %.2f:1 with what it sits on; 4.5:1 needed", r->text, worst);
    }
    sr_chart_layout_free(&l);
    cairo_surface_destroy(s);
}

/* Labels on stacked bars' hatched parts, and on the hatched grey block of
 * what is not shown, read at 4.5:1: no white on light hatching. */
static void labels_on_hatching_have_contrast(void **state)
{
    (void)state;
    const char *cats[] = {"2023-24", "2024-25"};
    static sr_chart_value a[2] = {{168, "168", false}, {160, "160", false}};
    static sr_chart_value b[2] = {{205, "205", false}, {130, "130", false}};
    static sr_chart_value c3[2] = {{42, "42", false}, {0, "[c]", true}};
    static sr_chart_value d[2] = {{60, "60", false}, {0, "[c]", true}};
    static sr_chart_value e[2] = {{50, "50", false}, {40, "40", false}};
    static const sr_chart_value totals[2] = {{525, "525", false}, {450, "450", false}};
    sr_chart_series s[5] = {{"Emotional abuse", a},
                            {"Neglect", b},
                            {"Physical abuse", c3},
                            {"Sexual abuse", d},
                            {"Multiple", e}};
    sr_chart c = {.kind = SR_CHART_STACKED_BAR,
                  .id = "cp",
                  .title = "Plans started",
                  .categories = cats,
                  .ncat = 2,
                  .series = s,
                  .nseries = 5,
                  .totals = totals,
                  .whole = true,
                  .draw_title = true,
                  .y_title = "Plans started"};
    sr_chart_layout l = draw(&c, 320, 300, NULL);
    /* The hidden block is labelled, and so are the hatched parts. */
    assert_non_null(label_of(&l, "[c]"));
    assert_non_null(label_of(&l, "205"));
    assert_non_null(label_of(&l, "60"));
    sr_chart_layout_free(&l);
    check_contrast(&c, 320, 300);
    /* And on the other kinds' fills: tiles, the matrix's stripes. */
    const char *k[] = {"Referrals", "Plans"};
    const char *kl[] = {"3,944", "388"};
    const char *before[] = {"2023-24: 4,093", "2023-24: 402"};
    sr_chart kpi = make(SR_CHART_KPI, k, 2, (double[]){3944, 388}, kl);
    kpi.before = before;
    check_contrast(&kpi, 480, sr_chart_height(fonts, &kpi, 480, 120));
}

/* ---- text alternatives and SVG ------------------------------------------------------- */

static void text_alternatives_come_from_the_data(void **state)
{
    (void)state;
    const char *cats[] = {"Emotional abuse", "Neglect", "Physical abuse", "Sexual abuse"};
    const char *labels[] = {"181", "114", "[c]", "0"};
    sr_chart c = make(SR_CHART_BAR, cats, 4, (double[]){181, 114, 0, 0}, labels);
    c.title = "Child protection plans started, by category";
    c.what = "plans";
    c.change = "down 7.6% from 331";
    char *alt = sr_chart_alt(&c);
    assert_string_equal(alt, "Bar chart: Child protection plans started, by category. 4 "
                             "categories. Largest: Emotional abuse, 181 plans. Smallest: Sexual "
                             "abuse, 0 plans. Overall: down 7.6% from 331. 1 value is not shown "
                             "(hidden to protect small numbers, or not available).");
    free(alt);
}

static void kpi_and_matrix_alternatives(void **state)
{
    (void)state;
    const char *cats[] = {"Referrals"};
    static sr_chart_value v[1] = {{3243, "3,243", false}};
    sr_chart_series s[1] = {{"2019-20", v}};
    const char *notes[] = {"down 11.2% from 3,653"};
    sr_chart k = {.kind = SR_CHART_KPI,
                  .title = "Key figures",
                  .categories = cats,
                  .ncat = 1,
                  .series = s,
                  .nseries = 1,
                  .notes = notes};
    char *alt = sr_chart_alt(&k);
    assert_string_equal(alt, "Key figures: Key figures. Referrals: 3,243, down 11.2% from 3,653.");
    free(alt);

    const char *members[] = {"GMP", "Cafcass"};
    static sr_chart_value m1[2] = {{SR_MATRIX_ATTENDED, "attended", false},
                                   {SR_MATRIX_APOLOGIES, "apologies", false}};
    static sr_chart_value m2[2] = {{SR_MATRIX_ATTENDED, "attended", false},
                                   {SR_MATRIX_ABSENT, "absent", false}};
    sr_chart_series ms[2] = {{"11 June 2019", m1}, {"17 September 2019", m2}};
    sr_chart mx = {.kind = SR_CHART_MATRIX,
                   .title = "Attendance at the Executive",
                   .categories = members,
                   .ncat = 2,
                   .series = ms,
                   .nseries = 2};
    alt = sr_chart_alt(&mx);
    assert_string_equal(alt, "Attendance table: Attendance at the Executive. 2 members at 2 "
                             "meetings. GMP attended 2 of 2. Cafcass attended 0 of 2, sent "
                             "apologies to 1, was absent from 1.");
    free(alt);
    /* More than SR_CHART_ALT_MEMBERS members: each meeting's counts, and
     * each member's attendance left to the chart's table. */
    const char *many[SR_CHART_ALT_MEMBERS + 2];
    static sr_chart_value b1[SR_CHART_ALT_MEMBERS + 2], b2[SR_CHART_ALT_MEMBERS + 2];
    for (size_t i = 0; i < SR_CHART_ALT_MEMBERS + 2; i++) {
        many[i] = "A member with a long name";
        b1[i] = (sr_chart_value){SR_MATRIX_ATTENDED, "attended", false};
        b2[i] = i < 3   ? (sr_chart_value){SR_MATRIX_APOLOGIES, "apologies", false}
                : i < 4 ? (sr_chart_value){SR_MATRIX_NONE, "not recorded", false}
                        : b1[i];
    }
    sr_chart_series bs[2] = {{"11 June 2019", b1}, {"17 September 2019", b2}};
    mx.categories = many;
    mx.ncat = SR_CHART_ALT_MEMBERS + 2;
    mx.series = bs;
    alt = sr_chart_alt(&mx);
    assert_string_equal(alt, "Attendance table: Attendance at the Executive. 12 members at 2 "
                             "meetings. 11 June 2019: 12 attended. 17 September 2019: 8 attended, "
                             "3 sent apologies, 1 not recorded. 8 of the 12 members attended "
                             "every meeting. Each member's attendance at each meeting is in the "
                             "table of the chart's figures.");
    free(alt);
    mx.categories = members;
    mx.ncat = 2;
    mx.series = ms;
    sr_chart_layout l = draw(&mx, 400, 160, NULL);
    assert_int_equal(l.nmarks, 4); /* a symbol per member and meeting */
    check_labels(&l, 400, 160);
    sr_chart_layout_free(&l);
}

static void svg_carries_title_and_description(void **state)
{
    (void)state;
    const char *cats[] = {"Q1", "Q2"};
    const char *labels[] = {"10", "20"};
    sr_chart c = make(SR_CHART_BAR, cats, 2, (double[]){10, 20}, labels);
    c.id = "demo";
    c.title = "Plans & <reviews>";
    char path[] = "/tmp/sr-svg-XXXXXX";
    int fd = mkstemp(path);
    assert_true(fd >= 0);
    close(fd);
    assert_int_equal(sr_chart_write_svg(fonts, &c, 300, 200, path), 0);
    char *svg;
    size_t n;
    assert_int_equal(sr_read_file(path, 1 << 22, &svg, &n), SR_READ_OK);
    assert_non_null(strstr(svg, "role=\"img\" aria-labelledby=\"demo-title demo-desc\""));
    assert_non_null(strstr(svg, "<title id=\"demo-title\">Plans &amp; &lt;reviews&gt;</title>"));
    assert_non_null(strstr(svg, "<desc id=\"demo-desc\">Bar chart: Plans &amp; &lt;reviews&gt;. 2 "
                                "categories. Largest: Q2, 20. Smallest: Q1, 10.</desc>"));
    free(svg);
    /* The PNG at twice the size is twice the pixels. */
    assert_int_equal(sr_chart_write_png(fonts, &c, 300, 200, 2, path), 0);
    cairo_surface_t *png = cairo_image_surface_create_from_png(path);
    assert_int_equal(cairo_image_surface_get_width(png), 600);
    assert_int_equal(cairo_image_surface_get_height(png), 400);
    /* Its pixels are exactly the chart drawn onto an image: the encoder
     * loses nothing and puts red, green and blue in their places. */
    cairo_surface_t *direct = cairo_image_surface_create(CAIRO_FORMAT_RGB24, 600, 400);
    cairo_t *cr = cairo_create(direct);
    sr_set_rgb(cr, sr_background);
    cairo_paint(cr);
    cairo_scale(cr, 2, 2);
    assert_int_equal(sr_chart_draw(cr, fonts, &c, 300, 200, NULL), 0);
    cairo_destroy(cr);
    cairo_surface_flush(direct);
    cairo_surface_flush(png);
    size_t coloured = 0;
    for (int y = 0; y < 400; y++) {
        const uint32_t *a =
            (const uint32_t *)(const void *)(cairo_image_surface_get_data(png) +
                                             y * cairo_image_surface_get_stride(png));
        const uint32_t *b =
            (const uint32_t *)(const void *)(cairo_image_surface_get_data(direct) +
                                             y * cairo_image_surface_get_stride(direct));
        for (int x = 0; x < 600; x++) {
            if ((a[x] & 0xFFFFFF) != (b[x] & 0xFFFFFF))
                fail_msg("pixel %d,%d is %06x in the PNG, %06x drawn", x, y, a[x] & 0xFFFFFF,
                         b[x] & 0xFFFFFF);
            uint32_t r = (a[x] >> 16) & 0xFF, g = (a[x] >> 8) & 0xFF, bl = a[x] & 0xFF;
            coloured += r != g || g != bl;
        }
    }
    assert_true(coloured > 1000); /* the bars are there, in colour */
    cairo_surface_destroy(direct);
    cairo_surface_destroy(png);
    unlink(path);
}

/* The attribute name="..." of the element starting at e, as a number. */
static double attr_num(const char *e, const char *name)
{
    char key[32];
    snprintf(key, sizeof key, " %s=\"", name);
    const char *end = strchr(e, '>'), *a = strstr(e, key);
    if (!a || a > end)
        fail_msg("no %s in %.80s", name, e);
    return strtod(a + strlen(key), NULL);
}

/* The SVG's words are <text>, not glyph outlines: every line of every
 * label, escaped, at the place the chart laid it out (the same as on an
 * image), in the chart's family with fallbacks, anchored by its alignment;
 * the y-axis title turned; the title not drawn. */
static void svg_words_are_text(void **state)
{
    (void)state;
    const char *cats[] = {"Q1", "Q2 & Q3", "Schools and colleges in the north"};
    static sr_chart_value a[3] = {{120, "120", false}, {0, "[c]", true}, {98, "98", false}};
    static sr_chart_value b[3] = {{110, "110", false}, {95, "95", false}, {99, "99", false}};
    sr_chart_series s[2] = {{"2018-19", a}, {"2019-20", b}};
    sr_chart c = {.kind = SR_CHART_LINE,
                  .id = "words",
                  .title = "Referrals <by quarter>",
                  .categories = cats,
                  .ncat = 3,
                  .series = s,
                  .nseries = 2,
                  .whole = true,
                  .draw_title = true,
                  .x_title = "Quarter",
                  .y_title = "Referrals"};
    sr_buf out = SR_BUF_INIT;
    assert_int_equal(sr_chart_svg(fonts, &c, 300, 200, &out), 0);
    const char *svg = sr_buf_str(&out);
    assert_null(strstr(svg, "<symbol"));
    assert_null(strstr(svg, "glyph"));
    assert_non_null(strstr(svg, "<text "));
    assert_null(strstr(svg, ">Referrals &lt;by quarter&gt;</text>")); /* the title is <title> */
    /* The chart laid out on an image, untitled: the runs the SVG must hold. */
    sr_chart untitled = c;
    untitled.draw_title = false;
    sr_chart_layout l = draw(&untitled, 300, 200, NULL);
    size_t ntext = 0;
    for (const char *p = strstr(svg, "<text "); p; p = strstr(p + 1, "<text "))
        ntext++;
    assert_int_equal(ntext, l.nruns);
    const char *p = svg;
    for (size_t i = 0; i < l.nruns; i++) {
        const sr_chart_run *r = &l.runs[i];
        if (r->size < SR_CHART_TYPE_MIN || strcmp(r->text, "Referrals <by quarter>") == 0)
            fail_msg("'%s' at %.1f points", r->text, r->size);
        p = strstr(p, "<text ");
        assert_non_null(p);
        char want[256];
        sr_buf esc = SR_BUF_INIT;
        for (const char *t = r->text; *t; t++)
            if (*t == '&')
                sr_buf_puts(&esc, "&amp;");
            else
                sr_buf_putc(&esc, *t);
        snprintf(want, sizeof want, ">%s</text>", sr_buf_str(&esc));
        sr_buf_free(&esc);
        const char *close = strstr(p, "</text>");
        if (strncmp(strchr(p, '>'), want, strlen(want)) != 0)
            fail_msg("wanted %s, got %.*s", want, (int)(close - p), p);
        /* Where the image has it, to a tenth of a point. */
        if (fabs(attr_num(p, "x") - r->x) > 0.1 || fabs(attr_num(p, "y") - r->y) > 0.1)
            fail_msg("'%s' at %.2f,%.2f in the SVG, %.2f,%.2f laid out", r->text, attr_num(p, "x"),
                     attr_num(p, "y"), r->x, r->y);
        assert_true(fabs(attr_num(p, "font-size") - r->size) < 0.01);
        assert_true(attr_num(p, "font-weight") == r->weight);
        static const char *const anchors[] = {"start", "middle", "end"};
        snprintf(want, sizeof want, " text-anchor=\"%s\"", anchors[r->anchor]);
        assert_true(strstr(p, want) && strstr(p, want) < close);
        assert_int_equal(strncmp(strstr(p, " font-family="),
                                 " font-family=\"'Open Sans', Arial, sans-serif\"", 45),
                         0);
        /* Held to the width it was laid out at, whatever font the reader has. */
        assert_true(fabs(attr_num(p, "textLength") - r->box.w) < 0.01);
        assert_true(strstr(p, " lengthAdjust=\"spacingAndGlyphs\"") &&
                    strstr(p, " lengthAdjust=\"spacingAndGlyphs\"") < close);
        p = close;
    }
    /* The category names wrap: each line its own <text>, centred. */
    const char *q23 = strstr(svg, ">Q2 &amp; Q3</text>");
    assert_non_null(q23);
    const char *q23_at = q23;
    while (q23_at > svg && strncmp(q23_at, "<text ", 6) != 0)
        q23_at--;
    const char *mid = strstr(q23_at, "text-anchor=\"middle\"");
    assert_true(mid && mid < q23);
    bool anchored[3] = {false, false, false}; /* legend, category names, ticks */
    for (size_t i = 0; i < l.nruns; i++)
        anchored[l.runs[i].anchor] = true;
    assert_true(anchored[SR_ANCHOR_START] && anchored[SR_ANCHOR_MIDDLE] && anchored[SR_ANCHOR_END]);
    /* The y-axis title, turned about its anchor. */
    const char *yt = strstr(svg, ">Referrals</text>");
    assert_non_null(yt);
    while (yt > svg && strncmp(yt, "<text ", 6) != 0)
        yt--;
    char turn[96];
    g_snprintf(turn, sizeof turn, " transform=\"rotate(-90 %g %g)\"", attr_num(yt, "x"),
               attr_num(yt, "y"));
    assert_non_null(strstr(yt, turn));
    assert_true(strstr(yt, turn) < strstr(yt, ">"));
    /* Written as the file too, byte for byte. */
    char path[] = "/tmp/sr-svg-XXXXXX";
    int fd = mkstemp(path);
    assert_true(fd >= 0);
    close(fd);
    assert_int_equal(sr_chart_write_svg(fonts, &c, 300, 200, path), 0);
    char *file;
    size_t n;
    assert_int_equal(sr_read_file(path, 1 << 22, &file, &n), SR_READ_OK);
    assert_int_equal(n, out.len);
    assert_memory_equal(file, out.data, n);
    free(file);
    unlink(path);
    sr_chart_layout_free(&l);
    sr_buf_free(&out);
}

/* A file's bytes: its PNG or SVG as written. */
static sr_buf file_bytes(const char *path)
{
    char *data;
    size_t n;
    assert_int_equal(sr_read_file(path, 1 << 24, &data, &n), SR_READ_OK);
    sr_buf b = SR_BUF_INIT;
    sr_buf_put(&b, data, n);
    free(data);
    return b;
}

/* The fonts keep each label's size once measured (sr_fonts_memo_get): a
 * chart drawn as a PNG at twice its size and as an SVG again, its labels
 * now kept, gives the bytes it gave when none of them had been measured. */
static void label_sizes_kept_change_no_byte(void **state)
{
    (void)state;
    const char *cats[] = {"Schools and colleges in the north of the memo's area", "Health (memo)",
                          "Police (memo)", "Voluntary and community groups of the memo"};
    static sr_chart_value v[4] = {
        {120, "120", false}, {95, "95", false}, {88, "88", false}, {17, "17", false}};
    sr_chart_series s[1] = {{"2019-20", v}};
    sr_chart c = {.kind = SR_CHART_HBAR,
                  .id = "memo",
                  .title = "Attendees by agency",
                  .categories = cats,
                  .ncat = 4,
                  .series = s,
                  .nseries = 1,
                  .whole = true,
                  .x_title = "Attendees (memo)"};
    char png[] = "/tmp/sr-memo-XXXXXX";
    int fd = mkstemp(png);
    assert_true(fd >= 0);
    close(fd);
    char svg[] = "/tmp/sr-memo-XXXXXX";
    fd = mkstemp(svg);
    assert_true(fd >= 0);
    close(fd);
    /* Its labels, which no other test has, measured for the first time. */
    assert_int_equal(sr_chart_write_png(fonts, &c, 300, 200, 2, png), 0);
    assert_int_equal(sr_chart_write_svg(fonts, &c, 300, 200, svg), 0);
    sr_buf png_fresh = file_bytes(png), svg_fresh = file_bytes(svg);
    /* Again: from what the fonts keep. */
    assert_int_equal(sr_chart_write_png(fonts, &c, 300, 200, 2, png), 0);
    assert_int_equal(sr_chart_write_svg(fonts, &c, 300, 200, svg), 0);
    sr_buf png_kept = file_bytes(png), svg_kept = file_bytes(svg);
    assert_int_equal(png_kept.len, png_fresh.len);
    assert_memory_equal(png_kept.data, png_fresh.data, png_fresh.len);
    assert_int_equal(svg_kept.len, svg_fresh.len);
    assert_memory_equal(svg_kept.data, svg_fresh.data, svg_fresh.len);
    /* What is put is what is got; a key never put is not there. */
    double one[2] = {1, 2}, got[2] = {0, 0};
    assert_false(sr_fonts_memo_get(fonts, "a key of the memo test", got));
    sr_fonts_memo_put(fonts, "a key of the memo test", one);
    assert_true(sr_fonts_memo_get(fonts, "a key of the memo test", got));
    assert_true(got[0] == 1 && got[1] == 2);
    unlink(png);
    unlink(svg);
    sr_buf_free(&png_fresh);
    sr_buf_free(&svg_fresh);
    sr_buf_free(&png_kept);
    sr_buf_free(&svg_kept);
}

/* The chart files and the HTML page take a chart's SVG from one cache:
 * the bytes sr_chart_svg makes, drawn once per chart and size. */
static void svg_drawn_once_per_cache(void **state)
{
    (void)state;
    const char *cats[] = {"2018-19", "2019-20"};
    static sr_chart_value v[2] = {{12, "12", false}, {15, "15", false}};
    sr_chart_series s[1] = {{"Referrals", v}};
    sr_chart c = {.kind = SR_CHART_BAR,
                  .id = "shared",
                  .title = "Referrals",
                  .categories = cats,
                  .ncat = 2,
                  .series = s,
                  .nseries = 1,
                  .whole = true};
    sr_chart other = c;
    other.id = "other";
    sr_buf want = SR_BUF_INIT, own = SR_BUF_INIT;
    assert_int_equal(sr_chart_svg(fonts, &c, 300, 200, &want), 0);
    sr_svg_cache *cache = sr_svg_cache_new();
    const char *a = NULL, *b = NULL, *d = NULL, *e = NULL;
    size_t alen = 0, blen = 0, dlen = 0, elen = 0;
    assert_int_equal(sr_chart_svg_shared(cache, fonts, &c, 300, 200, &own, &a, &alen), 0);
    assert_int_equal(own.len, 0); /* the cache holds it */
    assert_int_equal(alen, want.len);
    assert_memory_equal(a, want.data, want.len);
    assert_int_equal(sr_chart_svg_shared(cache, fonts, &c, 300, 200, &own, &b, &blen), 0);
    assert_ptr_equal(a, b); /* not drawn again */
    /* Another chart, or the same at another size, is drawn. */
    assert_int_equal(sr_chart_svg_shared(cache, fonts, &other, 300, 200, &own, &d, &dlen), 0);
    assert_ptr_not_equal(a, d);
    assert_non_null(strstr(d, "other-title"));
    assert_int_equal(sr_chart_svg_shared(cache, fonts, &c, 320, 200, &own, &e, &elen), 0);
    assert_ptr_not_equal(a, e);
    assert_int_not_equal(elen, 0);
    /* No cache: drawn into own, the same bytes. */
    assert_int_equal(sr_chart_svg_shared(NULL, fonts, &c, 300, 200, &own, &b, &blen), 0);
    assert_ptr_equal(b, own.data);
    assert_int_equal(blen, want.len);
    assert_memory_equal(b, want.data, want.len);
    sr_svg_cache_free(cache);
    sr_buf_free(&own);
    sr_buf_free(&want);
}

/* ---- the area against England, the region and the neighbours ----------------------- */

/* Five rates of a made-up area against England, its region and its
 * neighbours' average: close values, a hidden one and one not available. */
static sr_chart compare_chart(void)
{
    static const char *cats[] = {"Referrals per 10,000 children",
                                 "Section 47 enquiries per 10,000 children",
                                 "Children on a child protection plan at 31 March, per 10,000",
                                 "Children in need per 10,000", "Children looked after per 10,000"};
    static sr_chart_value v[4][5] = {
        {{540.2, "540.2", false},
         {201.3, "201.3", false},
         {44.0, "44.0", false},
         {330.5, "330.5", false},
         {0, "[c]", true}},
        {{556.0, "556.0", false},
         {191.6, "191.6", false},
         {41.6, "41.6", false},
         {332.9, "332.9", false},
         {70, "70", false}},
        {{600.1, "600.1", false},
         {210.0, "210.0", false},
         {48.2, "48.2", false},
         {370.4, "370.4", false},
         {92, "92", false}},
        {{570.3, "570.3", false},
         {175.2, "175.2", false},
         {0, "[x]", true},
         {331.0, "331.0", false},
         {81, "81", false}},
    };
    static sr_chart_series s[4] = {{"Stockport", v[0]},
                                   {"England", v[1]},
                                   {"North West", v[2]},
                                   {"Statistical neighbours' average", v[3]}};
    static const char *notes[] = {"below England (556.0) and the neighbours' average (570.3)",
                                  "above England (191.6) and the neighbours' average (175.2)",
                                  "above England (41.6)", "close to England (332.9)", NULL};
    sr_chart c = {.kind = SR_CHART_COMPARE,
                  .id = "how-we-compare",
                  .title = "How Stockport compares, 2023-24",
                  .x_title = "Rate per 10,000 children aged 0 to 17",
                  .categories = cats,
                  .ncat = 5,
                  .series = s,
                  .nseries = 4,
                  .notes = notes,
                  .source = "Source: Department for Education, Children in need and Children "
                            "looked after in England, 2024 releases.",
                  .draw_title = true};
    return c;
}

/* The dot plot: a marker for each value shown, in its row and at its
 * value on one axis from zero; every value labelled, none over another,
 * none under 9 points; hidden values named in words, not drawn; the text
 * alternative gives every value and the comparison in words. */
static void dot_plots_place_every_value(void **state)
{
    (void)state;
    sr_chart c = compare_chart();
    double h = sr_chart_height(fonts, &c, 480, 200);
    assert_true(h > 200); /* five rows of up to three lanes of labels, and the key */
    cairo_surface_t *s;
    sr_chart_layout l = draw(&c, 480, h, &s);
    const char *png = getenv("SSCP_CHART_PNG");
    if (png)
        cairo_surface_write_to_png(s, png);
    cairo_surface_destroy(s);
    check_labels(&l, 480, h);
    check_sizes(&c, 480, h);
    assert_int_equal(l.nmarks, 20); /* category by category, a mark per series */
    /* In each row the markers share a line; rows run down the chart. */
    for (size_t i = 0; i < 5; i++) {
        for (size_t k = 1; k < 4; k++)
            if (l.marks[i * 4 + k].w > 0 && l.marks[i * 4].w > 0)
                assert_true(fabs((l.marks[i * 4 + k].y + l.marks[i * 4 + k].h / 2) -
                                 (l.marks[i * 4].y + l.marks[i * 4].h / 2)) < 0.01);
        if (i)
            assert_true(l.marks[i * 4 + 1].y > l.marks[(i - 1) * 4 + 1].y);
    }
    /* At its value: x in proportion from the axis' zero. */
    double x0 = l.plot.x, per = (l.marks[1].x + l.marks[1].w / 2 - x0) / 556.0;
    assert_true(fabs(l.marks[0].x + l.marks[0].w / 2 - x0 - 540.2 * per) < 0.01);
    assert_true(fabs(l.marks[5].x + l.marks[5].w / 2 - x0 - 191.6 * per) < 0.01);
    /* Not shown: no marker, the shorthand in words under the row. */
    assert_true(l.marks[16].w == 0 && l.marks[11].w == 0);
    assert_int_equal(count_label(&l, "Not shown: Stockport [c]"), 1);
    assert_int_equal(count_label(&l, "Not shown: Statistical neighbours' average [x]"), 1);
    assert_int_equal(count_label(&l, "540.2"), 1);
    assert_int_equal(count_label(&l, "191.6"), 1);
    /* The source under the chart. */
    bool source = false;
    for (size_t i = 0; i < l.nlabels; i++)
        source |= strncmp(l.label_text[i], "Source: Department for Education", 32) == 0;
    assert_true(source);
    sr_chart_layout_free(&l);

    char *alt = sr_chart_alt(&c);
    assert_string_equal(
        alt,
        "Dot plot: How Stockport compares, 2023-24. 5 measures, each with figures for Stockport, "
        "England, North West and Statistical neighbours' average. Referrals per 10,000 children: "
        "Stockport 540.2, England 556.0, North West 600.1, Statistical neighbours' average "
        "570.3; below England (556.0) and the neighbours' average (570.3). Section 47 "
        "enquiries per 10,000 children: Stockport 201.3, England 191.6, North West 210.0, "
        "Statistical neighbours' average 175.2; above England (191.6) and the neighbours' "
        "average (175.2). Children on a child protection plan at 31 March, per 10,000: "
        "Stockport 44.0, England 41.6, North West 48.2, Statistical neighbours' average "
        "[x]; above England (41.6). Children in need per 10,000: Stockport 330.5, England "
        "332.9, North West 370.4, Statistical neighbours' average 331.0; close to England "
        "(332.9). Children looked after per 10,000: Stockport [c], England 70, North West "
        "92, Statistical neighbours' average 81. 1 value is hidden to protect small "
        "numbers. 1 value is not available. Source: Department for Education, Children in "
        "need and Children looked after in England, 2024 releases.");
    free(alt);
    /* The SVG: its title and description, its words as text. */
    sr_buf out = SR_BUF_INIT;
    assert_int_equal(sr_chart_svg(fonts, &c, 480, h, &out), 0);
    assert_non_null(strstr(sr_buf_str(&out), "<desc id=\"how-we-compare-desc\">Dot plot: "));
    assert_non_null(strstr(sr_buf_str(&out), ">Not shown: Stockport [c]</text>"));
    sr_buf_free(&out);
}

/* Two values on one spot, and values at the ends of the axis: the labels
 * still stand apart and inside the chart. */
static void dot_plot_labels_never_collide(void **state)
{
    (void)state;
    static const char *cats[] = {"Rate"};
    static sr_chart_value v[4][1] = {{{100.0, "100.0", false}},
                                     {{100.1, "100.1", false}},
                                     {{99.9, "99.9", false}},
                                     {{100.0, "100.0", false}}};
    static sr_chart_series s[4] = {
        {"Area", v[0]}, {"England", v[1]}, {"Region", v[2]}, {"Neighbours", v[3]}};
    sr_chart c = {.kind = SR_CHART_COMPARE,
                  .id = "same",
                  .title = "Same",
                  .categories = cats,
                  .ncat = 1,
                  .series = s,
                  .nseries = 4};
    double h = sr_chart_height(fonts, &c, 300, 60);
    check_sizes(&c, 300, h);
    v[1][0] = (sr_chart_value){0, "0.0", false};
    check_sizes(&c, 300, sr_chart_height(fonts, &c, 300, 60));
    /* Labels wider than the room: each still drawn, in a lane of its own. */
    static sr_chart_value wide[4][1] = {{{100.0, "100.0 per 10,000 children", false}},
                                        {{100.1, "100.1 per 10,000 children", false}},
                                        {{99.9, "99.9 per 10,000 children", false}},
                                        {{100.0, "100.0 per 10,000 children", false}}};
    for (size_t k = 0; k < 4; k++)
        s[k].values = wide[k];
    h = sr_chart_height(fonts, &c, 120, 60);
    sr_chart_layout l = draw(&c, 120, h, NULL);
    assert_int_equal(count_label(&l, "100.0 per 10,000"), 2);
    assert_int_equal(count_label(&l, "100.1 per 10,000"), 1);
    assert_int_equal(count_label(&l, "99.9 per 10,000"), 1);
    sr_chart_layout_free(&l);
}

/* A note of the DfE's comparisons as the chart, the table and the words
 * need it: a sentence, or a clause that keeps the capital of a name. */
static void comparison_notes_read_as_sentences(void **state)
{
    (void)state;
    sr_arena *a = sr_arena_new();
    const char *n = "rates for 2019-20 were revised in February 2025";
    assert_string_equal(sr_chart_bench_sentence(a, n),
                        "Rates for 2019-20 were revised in February 2025.");
    assert_string_equal(sr_chart_bench_clause(a, "Rates were revised.", false),
                        "rates were revised");
    assert_string_equal(sr_chart_bench_clause(a, "February 2025 revised them. ", true),
                        "February 2025 revised them.");
    assert_string_equal(sr_chart_bench_clause(a, "DfE rates", false), "DfE rates");
    assert_string_equal(sr_chart_bench_month(a, "2025-05"), "May 2025");
    assert_string_equal(sr_chart_bench_month(a, "spring 2025"), "spring 2025");
    sr_arena_free(a);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(ticks_on_awkward_ranges),
        cmocka_unit_test(palette_meets_wcag_contrast),
        cmocka_unit_test(bars_are_in_proportion_and_in_order),
        cmocka_unit_test(hidden_values_are_labelled_gaps),
        cmocka_unit_test(long_names_wrap_and_sort_in_horizontal_bars),
        cmocka_unit_test(line_charts_label_every_point),
        cmocka_unit_test(stacked_bars_keep_hidden_parts_in_their_totals),
        cmocka_unit_test(hbars_grow_to_show_every_row),
        cmocka_unit_test(hbars_have_no_band_above_the_axis_title),
        cmocka_unit_test(no_text_is_smaller_than_9_points),
        cmocka_unit_test(kpi_numbers_share_a_baseline),
        cmocka_unit_test(crowded_charts_never_overlap),
        cmocka_unit_test(labels_on_hatching_have_contrast),
        cmocka_unit_test(many_columns_fit_and_never_break_words),
        cmocka_unit_test(matrix_rows_and_columns_never_overlap),
        cmocka_unit_test(tall_charts_are_drawn_in_parts),
        cmocka_unit_test(donut_groups_the_smallest_as_other),
        cmocka_unit_test(sort_orders_vertical_bars),
        cmocka_unit_test(breaks_in_the_series_are_shown),
        cmocka_unit_test(alt_texts_agree_with_what_is_drawn),
        cmocka_unit_test(alt_texts_agree_for_every_kind),
        cmocka_unit_test(donuts_keep_hidden_parts_in_the_whole),
        cmocka_unit_test(text_alternatives_come_from_the_data),
        cmocka_unit_test(kpi_and_matrix_alternatives),
        cmocka_unit_test(svg_carries_title_and_description),
        cmocka_unit_test(svg_words_are_text),
        cmocka_unit_test(svg_drawn_once_per_cache),
        cmocka_unit_test(label_sizes_kept_change_no_byte),
        cmocka_unit_test(dot_plots_place_every_value),
        cmocka_unit_test(dot_plot_labels_never_collide),
        cmocka_unit_test(comparison_notes_read_as_sentences),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
