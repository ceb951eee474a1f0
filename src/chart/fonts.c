/* fonts: private fontconfig + Pango font map, see fonts.h. */
#include "chart/fonts.h"

#include "core/arena.h"
#include "core/fsutil.h"

#include <errno.h>
#include <fontconfig/fontconfig.h>
#include <pango/pangofc-fontmap.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

struct sr_fonts {
    char family[128];
    FcConfig *cfg;
    PangoFontMap *map;
    GHashTable *memo; /* key -> double[2] in family (sr_fonts_memo_get) */
};

/* An absolute path from the environment variable name, or NULL. */
static const char *env_dir(const char *name)
{
    const char *v = getenv(name);
    return v && v[0] == '/' ? v : NULL;
}

/* The user's cache folder for fontconfig, made if missing: one folder,
 * reused by every run, so a run that is killed leaves nothing behind and
 * the bundled fonts are scanned once, not on every run. First
 * $XDG_CACHE_HOME/sscp-report/fontconfig (or ~/.cache/...); when the home
 * folder cannot be written, $TMPDIR/sscp-report-fontconfig-UID, used only
 * if it is this user's own folder that nobody else can write. */
char *sr_fonts_cache_dir(char *err, size_t errlen)
{
    char why[512] = "";
    const char *xdg = env_dir("XDG_CACHE_HOME"), *home = env_dir("HOME");
    /* A home folder that is not there is not made (a service's HOME of
     * /nonexistent): the temporary folder serves instead. */
    if (home && sr_path_kind_of(home) != SR_PATH_DIR)
        home = NULL;
    char *base = xdg    ? sr_path_join(xdg, "sscp-report")
                 : home ? sr_path_join(home, ".cache/sscp-report")
                        : NULL;
    if (base) {
        char *dir = sr_path_join(base, "fontconfig");
        free(base);
        if (sr_make_dirs(dir) == 0 && access(dir, W_OK | X_OK) == 0)
            return dir;
        snprintf(why, sizeof why, "%s: %s; ", dir, sr_io_error(errno));
        free(dir);
    }
    const char *tmp = env_dir("TMPDIR");
    char name[64];
    snprintf(name, sizeof name, "sscp-report-fontconfig-%lu", (unsigned long)geteuid());
    char *dir = sr_path_join(tmp ? tmp : "/tmp", name);
    struct stat st;
    if (mkdir(dir, 0700) != 0 && errno != EEXIST) {
        snprintf(err, errlen,
                 "cannot make a folder for the font cache (%s%s: %s)\n"
                 "  hint: set XDG_CACHE_HOME or TMPDIR to a folder you can write",
                 why, dir, sr_io_error(errno));
        free(dir);
        return NULL;
    }
    const char *bad = NULL;
    if (lstat(dir, &st) != 0)
        bad = sr_io_error(errno);
    else if (S_ISLNK(st.st_mode))
        bad = "it is a link, which may lead to another user's folder";
    else if (!S_ISDIR(st.st_mode))
        bad = "it is not a folder";
    else if (st.st_uid != geteuid())
        bad = "it belongs to another user";
    else if ((st.st_mode & 022) != 0)
        bad = "other users can change what is in it";
    if (bad) {
        snprintf(err, errlen,
                 "the font cache folder %s is not used: %s\n"
                 "  hint: remove it, or set XDG_CACHE_HOME to a folder of your own",
                 dir, bad);
        free(dir);
        return NULL;
    }
    return dir;
}

sr_fonts *sr_fonts_open(const char *fonts_dir, char *err, size_t errlen)
{
    sr_fonts *f = sr_xcalloc(1, sizeof *f);
    f->cfg = FcConfigCreate();
    if (!f->cfg)
        sr_oom();
    /* A cache of our own, so fontconfig neither warns about an unwritable
     * system cache nor writes into one. */
    char *cache = sr_fonts_cache_dir(err, errlen);
    if (!cache) {
        sr_fonts_close(f);
        return NULL;
    }
    gchar *esc = g_markup_escape_text(cache, -1);
    gchar *xml = g_strdup_printf("<fontconfig><cachedir>%s</cachedir></fontconfig>", esc);
    FcBool loaded = FcConfigParseAndLoadFromMemory(f->cfg, (const FcChar8 *)xml, FcFalse);
    g_free(xml);
    g_free(esc);
    if (!loaded) {
        snprintf(err, errlen, "cannot set up the font cache in %s", cache);
        free(cache);
        sr_fonts_close(f);
        return NULL;
    }
    free(cache);
    if (!FcConfigAppFontAddDir(f->cfg, (const FcChar8 *)fonts_dir)) {
        snprintf(err, errlen,
                 "cannot read the fonts in %s; use --fonts DIR to name the fonts folder",
                 fonts_dir);
        sr_fonts_close(f);
        return NULL;
    }
    FcFontSet *set = FcConfigGetFonts(f->cfg, FcSetApplication);
    if (!set || set->nfont == 0) {
        snprintf(err, errlen, "there are no fonts in %s; use --fonts DIR to name the fonts folder",
                 fonts_dir);
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
                /* What was measured in another family no longer holds. */
                if (strcmp(f->family, family) != 0 && f->memo)
                    g_hash_table_remove_all(f->memo);
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
    if (f->memo)
        g_hash_table_destroy(f->memo);
    free(f);
}

bool sr_fonts_memo_get(sr_fonts *f, const char *key, double out[2])
{
    if (!f->memo)
        return false;
    const double *v = g_hash_table_lookup(f->memo, key);
    if (!v)
        return false;
    out[0] = v[0];
    out[1] = v[1];
    return true;
}

void sr_fonts_memo_put(sr_fonts *f, const char *key, const double v[2])
{
    if (!f->memo)
        f->memo = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, g_free);
    double *copy = g_new(double, 2);
    copy[0] = v[0];
    copy[1] = v[1];
    g_hash_table_replace(f->memo, g_strdup(key), copy);
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
    /* At 72 units per inch a rounded glyph position is a whole point: the
     * letters and words of small text would sit unevenly. */
    pango_context_set_round_glyph_positions(ctx, FALSE);
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
