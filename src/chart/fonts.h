/* fonts: the bundled fonts (fonts/), loaded privately for Pango.
 *
 * A fontconfig configuration of its own holds only the bundled folder, with
 * a cache folder of this program's, one per user and reused by every run
 * ($XDG_CACHE_HOME/sscp-report/fontconfig, else ~/.cache/..., else
 * $TMPDIR/sscp-report-fontconfig-UID), and is made current before Pango's font map is
 * created: text is set in the same fonts on every machine, and no time is
 * spent scanning the system's fonts. One per process; call sr_fonts_close()
 * at exit.
 */
#ifndef SR_FONTS_H
#define SR_FONTS_H

#include <pango/pangocairo.h>
#include <stdbool.h>

/* The family the report and charts are set in, unless the template names
 * another one that is in the fonts folder. */
#define SR_FONT_FAMILY "Open Sans"

typedef struct sr_fonts sr_fonts;

/* Loads fonts_dir. Returns NULL (with a message in err, errlen bytes) if it
 * holds no usable font, or no cache folder can be made. */
sr_fonts *sr_fonts_open(const char *fonts_dir, char *err, size_t errlen);
void sr_fonts_close(sr_fonts *f);

PangoFontMap *sr_fonts_map(sr_fonts *f);

/* The user's cache folder the fonts are set up with (the one described
 * above), made if missing; malloc'd, or NULL with a message in err. The
 * cache of the fonts' hashes (publish/record.h) is kept there too. */
char *sr_fonts_cache_dir(char *err, size_t errlen);

/* Sets the family layouts use. Returns false (and changes nothing) if no
 * font of that family is in the folder. */
bool sr_fonts_set_family(sr_fonts *f, const char *family);

/* A Pango layout for cr, at 72 units per inch (so point sizes are points),
 * set in the bundled family at size points, bold if weight > 400. The caller
 * unrefs it. Every layout, for any surface, is set with the same explicit
 * font options: metrics not hinted, no hinting, glyph positions not
 * rounded. So text measured on one surface (an image surface, for
 * pagination) breaks into the same lines when drawn on another (the PDF),
 * and letters sit where the font puts them; PNG charts are drawn so too,
 * antialiased, which at their size reads as well as hinted text. */
PangoLayout *sr_fonts_layout(sr_fonts *f, cairo_t *cr, double size, int weight);

/* Measures kept with the fonts for as long as they are open: a chart
 * measures the same label many times (to learn its height, then to draw
 * it, for each output), and lays it out once. key names what was measured
 * and how (the text, its size and weight, the width it wraps in, the
 * drawing's matrix and surface); the family is not in it: the measures
 * are forgotten when sr_fonts_set_family changes the family. get returns
 * false when key has no measure yet. */
bool sr_fonts_memo_get(sr_fonts *f, const char *key, double out[2]);
void sr_fonts_memo_put(sr_fonts *f, const char *key, const double v[2]);

#endif
