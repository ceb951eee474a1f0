/* palette: colours, contrast and fill patterns, see palette.h. */
#include "chart/palette.h"

#include <math.h>

/* Dark, saturated tones from the Okabe-Ito and Tol families, each at least
 * 3:1 against white (checked by the tests). */
const sr_rgb sr_palette[SR_PALETTE_N] = {
    {0x0B / 255.0, 0x4F / 255.0, 0x8A / 255.0}, /* blue */
    {0xB3 / 255.0, 0x41 / 255.0, 0x0C / 255.0}, /* vermilion */
    {0x0A / 255.0, 0x6E / 255.0, 0x4F / 255.0}, /* bluish green */
    {0x7A / 255.0, 0x3E / 255.0, 0x9D / 255.0}, /* purple */
    {0x5A / 255.0, 0x63 / 255.0, 0x6B / 255.0}, /* slate */
    {0x9C / 255.0, 0x22 / 255.0, 0x52 / 255.0}, /* wine */
};
const sr_rgb sr_background = {1, 1, 1};
const sr_rgb sr_text = {0x1A / 255.0, 0x1A / 255.0, 0x1A / 255.0};
const sr_rgb sr_muted = {0x50 / 255.0, 0x50 / 255.0, 0x50 / 255.0};
const sr_rgb sr_grid = {0xD8 / 255.0, 0xD8 / 255.0, 0xD8 / 255.0};
const sr_rgb sr_hidden = {0xE0 / 255.0, 0xE0 / 255.0, 0xE0 / 255.0};

static double channel(double c)
{
    return c <= 0.03928 ? c / 12.92 : pow((c + 0.055) / 1.055, 2.4);
}

double sr_luminance(sr_rgb c)
{
    return 0.2126 * channel(c.r) + 0.7152 * channel(c.g) + 0.0722 * channel(c.b);
}

double sr_contrast(sr_rgb a, sr_rgb b)
{
    double la = sr_luminance(a), lb = sr_luminance(b);
    return la > lb ? (la + 0.05) / (lb + 0.05) : (lb + 0.05) / (la + 0.05);
}

sr_rgb sr_text_on(sr_rgb bg)
{
    return sr_contrast(sr_background, bg) >= sr_contrast(sr_text, bg) ? sr_background : sr_text;
}

void sr_set_rgb(cairo_t *cr, sr_rgb c)
{
    cairo_set_source_rgb(cr, c.r, c.g, c.b);
}

void sr_fill_series(cairo_t *cr, size_t i)
{
    sr_set_rgb(cr, sr_palette[i % SR_PALETTE_N]);
    if (i == 0) {
        cairo_fill(cr);
        return;
    }
    cairo_fill_preserve(cr);
    /* White lines over the colour, a different angle or spacing per series. */
    cairo_save(cr);
    cairo_clip(cr);
    double x1, y1, x2, y2;
    cairo_clip_extents(cr, &x1, &y1, &x2, &y2);
    cairo_set_source_rgba(cr, 1, 1, 1, 0.55);
    cairo_set_line_width(cr, 1.2);
    /* Colour and pattern together differ for the first 30 series. */
    double gap = 5;
    int style = (int)((i - 1 + i / SR_PALETTE_N) % 5);
    double span = (x2 - x1) + (y2 - y1);
    for (double d = -span; d < span; d += gap) {
        if (style == 0 || style == 2) { /* diagonal up */
            cairo_move_to(cr, x1 + d, y2);
            cairo_line_to(cr, x1 + d + (y2 - y1), y1);
        }
        if (style == 1 || style == 2) { /* diagonal down */
            cairo_move_to(cr, x1 + d, y1);
            cairo_line_to(cr, x1 + d + (y2 - y1), y2);
        }
        if (style == 3) { /* horizontal */
            cairo_move_to(cr, x1, y1 + d + span);
            cairo_line_to(cr, x2, y1 + d + span);
        }
        if (style == 4) { /* vertical */
            cairo_move_to(cr, x1 + d + span, y1);
            cairo_line_to(cr, x1 + d + span, y2);
        }
    }
    cairo_stroke(cr);
    cairo_restore(cr);
}
