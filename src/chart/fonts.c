/* fonts: private fontconfig + Pango font map, see fonts.h. */
#include "chart/fonts.h"

#include "core/arena.h"
#include "core/fsutil.h"

#include <fontconfig/fontconfig.h>
#include <pango/pangofc-fontmap.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

struct sr_fonts {
    char family[128];
    FcConfig *cfg;
    PangoFontMap *map;
    char cache[64];
};

sr_fonts *sr_fonts_open(const char *fonts_dir, char *err, size_t errlen)
{
    sr_fonts *f = sr_xcalloc(1, sizeof *f);
    f->cfg = FcConfigCreate();
    if (!f->cfg)
        sr_oom();
    /* A cache of our own, so fontconfig neither warns about an unwritable
     * system cache nor writes into one. */
    snprintf(f->cache, sizeof f->cache, "/tmp/sscp-report-fc-XXXXXX");
    if (!mkdtemp(f->cache))
        f->cache[0] = '\0';
    char xml[256];
    snprintf(xml, sizeof xml, "<fontconfig><cachedir>%s</cachedir></fontconfig>",
             f->cache[0] ? f->cache : "/tmp");
    FcConfigParseAndLoadFromMemory(f->cfg, (const FcChar8 *)xml, FcFalse);
    if (!FcConfigAppFontAddDir(f->cfg, (const FcChar8 *)fonts_dir)) {
        snprintf(err, errlen, "cannot read the fonts in %s", fonts_dir);
        sr_fonts_close(f);
        return NULL;
    }
    FcFontSet *set = FcConfigGetFonts(f->cfg, FcSetApplication);
    if (!set || set->nfont == 0) {
        snprintf(err, errlen, "there are no fonts in %s", fonts_dir);
        sr_fonts_close(f);
        return NULL;
    }
    /* Current before the font map exists, or Pango's own FcInit scans every
     * system font. */
    FcConfigSetCurrent(f->cfg);
    f->map = pango_cairo_font_map_new_for_font_type(CAIRO_FONT_TYPE_FT);
    if (!f->map) {
        snprintf(err, errlen, "cannot create a font map");
        sr_fonts_close(f);
        return NULL;
    }
    pango_fc_font_map_set_config(PANGO_FC_FONT_MAP(f->map), f->cfg);
    snprintf(f->family, sizeof f->family, "%s", SR_FONT_FAMILY);
    return f;
}

bool sr_fonts_set_family(sr_fonts *f, const char *family)
{
    FcFontSet *set = FcConfigGetFonts(f->cfg, FcSetApplication);
    for (int i = 0; set && i < set->nfont; i++) {
        FcChar8 *fam;
        for (int k = 0; FcPatternGetString(set->fonts[i], FC_FAMILY, k, &fam) == FcResultMatch; k++)
            if (strcmp((const char *)fam, family) == 0) {
                snprintf(f->family, sizeof f->family, "%s", family);
                return true;
            }
    }
    return false;
}

void sr_fonts_close(sr_fonts *f)
{
    if (!f)
        return;
    if (f->map)
        g_object_unref(f->map);
    if (f->cfg)
        FcConfigDestroy(f->cfg);
    if (f->cache[0])
        (void)sr_remove_flat_dir(f->cache); /* a file or two of fontconfig's */
    free(f);
}

PangoFontMap *sr_fonts_map(sr_fonts *f)
{
    return f->map;
}

PangoLayout *sr_fonts_layout(sr_fonts *f, cairo_t *cr, double size, int weight)
{
    PangoContext *ctx = pango_font_map_create_context(f->map);
    pango_cairo_update_context(cr, ctx);
    pango_cairo_context_set_resolution(ctx, 72);
    cairo_font_options_t *fo = cairo_font_options_create();
    cairo_font_options_set_hint_metrics(fo, CAIRO_HINT_METRICS_OFF);
    cairo_font_options_set_hint_style(fo, CAIRO_HINT_STYLE_NONE);
    pango_cairo_context_set_font_options(ctx, fo);
    cairo_font_options_destroy(fo);
    PangoLayout *l = pango_layout_new(ctx);
    g_object_unref(ctx);
    PangoFontDescription *d = pango_font_description_new();
    pango_font_description_set_family(d, f->family);
    pango_font_description_set_size(d, (gint)(size * PANGO_SCALE));
    pango_font_description_set_weight(d,
                                      weight > 400 ? PANGO_WEIGHT_SEMIBOLD : PANGO_WEIGHT_NORMAL);
    pango_layout_set_font_description(l, d);
    pango_font_description_free(d);
    return l;
}
