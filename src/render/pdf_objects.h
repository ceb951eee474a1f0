/* pdf_objects: the objects of a PDF as cairo 1.16 writes it, read and
 * written again. It owns the file's classic cross-reference table and
 * trailer (one revision: no /Prev, no cross-reference stream, no object
 * stream), reading one object by its number when asked (each at most
 * once), a parser of PDF objects (null, booleans, integers and reals,
 * literal and hex strings, names, arrays, dictionaries, references, and
 * streams, whose /Length may be an indirect object), their writer, and the
 * whole file written again: every object copied byte for byte but those
 * marked as changed, which are written anew where they were, then the new
 * ones, a fresh cross-reference table and a trailer with a deterministic
 * /ID (the MD5 of everything before it).
 *
 * Anything not as expected (a number out of range, an offset past the end,
 * an object that is not the one the table says, nesting too deep, a
 * /Length that overruns the file) is an error with a plain message, never a
 * crash or a read outside the bytes given. The bytes must outlive the file:
 * unchanged objects and streams' data point into them. */
#ifndef SR_PDF_OBJECTS_H
#define SR_PDF_OBJECTS_H

#include "core/buf.h"

#include <stdbool.h>
#include <stddef.h>

typedef enum {
    SR_PDF_NULL,
    SR_PDF_BOOL,
    SR_PDF_INT,
    SR_PDF_REAL,   /* kept as written, "595.28" */
    SR_PDF_STRING, /* the bytes it stands for, escapes undone */
    SR_PDF_NAME,   /* without its '/', #xx undone */
    SR_PDF_ARRAY,
    SR_PDF_DICT,
    SR_PDF_REF,
    SR_PDF_STREAM, /* a dictionary and its bytes, as stored (still filtered) */
} sr_pdf_kind;

typedef struct sr_pdf_obj sr_pdf_obj;

typedef struct {
    const char *key; /* a name, without '/' */
    size_t keylen;
    sr_pdf_obj *value;
} sr_pdf_entry;

struct sr_pdf_obj {
    sr_pdf_kind kind;
    union {
        bool b;
        long long i;
        struct {
            const char *s; /* STRING, NAME, REAL: not NUL-terminated */
            size_t len;
        } str;
        struct {
            sr_pdf_obj **v;
            size_t n, cap;
        } arr;
        struct {
            sr_pdf_entry *v;
            size_t n, cap;
        } dict;
        struct {
            unsigned num, gen;
        } ref;
        struct {
            sr_pdf_obj *dict;
            const char *data;
            size_t len;
        } stream;
    } u;
};

typedef struct sr_pdf_file sr_pdf_file;

/* Reads the cross-reference table and trailer of in (len bytes). Returns
 * the file, or NULL with a message in err. */
sr_pdf_file *sr_pdf_open(const char *in, size_t len, char *err, size_t errlen);
void sr_pdf_close(sr_pdf_file *f);

/* The message of the last error (a call that returned NULL or -1). */
const char *sr_pdf_error(const sr_pdf_file *f);

/* The trailer dictionary, as read. */
sr_pdf_obj *sr_pdf_trailer(sr_pdf_file *f);
/* How many object numbers the table has (its /Size). */
size_t sr_pdf_size(const sr_pdf_file *f);

/* Object num, read on the first call. NULL with an error when it is not
 * in use, is not where the table says, or does not parse. */
sr_pdf_obj *sr_pdf_object(sr_pdf_file *f, unsigned num);
/* v, or the object it refers to (a reference to a reference is an error);
 * NULL with an error when that cannot be read. NULL in, NULL out. */
sr_pdf_obj *sr_pdf_resolve(sr_pdf_file *f, sr_pdf_obj *v);

/* A dictionary's (or a stream's dictionary's) value for key (no '/'), or
 * NULL when it has none or d is not one. */
sr_pdf_obj *sr_pdf_get(const sr_pdf_obj *d, const char *key);
/* The same, resolved: NULL when absent, or with an error when it cannot
 * be read (sr_pdf_error says which: its message is set only then). */
sr_pdf_obj *sr_pdf_get_r(sr_pdf_file *f, const sr_pdf_obj *d, const char *key);
/* Whether v is the name s (no '/'). */
bool sr_pdf_is_name(const sr_pdf_obj *v, const char *s);

/* New values, owned by f. sr_pdf_new_string takes len bytes. */
sr_pdf_obj *sr_pdf_new(sr_pdf_file *f, sr_pdf_kind kind);
sr_pdf_obj *sr_pdf_new_name(sr_pdf_file *f, const char *s);
sr_pdf_obj *sr_pdf_new_int(sr_pdf_file *f, long long i);
sr_pdf_obj *sr_pdf_new_bool(sr_pdf_file *f, bool b);
sr_pdf_obj *sr_pdf_new_string(sr_pdf_file *f, const char *s, size_t len);
/* A text string from UTF-8: printable ASCII as it is, anything else as
 * UTF-16BE with its byte order mark (bytes that are not UTF-8 become
 * U+FFFD). */
sr_pdf_obj *sr_pdf_new_text(sr_pdf_file *f, const char *utf8);
sr_pdf_obj *sr_pdf_new_ref(sr_pdf_file *f, unsigned num);
/* Sets key (no '/') in dictionary d (or a stream's dictionary), replacing
 * its value if it has one. */
void sr_pdf_set(sr_pdf_file *f, sr_pdf_obj *d, const char *key, sr_pdf_obj *v);
void sr_pdf_remove(sr_pdf_obj *d, const char *key);
void sr_pdf_push(sr_pdf_file *f, sr_pdf_obj *array, sr_pdf_obj *v);

/* A text string (UTF-16BE with its mark, or PDFDocEncoding) as UTF-8, in
 * out. */
void sr_pdf_text_utf8(const sr_pdf_obj *s, sr_buf *out);

/* A stream's data with its filters undone (none, or /FlateDecode without
 * parameters), appended to out. -1 with an error for any other filter or
 * data that does not inflate. */
int sr_pdf_stream_decoded(sr_pdf_file *f, const sr_pdf_obj *stream, sr_buf *out);
/* Gives stream the data data (len bytes, copied), deflated when compress
 * (then /Filter /FlateDecode) or else with no /Filter; /DecodeParms is
 * removed and /Length set directly. -1 with an error when zlib fails. */
int sr_pdf_stream_replace(sr_pdf_file *f, sr_pdf_obj *stream, const char *data, size_t len,
                          bool compress);

/* Object num (one read with sr_pdf_object) is written anew. */
void sr_pdf_changed(sr_pdf_file *f, unsigned num);
/* v becomes a new object; returns its number. */
unsigned sr_pdf_add(sr_pdf_file *f, sr_pdf_obj *v);

/* v as PDF syntax, appended to out. */
void sr_pdf_write_value(sr_buf *out, const sr_pdf_obj *v);
/* The whole file (see the top of this header), appended to out. The
 * trailer is the one read with /Size and /ID set and /Prev removed.
 * -1 with an error when an object to write anew was never read. */
int sr_pdf_write_file(sr_pdf_file *f, sr_buf *out);

#endif
