/* Tests for the bundled fonts in fonts/: they load privately (no system
 * font leaks in), cover the four styles the report uses, have the pound
 * sign and typographic punctuation, and set digits at one width so columns
 * of figures line up. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>
#include <fontconfig/fontconfig.h>
#include <ft2build.h>
#include FT_FREETYPE_H

static char fonts_dir[1024];

static char cache_dir[] = "/tmp/sr-fc-XXXXXX";

/* As the renderer will do it: an empty configuration with its own writable
 * cache, and only the bundled folder added. */
static FcConfig *private_config(void)
{
    FcConfig *cfg = FcConfigCreate();
    assert_non_null(cfg);
    char xml[256];
    snprintf(xml, sizeof xml, "<fontconfig><cachedir>%s</cachedir></fontconfig>", cache_dir);
    assert_true(FcConfigParseAndLoadFromMemory(cfg, (const FcChar8 *)xml, FcTrue));
    assert_true(FcConfigAppFontAddDir(cfg, (const FcChar8 *)fonts_dir));
    return cfg;
}

static void only_the_bundled_fonts_are_seen(void **state)
{
    (void)state;
    FcConfig *cfg = private_config();
    FcPattern *pat = FcPatternCreate();
    FcObjectSet *os = FcObjectSetBuild(FC_FAMILY, FC_STYLE, NULL);
    FcFontSet *fs = FcFontList(cfg, pat, os);
    assert_non_null(fs);
    assert_int_equal(fs->nfont, 6);
    for (int i = 0; i < fs->nfont; i++) {
        FcChar8 *family;
        assert_int_equal(FcPatternGetString(fs->fonts[i], FC_FAMILY, 0, &family), FcResultMatch);
        assert_string_equal((const char *)family, "Open Sans");
    }
    FcFontSetDestroy(fs);
    FcObjectSetDestroy(os);
    FcPatternDestroy(pat);
    FcConfigDestroy(cfg);
}

/* The file whose first style name is style (Semibold also calls itself
 * Regular, so a plain match would find two). */
static char *font_file(FcConfig *cfg, const char *style)
{
    FcPattern *pat = FcPatternBuild(NULL, FC_FAMILY, FcTypeString, "Open Sans", NULL);
    FcObjectSet *os = FcObjectSetBuild(FC_FILE, FC_STYLE, NULL);
    FcFontSet *fs = FcFontList(cfg, pat, os);
    char *file = NULL;
    for (int i = 0; fs && i < fs->nfont && !file; i++) {
        FcChar8 *f, *st;
        if (FcPatternGetString(fs->fonts[i], FC_STYLE, 0, &st) == FcResultMatch &&
            strcmp((const char *)st, style) == 0 &&
            FcPatternGetString(fs->fonts[i], FC_FILE, 0, &f) == FcResultMatch)
            file = strdup((const char *)f);
    }
    if (fs)
        FcFontSetDestroy(fs);
    FcObjectSetDestroy(os);
    FcPatternDestroy(pat);
    return file;
}

static void every_style_the_report_uses_is_there(void **state)
{
    (void)state;
    FcConfig *cfg = private_config();
    const char *styles[] = {"Regular", "Italic", "Bold", "Bold Italic", "Semibold"};
    for (size_t i = 0; i < sizeof styles / sizeof *styles; i++) {
        char *f = font_file(cfg, styles[i]);
        if (!f)
            fail_msg("no Open Sans %s in fonts/", styles[i]);
        free(f);
    }
    FcConfigDestroy(cfg);
}

static void glyphs_and_tabular_digits(void **state)
{
    (void)state;
    FcConfig *cfg = private_config();
    FT_Library ft;
    assert_int_equal(FT_Init_FreeType(&ft), 0);
    const char *styles[] = {"Regular", "Bold"};
    for (size_t s = 0; s < 2; s++) {
        char *file = font_file(cfg, styles[s]);
        assert_non_null(file);
        FT_Face face;
        assert_int_equal(FT_New_Face(ft, file, 0, &face), 0);
        /* £, en dash, curly quotes, non-breaking space: all in British text. */
        const unsigned long needed[] = {0x00A3, 0x2013, 0x2018, 0x2019, 0x201C, 0x201D, 0x00A0};
        for (size_t i = 0; i < sizeof needed / sizeof *needed; i++)
            if (FT_Get_Char_Index(face, needed[i]) == 0)
                fail_msg("%s has no glyph for U+%04lX", file, needed[i]);
        FT_Pos width = -1;
        for (unsigned long d = '0'; d <= '9'; d++) {
            assert_int_equal(FT_Load_Char(face, d, FT_LOAD_NO_SCALE), 0);
            if (width < 0)
                width = face->glyph->advance.x;
            else if (face->glyph->advance.x != width)
                fail_msg("digit %c is %ld units wide, 0 is %ld: figures would not line up", (int)d,
                         (long)face->glyph->advance.x, (long)width);
        }
        FT_Done_Face(face);
        free(file);
    }
    FT_Done_FreeType(ft);
    FcConfigDestroy(cfg);
}

int main(void)
{
    const char *src = getenv("SSCP_SOURCE_DIR");
    snprintf(fonts_dir, sizeof fonts_dir, "%s/fonts", src ? src : ".");
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(only_the_bundled_fonts_are_seen),
        cmocka_unit_test(every_style_the_report_uses_is_there),
        cmocka_unit_test(glyphs_and_tabular_digits),
    };
    if (!mkdtemp(cache_dir))
        return 1;
    int rc = cmocka_run_group_tests(tests, NULL, NULL);
    char cmd[128];
    snprintf(cmd, sizeof cmd, "rm -rf %s", cache_dir);
    if (system(cmd) != 0)
        rc = 1;
    return rc;
}
