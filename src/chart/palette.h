/* palette: the charts' colours and patterns, chosen to be told apart with
 * any colour vision, with contrast checked against WCAG 2.1: at least 3:1
 * for marks and 4.5:1 for text on the background. Colour is never the only
 * cue: series also differ by pattern, and values are labelled. */
#ifndef SR_PALETTE_H
#define SR_PALETTE_H

#include <cairo.h>
#include <stddef.h>

typedef struct {
    double r, g, b;
} sr_rgb;

#define SR_PALETTE_N 6

extern const sr_rgb sr_palette[SR_PALETTE_N];
extern const sr_rgb sr_background; /* the page */
extern const sr_rgb sr_text;       /* all text */
extern const sr_rgb sr_muted;      /* axis lines, gridlines' labels */
extern const sr_rgb sr_grid;       /* gridlines: decoration, not information */
extern const sr_rgb sr_hidden;     /* the ground of a part not shown, under its hatching */

/* The colour for text on bg: the page's white or the text colour, whichever
 * has more contrast with it (at least 4.5:1 on every colour here). */
sr_rgb sr_text_on(sr_rgb bg);

/* WCAG 2.1 relative luminance and contrast ratio. */
double sr_luminance(sr_rgb c);
double sr_contrast(sr_rgb a, sr_rgb b);

void sr_set_rgb(cairo_t *cr, sr_rgb c);

/* Fills the current path with colour i of the palette and, for i > 0, a
 * pattern of lines drawn over it (diagonal, cross, dots...), so series can
 * be told apart without colour. */
void sr_fill_series(cairo_t *cr, size_t i);

#endif
