/* output: a chart as a PNG file or an SVG file (chart.h). Both are written
 * to a temporary file and renamed into place. */
#include "chart/chart.h"

#include "chart/palette.h"
#include "core/buf.h"
#include "core/fsutil.h"

#include <cairo-svg.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>

static cairo_status_t to_buf(void *closure, const unsigned char *data, unsigned int length)
{
    sr_buf_put(closure, (const char *)data, length);
    return CAIRO_STATUS_SUCCESS;
}

int sr_chart_write_png(sr_fonts *fonts, const sr_chart *c, double w, double h, double scale,
                       const char *path)
{
    cairo_surface_t *s = cairo_image_surface_create(CAIRO_FORMAT_RGB24, (int)(w * scale + 0.5),
                                                    (int)(h * scale + 0.5));
    cairo_t *cr = cairo_create(s);
    sr_set_rgb(cr, sr_background);
    cairo_paint(cr);
    cairo_scale(cr, scale, scale);
    int r = sr_chart_draw(cr, fonts, c, w, h, NULL);
    cairo_destroy(cr);
    sr_buf b = SR_BUF_INIT;
    if (r == 0 && cairo_surface_write_to_png_stream(s, to_buf, &b) != CAIRO_STATUS_SUCCESS)
        r = -1;
    cairo_surface_destroy(s);
    if (r == 0)
        r = sr_write_file_atomic(path, b.data, b.len);
    else
        errno = EINVAL;
    sr_buf_free(&b);
    return r;
}

static void xml_escaped(sr_buf *b, const char *s)
{
    for (; *s; s++) {
        switch (*s) {
        case '<':
            sr_buf_puts(b, "&lt;");
            break;
        case '>':
            sr_buf_puts(b, "&gt;");
            break;
        case '&':
            sr_buf_puts(b, "&amp;");
            break;
        case '"':
            sr_buf_puts(b, "&quot;");
            break;
        default:
            sr_buf_putc(b, *s);
        }
    }
}

int sr_chart_svg(sr_fonts *fonts, const sr_chart *c, double w, double h, sr_buf *out)
{
    sr_buf svg = SR_BUF_INIT;
    cairo_surface_t *s = cairo_svg_surface_create_for_stream(to_buf, &svg, w, h);
    cairo_svg_surface_restrict_to_version(s, CAIRO_SVG_VERSION_1_1);
    cairo_t *cr = cairo_create(s);
    sr_set_rgb(cr, sr_background);
    cairo_paint(cr);
    int r = sr_chart_draw(cr, fonts, c, w, h, NULL);
    cairo_destroy(cr);
    cairo_surface_finish(s);
    if (cairo_surface_status(s) != CAIRO_STATUS_SUCCESS)
        r = -1;
    cairo_surface_destroy(s);
    const char *open = r == 0 ? strstr(sr_buf_str(&svg), "<svg") : NULL;
    const char *end = open ? strchr(open, '>') : NULL;
    if (!end) {
        sr_buf_free(&svg);
        errno = EINVAL;
        return -1;
    }
    /* cairo draws text as glyph shapes; a screen reader needs words. Give the
     * drawing role="img", a <title> and a <desc> with the text alternative. */
    size_t head = (size_t)(end - svg.data);
    sr_buf_put(out, svg.data, head);
    sr_buf_printf(out, " role=\"img\" aria-labelledby=\"%s-title %s-desc\">", c->id, c->id);
    sr_buf_printf(out, "\n<title id=\"%s-title\">", c->id);
    xml_escaped(out, c->title ? c->title : "");
    sr_buf_printf(out, "</title>\n<desc id=\"%s-desc\">", c->id);
    char *alt = sr_chart_alt(c);
    xml_escaped(out, alt);
    free(alt);
    sr_buf_puts(out, "</desc>");
    sr_buf_put(out, end + 1, svg.len - head - 1);
    sr_buf_free(&svg);
    return 0;
}

int sr_chart_write_svg(sr_fonts *fonts, const sr_chart *c, double w, double h, const char *path)
{
    sr_buf out = SR_BUF_INIT;
    int r = sr_chart_svg(fonts, c, w, h, &out);
    if (r == 0)
        r = sr_write_file_atomic(path, out.data, out.len);
    sr_buf_free(&out);
    return r;
}
