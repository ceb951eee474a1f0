/* Unit tests for src/render/html.c and src/render/charts.c on small
 * hand-built trees: a link becomes <a href> (and a script address never
 * one), a nested list nests, a table prints its print columns with a
 * hidden cell and a change from a stated baseline, text is escaped, the
 * page holds each chart's SVG file byte for byte, two charts share a page
 * without a duplicate id, the annex and the chart files are not on the
 * page, and the chart files writer's files and result; key figures are
 * tiles of text and the attendance matrix a table, a drawn chart is named
 * by its title and described by its text alternative, with its note and
 * its table of figures; years in headers stay whole, print opens the
 * tables, and the footer links the other outputs. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "core/arena.h"
#include "core/buf.h"
#include "core/fsutil.h"
#include "doc/doc.h"
#include "render/html.h"
#include "render/render.h"

#include <sys/stat.h>
#include <unistd.h>

static sr_fonts *fonts;

static int setup(void **state)
{
    (void)state;
    char dir[1024], err[256];
    const char *src = getenv("SSCP_SOURCE_DIR");
    snprintf(dir, sizeof dir, "%s/fonts", src ? src : ".");
    fonts = sr_fonts_open(dir, err, sizeof err);
    if (!fonts)
        fprintf(stderr, "%s\n", err);
    return fonts ? 0 : -1;
}

static int teardown(void **state)
{
    (void)state;
    sr_fonts_close(fonts);
    return 0;
}

/* ---- building trees ------------------------------------------------------------------- */

typedef struct {
    sr_arena *a;
    sr_document doc;
    sr_dnode *section; /* the first section, where blocks go */
    char *page;        /* the last page rendered */
} world;

static void w_init(world *w)
{
    memset(w, 0, sizeof *w);
    w->a = sr_arena_new();
    sr_document *d = &w->doc;
    d->title = "Test Safeguarding Children Partnership annual report 2019-20";
    d->partnership = "Test Safeguarding Children Partnership";
    d->year = "2019-20";
    d->period = "1 April 2019 to 31 March 2020";
    d->covering = "Covering 1 April 2019 to 31 March 2020";
    d->cover_title = "Annual report 2019-20";
    d->footer = d->title;
    d->also = "Also published as a PDF, with a spreadsheet of every figure.";
    d->lang = "en-GB";
    d->accent[2] = 0.5;
    d->root = sr_dnode_new(w->a, SR_D_DOCUMENT);
    w->section = sr_dnode_add(w->a, d->root, sr_dnode_new_text(w->a, SR_D_SECTION, "Introduction"));
    w->section->level = 1;
    w->section->number = "1";
    w->section->anchor = "section-1";
}

static void w_free(world *w)
{
    free(w->page);
    sr_arena_free(w->a);
}

static sr_dnode *add(world *w, sr_dnode *parent, sr_dkind k)
{
    return sr_dnode_add(w->a, parent, sr_dnode_new(w->a, k));
}

static sr_dnode *add_text(world *w, sr_dnode *parent, const char *text)
{
    return sr_dnode_add(w->a, parent, sr_dnode_new_text(w->a, SR_D_TEXT, text));
}

static sr_dnode *add_link(world *w, sr_dnode *parent, const char *url, const char *words)
{
    sr_dnode *l = add(w, parent, SR_D_LINK);
    l->url = url;
    add_text(w, l, words);
    return l;
}

/* The page, rendered in memory. */
static const char *render(world *w, bool draft)
{
    sr_buf b = SR_BUF_INIT;
    char err[256] = "";
    w->doc.draft = draft ? "Draft: not for publication." : NULL;
    if (sr_html_render(&w->doc, fonts, NULL, draft, &b, err, sizeof err) != 0)
        fail_msg("the page was not rendered: %s", err);
    free(w->page);
    w->page = sr_buf_take(&b);
    return w->page;
}

#define assert_has(hay, needle)                                                                    \
    do {                                                                                           \
        if (!strstr((hay), (needle)))                                                              \
            fail_msg("expected the page to contain:\n%s\n--- got:\n%s", (needle), (hay));          \
    } while (0)

#define assert_lacks(hay, needle)                                                                  \
    do {                                                                                           \
        if (strstr((hay), (needle)))                                                               \
            fail_msg("expected the page not to contain: %s", (needle));                            \
    } while (0)

static size_t count(const char *hay, const char *needle)
{
    size_t n = 0;
    for (const char *p = hay; (p = strstr(p, needle)) != NULL; p += strlen(needle))
        n++;
    return n;
}

/* A chart of two bars, built by hand as the chart module's tests do. */
static sr_dfigure *make_figure(world *w, const char *id, const char *title)
{
    sr_chart *c = sr_arena_alloc(w->a, sizeof *c);
    const char **cats = sr_arena_alloc(w->a, 2 * sizeof *cats);
    cats[0] = "Q1";
    cats[1] = "Q2";
    sr_chart_value *v = sr_arena_alloc(w->a, 2 * sizeof *v);
    v[0] = (sr_chart_value){10, "10", false};
    v[1] = (sr_chart_value){20, "20", false};
    sr_chart_series *s = sr_arena_alloc(w->a, sizeof *s);
    *s = (sr_chart_series){"2019-20", v};
    *c = (sr_chart){.kind = SR_CHART_BAR,
                    .id = id,
                    .title = title,
                    .categories = cats,
                    .ncat = 2,
                    .series = s,
                    .nseries = 1,
                    .whole = true,
                    .x_title = "Quarter",
                    .y_title = "Referrals"};
    /* Its figures as a table, as the builder gives every figure. */
    sr_dcol *cols = sr_arena_alloc(w->a, 2 * sizeof *cols);
    cols[0] = (sr_dcol){.kind = SR_COL_LABEL, .head = "Quarter", .shown = SR_OUT_ALL};
    cols[1] = (sr_dcol){.kind = SR_COL_VALUE, .head = "2019-20", .shown = SR_OUT_ALL, .year = 2019};
    sr_dcell *cells = sr_arena_alloc(w->a, 4 * sizeof *cells);
    for (size_t i = 0; i < 2; i++) {
        cells[2 * i] = (sr_dcell){.kind = SR_CELL_TEXT, .text = cats[i]};
        cells[2 * i + 1] = (sr_dcell){.kind = SR_CELL_TEXT, .text = v[i].label};
    }
    sr_dtable *t = sr_arena_alloc(w->a, sizeof *t);
    *t = (sr_dtable){.caption = title, .ncols = 2, .nrows = 2, .cols = cols, .cells = cells};
    sr_dfigure *f = sr_arena_alloc(w->a, sizeof *f);
    *f = (sr_dfigure){
        .id = id, .chart = c, .alt = "A bar chart", .width = 300, .height = 200, .data = t};
    return f;
}

/* The figure in the section and among the chart files: one object. */
static void add_figure(world *w, sr_dfigure *f)
{
    add(w, w->section, SR_D_FIGURE)->figure = f;
    sr_dnode *files = (sr_dnode *)sr_dnode_find(w->doc.root, SR_D_CHART_FILES);
    if (!files)
        files = add(w, w->doc.root, SR_D_CHART_FILES);
    add(w, files, SR_D_FIGURE)->figure = f;
}

static char *make_tmpdir(void)
{
    char t[] = "/tmp/sr-html-XXXXXX";
    assert_non_null(mkdtemp(t));
    return strdup(t);
}

static void remove_tree(const char *dir)
{
    char *sub = sr_path_join(dir, "charts");
    sr_remove_flat_dir(sub);
    free(sub);
    sr_remove_flat_dir(dir);
}

static char *slurp(const char *path)
{
    char *data;
    size_t n;
    if (sr_read_file(path, 1 << 24, &data, &n) != SR_READ_OK)
        fail_msg("cannot read %s", path);
    return data;
}

/* ---- the tests ------------------------------------------------------------------------- */

static void links_are_links(void **state)
{
    (void)state;
    world w;
    w_init(&w);
    sr_dnode *p = add(&w, w.section, SR_D_PARAGRAPH);
    add_text(&w, p, "Report a concern on ");
    add_link(&w, p, "https://example.org/report?a=1&b=2", "our page");
    add_text(&w, p, ", to ");
    add_link(&w, p, "mailto:safeguarding@example.org", "safeguarding@example.org");
    add_text(&w, p, " or on ");
    add_link(&w, p, "tel:+441611234567", "0161 123 4567");
    add_text(&w, p, ".");
    const char *h = render(&w, false);
    assert_has(h, "<p>Report a concern on <a href=\"https://example.org/report?a=1&amp;b=2\">our "
                  "page</a>, to <a href=\"mailto:safeguarding@example.org\">"
                  "safeguarding@example.org</a> or on <a href=\"tel:+441611234567\">0161 123 "
                  "4567</a>.</p>\n");
    /* Nothing after the words: the address is the link's. */
    assert_lacks(h, "(https://");
    w_free(&w);
}

static void script_addresses_are_never_links(void **state)
{
    (void)state;
    world w;
    w_init(&w);
    sr_dnode *p = add(&w, w.section, SR_D_PARAGRAPH);
    add_link(&w, p, "javascript:alert(1)", "click");
    add_text(&w, p, " ");
    add_link(&w, p, "JavaScript:alert(2)", "here");
    add_text(&w, p, " ");
    add_link(&w, p, "data:text/html,<script>alert(3)</script>", "or here");
    add_text(&w, p, " ");
    /* An allowed address that tries to leave its attribute stays inside. */
    add_link(&w, p, "https://x.example/\" onclick=\"alert(4)", "there");
    const char *h = render(&w, false);
    assert_has(h, "<p>click here or here <a href=\"https://x.example/&quot; "
                  "onclick=&quot;alert(4)\">there</a></p>");
    assert_lacks(h, "javascript:");
    assert_lacks(h, "JavaScript:");
    assert_lacks(h, "data:text");
    assert_lacks(h, "<script");
    assert_lacks(h, "onclick=\"");
    w_free(&w);
}

static void lists_nest(void **state)
{
    (void)state;
    world w;
    w_init(&w);
    sr_dnode *list = add(&w, w.section, SR_D_LIST);
    sr_dnode *item = add(&w, list, SR_D_ITEM);
    add_text(&w, add(&w, item, SR_D_PARAGRAPH), "Outer");
    sr_dnode *inner = add(&w, item, SR_D_LIST);
    inner->ordered = true;
    sr_dnode *in1 = add(&w, inner, SR_D_ITEM);
    sr_dnode *ip = add(&w, in1, SR_D_PARAGRAPH);
    add_text(&w, ip, "Inner ");
    add_text(&w, add(&w, ip, SR_D_EMPH), "one");
    add_text(&w, add(&w, add(&w, inner, SR_D_ITEM), SR_D_PARAGRAPH), "Inner two");
    add_text(&w, add(&w, add(&w, list, SR_D_ITEM), SR_D_PARAGRAPH), "Second");
    const char *h = render(&w, false);
    /* The inner list inside the first item; an item of one paragraph is
     * that paragraph's words. */
    assert_has(h, "<ul>\n<li><p>Outer</p>\n<ol>\n<li>Inner <i>one</i></li>\n<li>Inner two</li>\n"
                  "</ol>\n</li>\n<li>Second</li>\n</ul>\n");
    w_free(&w);
}

static void inlines_become_elements(void **state)
{
    (void)state;
    world w;
    w_init(&w);
    sr_dnode *hd = add(&w, w.section, SR_D_HEADING);
    hd->level = 2;
    hd->number = "1.1";
    hd->anchor = "section-1-1";
    hd->text = "A year & more";
    add_text(&w, hd, "A year & more");
    sr_dnode *p = add(&w, w.section, SR_D_PARAGRAPH);
    add_text(&w, add(&w, p, SR_D_STRONG), "Bold");
    add_text(&w, p, " and ");
    sr_dnode_add(w.a, p, sr_dnode_new_text(w.a, SR_D_CODE, "x < y"));
    add(&w, p, SR_D_LINEBREAK);
    add_text(&w, p, "next line");
    sr_dnode_add(w.a, w.section, sr_dnode_new_plain(w.a, SR_D_NOTE, "Words still to come."));
    sr_dnode *q = add(&w, w.section, SR_D_QUOTE);
    add_text(&w, add(&w, q, SR_D_PARAGRAPH), "Quoted");
    const char *h = render(&w, false);
    assert_has(h, "<h3 id=\"section-1-1\">1.1 A year &amp; more</h3>\n");
    assert_has(h, "<p><b>Bold</b> and <code>x &lt; y</code><br>next line</p>\n");
    assert_has(h, "<p class=\"draft\">Words still to come.</p>\n");
    assert_has(h, "<blockquote>\n<p>Quoted</p>\n</blockquote>\n");
    /* The contents list the section and its heading. */
    assert_has(h, "<li><a href=\"#section-1\">1 Introduction</a><ol role=\"list\"><li><a "
                  "href=\"#section-1-1\">1.1 A year &amp; more</a></li></ol></li>\n");
    w_free(&w);
}

static void text_is_escaped(void **state)
{
    (void)state;
    world w;
    w_init(&w);
    w.doc.partnership = "A & B <Partnership>";
    sr_dnode *p = add(&w, w.section, SR_D_PARAGRAPH);
    add_text(&w, p, "<b>not bold</b> & \"quoted\" <script>alert(1)</script>");
    const char *h = render(&w, false);
    assert_has(h, "<p>&lt;b&gt;not bold&lt;/b&gt; &amp; &quot;quoted&quot; "
                  "&lt;script&gt;alert(1)&lt;/script&gt;</p>");
    assert_has(h, "<header>\n<p>A &amp; B &lt;Partnership&gt;</p>\n");
    assert_lacks(h, "<script");
    assert_lacks(h, "<b>not");
    w_free(&w);
}

static void header_and_footer_from_the_document(void **state)
{
    (void)state;
    world w;
    w_init(&w);
    const char *h = render(&w, true);
    assert_has(h, "<!DOCTYPE html>\n<html lang=\"en-GB\">\n");
    assert_has(h, "<title>Test Safeguarding Children Partnership annual report 2019-20</title>");
    assert_has(h, "<header>\n<p>Test Safeguarding Children Partnership</p>\n<h1>Annual report "
                  "2019-20</h1>\n<p>Covering 1 April 2019 to 31 March 2020</p>\n<p "
                  "class=\"draft\">Draft: not for publication.</p>\n</header>\n");
    assert_has(h, "<footer>\n<p>Test Safeguarding Children Partnership annual report 2019-20. "
                  "Also published as a PDF, with a spreadsheet of every figure.</p>\n</footer>\n");
    assert_has(h, ":root{--accent:#000080}");
    assert_has(h, "<section aria-labelledby=\"section-1\">\n<h2 id=\"section-1\">1 "
                  "Introduction</h2>\n</section>\n");
    h = render(&w, false);
    assert_lacks(h, "Draft: not for publication.");
    w_free(&w);
}

/* A metric table as the builder makes it: the year before, this year, the
 * stated baseline (for the workbook only), the change and its percentage. */
static void tables_print_their_print_columns(void **state)
{
    (void)state;
    world w;
    w_init(&w);
    sr_dtable *t = sr_arena_alloc(w.a, sizeof *t);
    static sr_dcol cols[] = {
        {.kind = SR_COL_LABEL, .head = "Figure", .shown = SR_OUT_ALL},
        {.kind = SR_COL_VALUE, .head = "2018-19", .shown = SR_OUT_ALL, .year = 2018},
        {.kind = SR_COL_VALUE, .head = "2019-20", .shown = SR_OUT_ALL, .year = 2019},
        {.kind = SR_COL_VALUE,
         .head = "Baseline (2017-18)",
         .shown = SR_OUT_DATA,
         .year = 2017,
         .baseline = true},
        {.kind = SR_COL_CHANGE,
         .head = "Change",
         .shown = SR_OUT_ALL,
         .cur = 2,
         .prev = 1,
         .base = 3},
        {.kind = SR_COL_CHANGE_PCT,
         .head = "Change (%)",
         .shown = SR_OUT_ALL,
         .cur = 2,
         .prev = 1,
         .base = 3},
    };
    /* Presentations: 8 this year, none given the year before, compared
     * with 26 in the 2017-18 baseline. */
    static sr_cmp from_base = {.status = SR_CMP_OK,
                               .prev = {SR_AVAILABLE, 26, 1, false, false},
                               .prev_year = 2017,
                               .from_baseline = true,
                               .dnum = -18,
                               .dden = 1,
                               .pct_ok = true,
                               .pnum = -1800,
                               .pden = 26};
    /* Referrals of a few children: hidden this year, so not compared. */
    static sr_cmp hidden = {
        .status = SR_CMP_SUPPRESSED, .prev = {SR_AVAILABLE, 7, 1, false, false}, .prev_year = 2018};
    static sr_dcell cells[] = {
        {.kind = SR_CELL_TEXT, .text = "Presentations & <panels>"},
        {.kind = SR_CELL_VALUE, .v = {SR_NOT_AVAILABLE, 0, 1, false, false}},
        {.kind = SR_CELL_VALUE, .v = {SR_AVAILABLE, 8, 1, false, false}},
        {.kind = SR_CELL_VALUE, .v = {SR_AVAILABLE, 26, 1, false, false}},
        {.kind = SR_CELL_CHANGE, .cmp = &from_base},
        {.kind = SR_CELL_CHANGE, .cmp = &from_base},
        {.kind = SR_CELL_TEXT, .text = "Referrals"},
        {.kind = SR_CELL_VALUE, .v = {SR_AVAILABLE, 7, 1, false, false}},
        {.kind = SR_CELL_VALUE, .v = {SR_AVAILABLE, 3, 1, true, false}},
        {.kind = SR_CELL_EMPTY},
        {.kind = SR_CELL_CHANGE, .cmp = &hidden},
        {.kind = SR_CELL_CHANGE, .cmp = &hidden},
    };
    *t = (sr_dtable){.caption = "Presentations, 2019-20",
                     .ncols = 6,
                     .nrows = 2,
                     .cols = cols,
                     .cells = cells,
                     .note = "[x] not available, [c] hidden to protect small numbers."};
    add(&w, w.section, SR_D_TABLE)->table = t;
    /* The same table in the annex is not on the page. */
    sr_dtable *sheet = sr_arena_alloc(w.a, sizeof *sheet);
    *sheet = *t;
    sheet->caption = "Only in the workbook";
    add(&w, add(&w, w.doc.root, SR_D_ANNEX), SR_D_TABLE)->table = sheet;
    const char *h = render(&w, false);
    char ch[128], pct[32];
    sr_cmp_words(&from_base, SR_U_COUNT, ch, sizeof ch);
    sr_cmp_percent(&from_base, pct, sizeof pct);
    assert_string_equal(ch, "down 69.2% from 26 in 2017-18");
    char want[2048];
    snprintf(want, sizeof want,
             "<div class=\"scroll\" tabindex=\"0\" role=\"region\" aria-labelledby=\"table-1\">"
             "<table><caption id=\"table-1\">Table 1: Presentations, 2019-20</caption><thead><tr>"
             "<th scope=\"col\">Figure</th><th scope=\"col\" class=\"n\"><span "
             "class=\"yr\">2018-19</span></th>"
             "<th scope=\"col\" class=\"n\"><span class=\"yr\">2019-20</span></th><th "
             "scope=\"col\" class=\"n\">Change</th>"
             "<th scope=\"col\" class=\"n\">Change (%%)</th></tr></thead><tbody>"
             "<tr><th scope=\"row\">Presentations &amp; &lt;panels&gt;</th><td class=\"n\">[x]</td>"
             "<td class=\"n\">8</td><td class=\"n\">%s</td><td class=\"n\">%s</td></tr>"
             "<tr><th scope=\"row\">Referrals</th><td class=\"n\">7</td><td class=\"n\">[c]</td>",
             ch, pct);
    assert_has(h, want);
    assert_has(h, "</tbody></table></div><p class=\"note\">[x] not available, [c] hidden to "
                  "protect small numbers.</p>");
    /* The baseline column is the workbook's. */
    assert_lacks(h, "Baseline (2017-18)");
    assert_lacks(h, ">26<");
    assert_lacks(h, "Only in the workbook");
    assert_int_equal(count(h, "<table>"), 1);
    w_free(&w);
}

static void the_page_holds_the_svg_file(void **state)
{
    (void)state;
    world w;
    w_init(&w);
    sr_dfigure *f = make_figure(&w, "referrals", "Referrals & <re-referrals>");
    add_figure(&w, f);
    char *dir = make_tmpdir();
    char *cdir = sr_path_join(dir, "charts");
    char *html = sr_path_join(dir, "report.html");
    sr_render_options o = {.fonts = fonts};
    sr_render_result r;
    memset(&r, 'x', sizeof r);
    char err[256] = "";
    assert_int_equal(sr_output_charts.write(&w.doc, &o, cdir, &r, err, sizeof err), 0);
    assert_string_equal(r.what, "1 charts as PNG and SVG");
    assert_string_equal(r.after, "");
    char *png = sr_path_join(cdir, "referrals.png"), *svgp = sr_path_join(cdir, "referrals.svg");
    struct stat s1, s2;
    assert_int_equal(stat(png, &s1), 0);
    assert_int_equal(stat(svgp, &s2), 0);
    assert_int_equal(r.bytes, (size_t)(s1.st_size + s2.st_size));
    memset(&r, 'x', sizeof r);
    assert_int_equal(sr_output_html.write(&w.doc, &o, html, &r, err, sizeof err), 0);
    assert_string_equal(r.what, "");
    assert_string_equal(r.after, "");
    char *page = slurp(html), *svg = slurp(svgp);
    assert_int_equal(r.bytes, strlen(page));
    /* The file's bytes, whole, inside the figure, though the two were drawn
     * at different times (cairo counts the surfaces a process makes). */
    assert_int_equal(strncmp(svg, "<svg ", 5), 0);
    assert_non_null(strstr(page, svg));
    assert_has(page, "<figure>\n<figcaption id=\"figure-1\">Figure 1: Referrals &amp; "
                     "&lt;re-referrals&gt;</figcaption>\n<div class=\"chart\" role=\"img\" "
                     "aria-labelledby=\"referrals-title\" aria-describedby=\"referrals-desc\">\n"
                     "<div aria-hidden=\"true\">\n<svg ");
    assert_has(page, "</svg>\n</div>\n</div>\n<details><summary>Figure 1 as a table</summary>");
    assert_has(page, "<caption id=\"figure-1-table\">Figure 1: Referrals &amp; "
                     "&lt;re-referrals&gt;</caption>");
    assert_has(page, "<tr><th scope=\"row\">Q2</th><td class=\"n\">20</td></tr>");
    /* The figure in the chart files is not on the page a second time. */
    assert_int_equal(count(page, "<figure>"), 1);
    /* Its ids carry the chart's id. */
    assert_has(svg, "role=\"img\" aria-labelledby=\"referrals-title referrals-desc\">\n"
                    "<title id=\"referrals-title\">Referrals &amp; &lt;re-referrals&gt;</title>\n"
                    "<desc id=\"referrals-desc\">");
    assert_lacks(svg, "id=\"glyph");
    assert_lacks(svg, "#glyph");
    assert_lacks(svg, "url(#clip");
    assert_lacks(svg, "<?xml");
    /* The PNG is the chart with its title drawn, at twice the size; the
     * shared chart is left as it was. */
    assert_false(f->chart->draw_title);
    sr_chart titled = *f->chart;
    titled.draw_title = true;
    char *again = sr_path_join(dir, "again.png");
    assert_int_equal(sr_chart_write_png(fonts, &titled, 300, 200, 2, again), 0);
    char *a, *b;
    size_t na, nb;
    assert_int_equal(sr_read_file(png, 1 << 24, &a, &na), SR_READ_OK);
    assert_int_equal(sr_read_file(again, 1 << 24, &b, &nb), SR_READ_OK);
    assert_int_equal(na, nb);
    assert_memory_equal(a, b, na);
    free(a);
    free(b);
    /* The SVG is drawn without its title, whatever the chart says. */
    sr_buf with = SR_BUF_INIT, without = SR_BUF_INIT;
    assert_int_equal(sr_chart_svg(fonts, &titled, 300, 200, &with), 0);
    assert_int_equal(sr_chart_svg(fonts, f->chart, 300, 200, &without), 0);
    assert_string_equal(sr_buf_str(&with), sr_buf_str(&without));
    assert_string_equal(sr_buf_str(&without), svg);
    sr_buf_free(&with);
    sr_buf_free(&without);
    unlink(again);
    free(again);
    free(page);
    free(svg);
    free(png);
    free(svgp);
    free(html);
    free(cdir);
    remove_tree(dir);
    free(dir);
    w_free(&w);
}

static void two_charts_share_a_page(void **state)
{
    (void)state;
    world w;
    w_init(&w);
    add_figure(&w, make_figure(&w, "first", "First chart"));
    add_figure(&w, make_figure(&w, "second", "Second chart"));
    const char *h = render(&w, false);
    assert_int_equal(count(h, "<svg "), 2);
    assert_int_equal(count(h, "<figure>"), 2);
    assert_has(h, "<figcaption id=\"figure-2\">Figure 2: Second chart</figcaption>");
    /* Every id once. */
    size_t n = 0;
    for (const char *p = h; (p = strstr(p, " id=\"")) != NULL; p += 5)
        n++;
    assert_true(n > 4); /* the drawings, titles and descriptions */
    const char **ids = calloc(n, sizeof *ids);
    size_t *lens = calloc(n, sizeof *lens);
    n = 0;
    for (const char *p = h; (p = strstr(p, " id=\"")) != NULL; p += 5) {
        ids[n] = p + 5;
        lens[n] = (size_t)(strchr(p + 5, '"') - (p + 5));
        for (size_t i = 0; i < n; i++)
            if (lens[i] == lens[n] && memcmp(ids[i], ids[n], lens[n]) == 0)
                fail_msg("the id %.*s is used twice", (int)lens[n], ids[n]);
        n++;
    }
    /* Every id is the chart's own; the words are text, not glyphs. */
    assert_has(h, "id=\"first-surface");
    assert_has(h, "id=\"second-surface");
    assert_lacks(h, "id=\"surface");
    assert_lacks(h, "glyph");
    assert_has(h, "text-anchor=\"middle\" textLength=\"");
    assert_has(h, "lengthAdjust=\"spacingAndGlyphs\">Q2</text>");
    assert_lacks(h, "first-first-");
    free(ids);
    free(lens);
    w_free(&w);
}

/* Key figures as the builder makes them: a number, what it counts, the
 * year before and the change. */
static sr_dfigure *make_kpi(world *w)
{
    sr_chart *c = sr_arena_alloc(w->a, sizeof *c);
    const char **cats = sr_arena_alloc(w->a, 2 * sizeof *cats);
    cats[0] = "Referrals to children's social care";
    cats[1] = "Section 47 enquiries";
    sr_chart_value *v = sr_arena_alloc(w->a, 2 * sizeof *v);
    v[0] = (sr_chart_value){3243, "3,243", false};
    v[1] = (sr_chart_value){0, "[c]", true};
    sr_chart_series *s = sr_arena_alloc(w->a, sizeof *s);
    *s = (sr_chart_series){"2019-20", v};
    const char **before = sr_arena_alloc(w->a, 2 * sizeof *before);
    before[0] = "2018-19: 3,653";
    before[1] = "2018-19: 996";
    const char **notes = sr_arena_alloc(w->a, 2 * sizeof *notes);
    notes[0] = "down 11.2% from 3,653";
    notes[1] = "hidden this year & not compared";
    *c = (sr_chart){.kind = SR_CHART_KPI,
                    .id = "key-figures",
                    .title = "Key figures for the year",
                    .categories = cats,
                    .ncat = 2,
                    .series = s,
                    .nseries = 1,
                    .before = before,
                    .notes = notes};
    sr_dfigure *f = sr_arena_alloc(w->a, sizeof *f);
    *f = (sr_dfigure){.id = c->id, .chart = c, .alt = "Key figures", .width = 480, .height = 120};
    return f;
}

static void key_figures_are_tiles_of_text(void **state)
{
    (void)state;
    world w;
    w_init(&w);
    add_figure(&w, make_kpi(&w));
    const char *h = render(&w, false);
    /* The figure keeps its number and caption; the tiles are text, in the
     * order a reader meets them: the number, what it counts, the year
     * before (kept on one line), the change. */
    assert_has(h, "<figure>\n<figcaption id=\"figure-1\">Figure 1: Key figures for the "
                  "year</figcaption>\n<ul class=\"tiles\">\n"
                  "<li><span class=\"big\">3,243</span>\n<span class=\"what\">Referrals to "
                  "children&apos;s social care</span>\n<span class=\"was\"><span "
                  "class=\"yr\">2018-19</span>: 3,653</span>\n<span class=\"change\">down "
                  "11.2% from 3,653</span>\n</li>\n"
                  "<li><span class=\"big\">[c]</span>\n<span class=\"what\">Section 47 "
                  "enquiries</span>\n<span class=\"was\"><span class=\"yr\">2018-19</span>: "
                  "996</span>\n<span class=\"change\">hidden this year &amp; not "
                  "compared</span>\n</li>\n</ul>\n");
    /* No picture of the text, and no second table of the same words. */
    assert_lacks(h, "<svg");
    assert_lacks(h, "<details>");
    assert_lacks(h, "<table");
    w_free(&w);
}

/* An attendance matrix: three members at two meetings. */
static sr_dfigure *make_matrix(world *w)
{
    sr_chart *c = sr_arena_alloc(w->a, sizeof *c);
    const char **cats = sr_arena_alloc(w->a, 3 * sizeof *cats);
    cats[0] = "Police";
    cats[1] = "Health & care";
    cats[2] = "Schools";
    sr_chart_series *s = sr_arena_alloc(w->a, 2 * sizeof *s);
    sr_chart_value *m1 = sr_arena_alloc(w->a, 3 * sizeof *m1);
    m1[0] = (sr_chart_value){SR_MATRIX_ATTENDED, "attended", false};
    m1[1] = (sr_chart_value){SR_MATRIX_APOLOGIES, "apologies", false};
    m1[2] = (sr_chart_value){SR_MATRIX_NONE, "not recorded", false};
    sr_chart_value *m2 = sr_arena_alloc(w->a, 3 * sizeof *m2);
    m2[0] = (sr_chart_value){SR_MATRIX_ABSENT, "absent", false};
    m2[1] = (sr_chart_value){SR_MATRIX_ATTENDED, "attended", false};
    m2[2] = (sr_chart_value){SR_MATRIX_ATTENDED, "attended", false};
    s[0] = (sr_chart_series){"11 June 2019", m1};
    s[1] = (sr_chart_series){"10 March 2020", m2};
    *c = (sr_chart){.kind = SR_CHART_MATRIX,
                    .id = "attendance",
                    .title = "Attendance at the Executive",
                    .categories = cats,
                    .ncat = 3,
                    .series = s,
                    .nseries = 2};
    sr_dfigure *f = sr_arena_alloc(w->a, sizeof *f);
    *f = (sr_dfigure){.id = c->id, .chart = c, .alt = "Attendance", .width = 480, .height = 200};
    return f;
}

static void the_attendance_matrix_is_a_table(void **state)
{
    (void)state;
    world w;
    w_init(&w);
    add_figure(&w, make_matrix(&w));
    const char *h = render(&w, false);
    assert_has(h, "<figcaption id=\"figure-1\">Figure 1: Attendance at the "
                  "Executive</figcaption>\n");
    /* The key: each symbol with its words. */
    assert_has(h, "<p class=\"key\">Key: <span class=\"m at\" aria-hidden=\"true\"></span> "
                  "attended, <span class=\"m ap\" aria-hidden=\"true\"></span> sent apologies, "
                  "<span class=\"m ab\" aria-hidden=\"true\"></span> absent, <span class=\"m no\" "
                  "aria-hidden=\"true\"></span> not recorded.</p>\n");
    /* A table named by the caption, meetings along the top and members
     * down the side as headers, in each cell a symbol for the eye and the
     * words for a screen reader. */
    assert_has(h, "<div class=\"scroll\" tabindex=\"0\" role=\"region\" "
                  "aria-labelledby=\"figure-1\"><table class=\"matrix\" "
                  "aria-labelledby=\"figure-1\"><thead><tr><th scope=\"col\">Member</th>"
                  "<th scope=\"col\">11 June 2019</th><th scope=\"col\">10 March "
                  "2020</th></tr></thead><tbody>"
                  "<tr><th scope=\"row\">Police</th>"
                  "<td><span class=\"m at\" aria-hidden=\"true\"></span><span "
                  "class=\"vh\">attended</span></td>"
                  "<td><span class=\"m ab\" aria-hidden=\"true\"></span><span "
                  "class=\"vh\">absent</span></td></tr>"
                  "<tr><th scope=\"row\">Health &amp; care</th>"
                  "<td><span class=\"m ap\" aria-hidden=\"true\"></span><span "
                  "class=\"vh\">sent apologies</span></td>");
    assert_has(h, "<tr><th scope=\"row\">Schools</th><td><span class=\"m no\" "
                  "aria-hidden=\"true\"></span><span class=\"vh\">not recorded</span></td>");
    /* The words are hidden from sight only: never from a screen reader. */
    assert_has(h, ".vh{position:absolute;width:1px;height:1px;");
    assert_lacks(h, "class=\"vh\" aria-hidden");
    /* No picture of it, and no second table. */
    assert_lacks(h, "<svg");
    assert_lacks(h, "<details>");
    assert_int_equal(count(h, "<table"), 1);
    w_free(&w);
}

/* A drawn chart is one picture named by its title and described by its
 * text alternative: the SVG's own <title> and <desc>, referred to from a
 * wrapper, the SVG left as its file holds it and hidden inside. */
static void a_chart_is_named_by_its_title_and_described(void **state)
{
    (void)state;
    world w;
    w_init(&w);
    sr_dfigure *f = make_figure(&w, "referrals", "Referrals by quarter");
    add_figure(&w, f);
    const char *h = render(&w, false);
    assert_has(h, "<div class=\"chart\" role=\"img\" aria-labelledby=\"referrals-title\" "
                  "aria-describedby=\"referrals-desc\">\n<div aria-hidden=\"true\">\n<svg ");
    assert_has(h, "<title id=\"referrals-title\">Referrals by quarter</title>");
    assert_has(h, "<desc id=\"referrals-desc\">");
    assert_int_equal(count(h, "role=\"img\" aria-labelledby=\"referrals-title\" "
                              "aria-describedby"),
                     1);
    w_free(&w);
}

/* A dot plot of two rates: the area against England, the region and the
 * neighbours' average, one value hidden. */
static sr_dfigure *make_compare(world *w)
{
    sr_chart *c = sr_arena_alloc(w->a, sizeof *c);
    const char **cats = sr_arena_alloc(w->a, 2 * sizeof *cats);
    cats[0] = "Section 47 enquiries per 10,000";
    cats[1] = "Children looked after per 10,000";
    static const char *const names[] = {"Stockport", "England", "North West",
                                        "Statistical neighbours' average"};
    static const double vals[4][2] = {{201.3, 0}, {191.6, 70}, {210.0, 92}, {175.2, 81}};
    static const char *const labels[4][2] = {
        {"201.3", "[c]"}, {"191.6", "70"}, {"210.0", "92"}, {"175.2", "81"}};
    sr_chart_series *s = sr_arena_alloc(w->a, 4 * sizeof *s);
    for (size_t k = 0; k < 4; k++) {
        sr_chart_value *v = sr_arena_alloc(w->a, 2 * sizeof *v);
        for (size_t i = 0; i < 2; i++)
            v[i] = (sr_chart_value){vals[k][i], labels[k][i], labels[k][i][0] == '['};
        s[k] = (sr_chart_series){names[k], v};
    }
    *c = (sr_chart){.kind = SR_CHART_COMPARE,
                    .id = "how-we-compare",
                    .title = "How Stockport compares, 2023-24",
                    .x_title = "Rate per 10,000 children aged 0 to 17",
                    .categories = cats,
                    .ncat = 2,
                    .series = s,
                    .nseries = 4,
                    .source = "Source: Department for Education."};
    sr_dcol *cols = sr_arena_alloc(w->a, 5 * sizeof *cols);
    cols[0] = (sr_dcol){.kind = SR_COL_LABEL, .head = "Measure", .shown = SR_OUT_ALL};
    for (size_t k = 0; k < 4; k++)
        cols[1 + k] = (sr_dcol){.kind = SR_COL_VALUE, .head = names[k], .shown = SR_OUT_ALL};
    sr_dcell *cells = sr_arena_alloc(w->a, 10 * sizeof *cells);
    for (size_t i = 0; i < 2; i++) {
        cells[5 * i] = (sr_dcell){.kind = SR_CELL_TEXT, .text = cats[i]};
        for (size_t k = 0; k < 4; k++)
            cells[5 * i + 1 + k] = (sr_dcell){.kind = SR_CELL_TEXT, .text = labels[k][i]};
    }
    sr_dtable *t = sr_arena_alloc(w->a, sizeof *t);
    *t = (sr_dtable){.caption = c->title, .ncols = 5, .nrows = 2, .cols = cols, .cells = cells};
    sr_dfigure *f = sr_arena_alloc(w->a, sizeof *f);
    char *alt = sr_chart_alt(c);
    *f = (sr_dfigure){.id = c->id,
                      .chart = c,
                      .alt = sr_arena_strdup(w->a, alt),
                      .width = 480,
                      .height = 160,
                      .data = t};
    free(alt);
    return f;
}

/* The dot plot is drawn as every chart is: its SVG in the page, named by
 * its title and described by its text alternative, which gives every
 * value; its figures in a table under it. */
static void a_dot_plot_is_a_described_picture_with_its_table(void **state)
{
    (void)state;
    world w;
    w_init(&w);
    add_figure(&w, make_compare(&w));
    const char *h = render(&w, false);
    assert_has(h, "<div class=\"chart\" role=\"img\" aria-labelledby=\"how-we-compare-title\" "
                  "aria-describedby=\"how-we-compare-desc\">\n<div aria-hidden=\"true\">\n<svg ");
    assert_has(h,
               "<desc id=\"how-we-compare-desc\">Dot plot: How Stockport compares, 2023-24. "
               "2 measures, each with figures for Stockport, England, North West and Statistical "
               "neighbours' average. Section 47 enquiries per 10,000: Stockport 201.3, "
               "England 191.6, North West 210.0, Statistical neighbours' average 175.2. "
               "Children looked after per 10,000: Stockport [c], England 70");
    assert_has(h, ">Not shown: Stockport [c]</text>");
    assert_has(h, ">Source: Department for Education.</text>");
    assert_has(h, "<tr><th scope=\"row\">Section 47 enquiries per 10,000</th><td "
                  "class=\"n\">201.3</td><td class=\"n\">191.6</td><td class=\"n\">210.0</td><td "
                  "class=\"n\">175.2</td></tr>");
    w_free(&w);
}

/* A chart's note goes under it; the tree's table of its figures, when it
 * gives one, is the chart's table, set as every table is. */
static void a_chart_shows_its_note_and_its_data(void **state)
{
    (void)state;
    world w;
    w_init(&w);
    sr_dfigure *f = make_figure(&w, "referrals", "Referrals by quarter");
    f->note = "Hatched bars: figures hidden to protect small numbers.";
    static sr_dcol cols[] = {
        {.kind = SR_COL_LABEL, .head = "", .shown = SR_OUT_ALL},
        {.kind = SR_COL_VALUE, .head = "2019/20", .shown = SR_OUT_ALL, .year = 2019},
    };
    static sr_dcell cells[] = {
        {.kind = SR_CELL_TEXT, .text = "Q1"},
        {.kind = SR_CELL_VALUE, .v = {SR_AVAILABLE, 10, 1, false, false}},
    };
    sr_dtable *t = sr_arena_alloc(w.a, sizeof *t);
    *t = (sr_dtable){
        .caption = "Referrals by quarter", .ncols = 2, .nrows = 1, .cols = cols, .cells = cells};
    f->data = t;
    add_figure(&w, f);
    const char *h = render(&w, false);
    assert_has(h, "</svg>\n</div>\n</div>\n<p class=\"note\">Hatched bars: figures hidden to "
                  "protect small numbers.</p>\n<details><summary>Figure 1 as a table</summary>"
                  "<div class=\"scroll\" tabindex=\"0\" role=\"region\" "
                  "aria-labelledby=\"figure-1-table\"><table><caption "
                  "id=\"figure-1-table\">Figure 1: Referrals by quarter</caption><thead><tr>"
                  "<td></td><th scope=\"col\" class=\"n\"><span class=\"yr\">2019/20</span></th>"
                  "</tr></thead><tbody><tr><th scope=\"row\">Q1</th><td class=\"n\">10</td>"
                  "</tr></tbody></table></div></details>");
    /* Not numbered among the report's tables, and not shown twice. */
    assert_lacks(h, "Table 1");
    assert_int_equal(count(h, "<table"), 1);
    w_free(&w);
}

/* On paper every chart's table is open and the contents are shown. */
static void print_opens_the_tables(void **state)
{
    (void)state;
    world w;
    w_init(&w);
    const char *h = render(&w, false);
    const char *print = strstr(h, "@media print{");
    assert_non_null(print);
    assert_non_null(strstr(print, "details::details-content{content-visibility:visible"));
    assert_null(strstr(print, "nav{display:none}"));
    assert_null(strstr(print, ",nav{"));
    w_free(&w);
}

/* Years in headers stay whole, however they are written; other numbers
 * are left alone. */
static void years_in_headers_stay_on_one_line(void **state)
{
    (void)state;
    world w;
    w_init(&w);
    static sr_dcol cols[] = {
        {.kind = SR_COL_LABEL, .head = "Figure", .shown = SR_OUT_ALL},
        {.kind = SR_COL_VALUE, .head = "Baseline (2017-18)", .shown = SR_OUT_ALL},
        {.kind = SR_COL_VALUE, .head = "2018-2019 & 12345-678", .shown = SR_OUT_ALL},
    };
    static sr_dcell cells[] = {
        {.kind = SR_CELL_TEXT, .text = "A"},
        {.kind = SR_CELL_EMPTY},
        {.kind = SR_CELL_EMPTY},
    };
    sr_dtable *t = sr_arena_alloc(w.a, sizeof *t);
    *t = (sr_dtable){.caption = "Years", .ncols = 3, .nrows = 1, .cols = cols, .cells = cells};
    add(&w, w.section, SR_D_TABLE)->table = t;
    const char *h = render(&w, false);
    assert_has(h, "<th scope=\"col\" class=\"n\">Baseline (<span class=\"yr\">2017-18</span>)</th>"
                  "<th scope=\"col\" class=\"n\"><span class=\"yr\">2018-2019</span> &amp; "
                  "12345-678</th>");
    assert_has(h, ".yr{white-space:nowrap}");
    w_free(&w);
}

/* With the other outputs' file names, the footer links them. */
static void the_footer_links_the_pdf_and_the_workbook(void **state)
{
    (void)state;
    world w;
    w_init(&w);
    w.doc.pdf_file = "test-annual-report-2019-20.pdf";
    w.doc.xlsx_file = "test annual report \"2019-20\" data.xlsx";
    const char *h = render(&w, false);
    assert_has(h, "<footer>\n<p>Test Safeguarding Children Partnership annual report 2019-20. "
                  "Also published as <a href=\"test-annual-report-2019-20.pdf\" "
                  "type=\"application/pdf\">a PDF</a>, with <a "
                  "href=\"test%20annual%20report%20%222019-20%22%20data.xlsx\" "
                  "type=\"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet\">a "
                  "spreadsheet of every figure</a>.</p>\n</footer>\n");
    w.doc.xlsx_file = NULL;
    h = render(&w, false);
    assert_has(h, "Also published as <a href=\"test-annual-report-2019-20.pdf\" "
                  "type=\"application/pdf\">a PDF</a>.</p>\n</footer>");
    w_free(&w);
}

static void chart_errors_name_the_chart(void **state)
{
    (void)state;
    world w;
    w_init(&w);
    add_figure(&w, make_figure(&w, "stuck", "Stuck"));
    char *dir = make_tmpdir();
    char *cdir = sr_path_join(dir, "charts");
    char *in_way = sr_path_join(cdir, "stuck.png");
    assert_int_equal(sr_make_dirs(in_way), 0); /* a folder where the file goes */
    sr_render_options o = {.fonts = fonts};
    sr_render_result r = {0};
    char err[256] = "";
    assert_int_equal(sr_output_charts.write(&w.doc, &o, cdir, &r, err, sizeof err), -1);
    assert_int_equal(strncmp(err, "cannot write the chart stuck: ", 30), 0);
    rmdir(in_way);
    /* A folder that cannot be made. */
    char *file = sr_path_join(dir, "file");
    assert_int_equal(sr_write_file_atomic(file, "x", 1), 0);
    char *under = sr_path_join(file, "charts");
    assert_int_equal(sr_output_charts.write(&w.doc, &o, under, &r, err, sizeof err), -1);
    assert_int_equal(strncmp(err, "cannot create ", 14), 0);
    /* No chart files: nothing written, and said so. */
    world none;
    w_init(&none);
    assert_int_equal(sr_output_charts.write(&none.doc, &o, cdir, &r, err, sizeof err), 0);
    assert_string_equal(r.what, "0 charts as PNG and SVG");
    assert_int_equal(r.bytes, 0);
    w_free(&none);
    unlink(file);
    free(file);
    free(under);
    free(in_way);
    free(cdir);
    remove_tree(dir);
    free(dir);
    w_free(&w);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(links_are_links),
        cmocka_unit_test(script_addresses_are_never_links),
        cmocka_unit_test(lists_nest),
        cmocka_unit_test(inlines_become_elements),
        cmocka_unit_test(text_is_escaped),
        cmocka_unit_test(header_and_footer_from_the_document),
        cmocka_unit_test(tables_print_their_print_columns),
        cmocka_unit_test(the_page_holds_the_svg_file),
        cmocka_unit_test(two_charts_share_a_page),
        cmocka_unit_test(chart_errors_name_the_chart),
        cmocka_unit_test(key_figures_are_tiles_of_text),
        cmocka_unit_test(the_attendance_matrix_is_a_table),
        cmocka_unit_test(a_chart_is_named_by_its_title_and_described),
        cmocka_unit_test(a_dot_plot_is_a_described_picture_with_its_table),
        cmocka_unit_test(a_chart_shows_its_note_and_its_data),
        cmocka_unit_test(print_opens_the_tables),
        cmocka_unit_test(years_in_headers_stay_on_one_line),
        cmocka_unit_test(the_footer_links_the_pdf_and_the_workbook),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
