/* Fuzz target: a whole PDF through the object reader and writer
 * (render/pdf_objects.h). Whatever the bytes, it must not crash, and a
 * refusal must say why. When the file opens, every object is read (each
 * stream decoded and marked to be written anew) and the file written:
 * what is written must open again, every object read from the input must
 * read back from it and write the same, and writing it again must give
 * the same bytes. */
#include "render/pdf_objects.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void written(const sr_pdf_obj *v, sr_buf *out)
{
    sr_buf_clear(out);
    sr_pdf_write_value(out, v);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size > ((size_t)1 << 20))
        return 0;
    char err[300];
    sr_pdf_file *f = sr_pdf_open((const char *)data, size, err, sizeof err);
    if (!f) {
        if (!err[0])
            abort();
        return 0;
    }
    size_t n = sr_pdf_size(f);
    for (size_t i = 0; i < n; i++) {
        sr_pdf_obj *o = sr_pdf_object(f, (unsigned)i);
        if (!o) {
            if (!sr_pdf_error(f)[0])
                abort();
        } else if (o->kind == SR_PDF_STREAM) {
            sr_buf d = SR_BUF_INIT;
            if (sr_pdf_stream_decoded(f, o, &d) != 0 && !sr_pdf_error(f)[0])
                abort();
            sr_buf_free(&d);
            sr_pdf_changed(f, (unsigned)i);
        }
    }
    sr_buf out = SR_BUF_INIT, again = SR_BUF_INIT;
    if (sr_pdf_write_file(f, &out) != 0)
        abort(); /* every object to write anew was read */
    sr_pdf_file *g = sr_pdf_open(out.data, out.len, err, sizeof err);
    if (!g) {
        fprintf(stderr, "what was written does not open: %s\n", err);
        abort();
    }
    if (sr_pdf_size(g) != n)
        abort();
    sr_buf a = SR_BUF_INIT, b = SR_BUF_INIT;
    for (size_t i = 0; i < n; i++) {
        sr_pdf_obj *o = sr_pdf_object(f, (unsigned)i);
        if (!o)
            continue;
        sr_pdf_obj *p = sr_pdf_object(g, (unsigned)i);
        if (!p) {
            fprintf(stderr, "object %zu does not read back: %s\n", i, sr_pdf_error(g));
            abort();
        }
        written(o, &a);
        written(p, &b);
        if (a.len != b.len || (a.len && memcmp(a.data, b.data, a.len) != 0)) {
            fprintf(stderr, "object %zu reads back as another\n", i);
            abort();
        }
    }
    if (sr_pdf_write_file(g, &again) != 0 || again.len != out.len ||
        memcmp(again.data, out.data, out.len) != 0)
        abort();
    sr_buf_free(&a);
    sr_buf_free(&b);
    sr_buf_free(&out);
    sr_buf_free(&again);
    sr_pdf_close(g);
    sr_pdf_close(f);
    return 0;
}
