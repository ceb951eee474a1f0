/* Tests for the font options every layout is made with (chart/fonts.h):
 * text measured on an image surface, as the PDF's pagination measures it,
 * breaks into the same lines when the layout is set to a PDF surface to be
 * drawn; and glyph positions are not rounded to whole points, so the
 * letters of small text sit evenly. */
#include "testutil.h"

#include "chart/fonts.h"

#include <cairo-pdf.h>

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

static cairo_status_t discard(void *closure, const unsigned char *data, unsigned int length)
{
    (void)closure, (void)data, (void)length;
    return CAIRO_STATUS_SUCCESS;
}

/* A long paragraph: words of every length, figures and punctuation. */
static char *long_paragraph(int sentences)
{
    static const char *const s[] = {
        "The partnership reviewed 1,234 referrals by category, and 17.4% were repeat "
        "referrals within twelve months. ",
        "Multi-agency training reached practitioners in schools, health visiting, "
        "early help, police and the voluntary sector. ",
        "Independent scrutiny found that feedback from children and families was sought, "
        "recorded and used to change practice. ",
        "Attendance at strategy discussions improved (from 71.2% to 88.9%); "
        "escalations fell. ",
    };
    size_t n = 0;
    for (int i = 0; i < sentences; i++)
        n += strlen(s[i % 4]);
    char *p = malloc(n + 1);
    assert_non_null(p);
    p[0] = '\0';
    for (int i = 0; i < sentences; i++)
        strcat(p, s[i % 4]);
    return p;
}

/* Where each line starts, as a list of byte offsets. */
static int line_starts(PangoLayout *l, int *starts, int max)
{
    int n = 0;
    for (GSList *ln = pango_layout_get_lines_readonly(l); ln && n < max; ln = ln->next)
        starts[n++] = ((PangoLayoutLine *)ln->data)->start_index;
    return n;
}

static void lines_measured_are_lines_drawn(void **state)
{
    (void)state;
    cairo_surface_t *ms = cairo_image_surface_create(CAIRO_FORMAT_A8, 1, 1);
    cairo_t *measure = cairo_create(ms);
    cairo_surface_t *pdf = cairo_pdf_surface_create_for_stream(discard, NULL, 595.28, 841.89);
    cairo_t *cr = cairo_create(pdf);
    assert_int_equal(cairo_status(cr), CAIRO_STATUS_SUCCESS);
    char *text = long_paragraph(40);
    static const double sizes[] = {8.5, 9, 10.5, 11};
    static const double widths[] = {120, 250, 395, 480};
    int changed = 0, total = 0;
    for (size_t si = 0; si < sizeof sizes / sizeof *sizes; si++)
        for (size_t wi = 0; wi < sizeof widths / sizeof *widths; wi++)
            for (int weight = 400; weight <= 600; weight += 200) {
                PangoLayout *l = sr_fonts_layout(fonts, measure, sizes[si], weight);
                pango_layout_set_width(l, (int)(widths[wi] * PANGO_SCALE));
                pango_layout_set_wrap(l, PANGO_WRAP_WORD_CHAR);
                pango_layout_set_text(l, text, -1);
                int before[512], after[512];
                int nb = line_starts(l, before, 512);
                int hb, ha;
                pango_layout_get_size(l, NULL, &hb);
                pango_cairo_update_layout(cr, l);
                int na = line_starts(l, after, 512);
                pango_layout_get_size(l, NULL, &ha);
                assert_true(nb > 3);
                total++;
                if (nb != na || memcmp(before, after, (size_t)nb * sizeof *before) != 0 ||
                    hb != ha) {
                    changed++;
                    print_message("%.1f pt, %.0f pt wide, weight %d: %d lines measured, %d "
                                  "drawn\n",
                                  sizes[si], widths[wi], weight, nb, na);
                }
                g_object_unref(l);
            }
    assert_int_equal(total, 32);
    assert_int_equal(changed, 0);
    free(text);
    cairo_destroy(cr);
    cairo_surface_destroy(pdf);
    cairo_destroy(measure);
    cairo_surface_destroy(ms);
}

/* At 72 units per inch a rounded position is a whole point; unrounded,
 * most glyphs of a line of small text fall between. */
static void glyph_positions_are_not_rounded(void **state)
{
    (void)state;
    cairo_surface_t *ms = cairo_image_surface_create(CAIRO_FORMAT_A8, 1, 1);
    cairo_t *measure = cairo_create(ms);
    PangoLayout *l = sr_fonts_layout(fonts, measure, 8.5, 400);
    pango_layout_set_text(l, "Referrals by category, 2018-19 and 2019-20", -1);
    PangoLayoutLine *line = pango_layout_get_line_readonly(l, 0);
    int glyphs = 0, between = 0;
    for (GSList *r = line->runs; r; r = r->next) {
        PangoGlyphString *gs = ((PangoGlyphItem *)r->data)->glyphs;
        for (int i = 0; i < gs->num_glyphs; i++, glyphs++)
            between += gs->glyphs[i].geometry.width % PANGO_SCALE != 0;
    }
    assert_true(glyphs > 30);
    assert_true(between > glyphs / 2);
    g_object_unref(l);
    cairo_destroy(measure);
    cairo_surface_destroy(ms);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(lines_measured_are_lines_drawn),
        cmocka_unit_test(glyph_positions_are_not_rounded),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
