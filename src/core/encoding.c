/* encoding: checking that a text file is UTF-8, see encoding.h. */
#include "core/encoding.h"

#include <stdio.h>
#include <string.h>

size_t sr_encoding_bom_len(const char *text, size_t len)
{
    return len >= 3 && memcmp(text, "\xEF\xBB\xBF", 3) == 0 ? 3 : 0;
}

sr_source *sr_encoding_add_text(sr_diags *d, const char *path, char *text, size_t len)
{
    size_t bom = sr_encoding_bom_len(text, len);
    if (bom) {
        memmove(text, text + bom, len - bom + 1);
        len -= bom;
    }
    sr_source *src = sr_diags_add_source(d, path, text, len);
    src->checked = true;
    return src;
}

/* Windows-1252's characters at 0x80 to 0x9F (where ISO 8859-1 has control
 * characters); NULL where it has none. */
static const struct {
    const char *ch, *name;
} cp1252_high[32] = {
    {"\u20AC", "a euro sign"},
    {NULL, NULL},
    {"\u201A", "a low single quotation mark"},
    {"\u0192", "a letter f with hook"},
    {"\u201E", "a low double quotation mark"},
    {"\u2026", "an ellipsis"},
    {"\u2020", "a dagger"},
    {"\u2021", "a double dagger"},
    {"\u02C6", "a circumflex accent"},
    {"\u2030", "a per mille sign"},
    {"\u0160", "a letter S with caron"},
    {"\u2039", "a single left angle quotation mark"},
    {"\u0152", "a ligature OE"},
    {NULL, NULL},
    {"\u017D", "a letter Z with caron"},
    {NULL, NULL},
    {NULL, NULL},
    {"\u2018", "a left single quotation mark"},
    {"\u2019", "a right single quotation mark, or apostrophe"},
    {"\u201C", "a left double quotation mark"},
    {"\u201D", "a right double quotation mark"},
    {"\u2022", "a bullet"},
    {"\u2013", "an en dash"},
    {"\u2014", "an em dash"},
    {"\u02DC", "a small tilde"},
    {"\u2122", "a trade mark sign"},
    {"\u0161", "a letter s with caron"},
    {"\u203A", "a single right angle quotation mark"},
    {"\u0153", "a ligature oe"},
    {NULL, NULL},
    {"\u017E", "a letter z with caron"},
    {"\u0178", "a letter Y with diaeresis"},
};

bool sr_encoding_cp1252(unsigned char b, char *buf, size_t size)
{
    if (b < 0x80)
        return false;
    if (b < 0xA0) {
        if (!cp1252_high[b - 0x80].ch)
            return false;
        snprintf(buf, size, "%s (%s)", cp1252_high[b - 0x80].ch, cp1252_high[b - 0x80].name);
        return true;
    }
    if (b == 0xA0) {
        snprintf(buf, size, "a no-break space");
        return true;
    }
    if (b == 0xAD) {
        snprintf(buf, size, "a soft hyphen");
        return true;
    }
    /* From 0xA1 on, Windows-1252 is ISO 8859-1: the byte is the code point. */
    snprintf(buf, size, "%c%c", (char)(0xC0 | (b >> 6)), (char)(0x80 | (b & 0x3F)));
    return true;
}

/* The line and column (in characters) of byte off of text. */
bool sr_encoding_check(sr_diags *d, const sr_source *src)
{
    const unsigned char *t = (const unsigned char *)src->text;
    size_t len = src->len;
    if (!t)
        return true;
    if (len >= 2 && ((t[0] == 0xFF && t[1] == 0xFE) || (t[0] == 0xFE && t[1] == 0xFF) ||
                     ((t[0] == 0) != (t[1] == 0)))) {
        /* Saved as UTF-16 ("Unicode" in some Windows editors). */
        sr_diag *g = sr_diag_add(d, SR_ERROR, (sr_loc){src, 0, 0, 0},
                                 "the file is saved as UTF-16 text, not UTF-8");
        sr_diag_hint(g, "save it again with the UTF-8 encoding (in most editors: Save As, "
                        "Encoding: UTF-8)");
        return false;
    }
    size_t i = sr_encoding_bom_len(src->text, len);
    while (i < len) {
        unsigned char c = t[i];
        size_t k = sr_utf8_seq_len(t + i, len - i);
        if (k == 0) {
            sr_diag *g = sr_diag_add(d, SR_ERROR, sr_source_loc_at(src, i),
                                     "the file is not valid UTF-8 text (byte 0x%02X)", c);
            char what[96];
            if (sr_encoding_cp1252(c, what, sizeof what))
                sr_diag_hint(g,
                             "the file looks saved as Windows-1252, where this byte is %s: save "
                             "the file with the UTF-8 encoding (in most editors: Save As, "
                             "Encoding: UTF-8)",
                             what);
            else
                sr_diag_hint(g, "save the file with the UTF-8 encoding (in most editors: Save "
                                "As, Encoding: UTF-8)");
            return false;
        }
        /* Control characters: C0 but tab, LF and CR; DEL; C1 (U+0080 to
         * U+009F, in UTF-8 C2 80 to C2 9F). */
        bool control =
            (k == 1 && ((c < 0x20 && c != '\t' && c != '\n' && c != '\r') || c == 0x7F)) ||
            (k == 2 && c == 0xC2 && t[i + 1] < 0xA0);
        if (control) {
            char what[16];
            if (k == 1)
                snprintf(what, sizeof what, "byte 0x%02X", c);
            else
                snprintf(what, sizeof what, "U+%04X", (unsigned)t[i + 1]);
            sr_diag *g = sr_diag_add(d, SR_ERROR, sr_source_loc_at(src, i),
                                     "the file contains a control character (%s) that text "
                                     "cannot contain",
                                     what);
            sr_diag_hint(g, "the file may not be plain text; re-save it from a text editor");
            return false;
        }
        i += k;
    }
    return true;
}
