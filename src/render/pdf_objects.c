/* pdf_objects: a PDF's objects read and written again, see pdf_objects.h. */
#include "render/pdf_objects.h"

#include "core/arena.h"
#include "core/diag.h"
#include "render/pdf_lex.h"

#include <glib.h>
#include <limits.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zlib.h>

/* Arrays and dictionaries nested deeper than this are refused: cairo's
 * are at most a few deep, and the parser recurses. */
#define MAX_DEPTH 100
/* A stream that inflates to more than this is refused, not read. */
#define MAX_INFLATED ((size_t)256 << 20)
/* Object numbers: ISO 32000-1, Annex C, gives 8,388,607. */
#define MAX_OBJECTS 8388607u

typedef struct {
    size_t off;    /* of "N G obj" */
    size_t body;   /* just past that "obj", checked by sr_pdf_open */
    size_t end;    /* where the next object (or the table) begins */
    unsigned gen;  /* as the table gives it */
    char type;     /* 'n' in use, 'f' free, 0 in no subsection */
    char state;    /* 0 unread, 1 being read, 2 read */
    bool changed;  /* written anew */
    sr_pdf_obj *v; /* once read */
} xentry;

struct sr_pdf_file {
    const char *in;
    size_t len;
    sr_arena *a;
    xentry *e;
    size_t size;   /* entries in e */
    size_t *order; /* the numbers of objects in use, by offset */
    size_t norder;
    size_t xref_off; /* of "xref" */
    sr_pdf_obj *trailer;
    sr_pdf_obj **added; /* new objects, numbered from size on */
    size_t nadded, capadded;
    int reading; /* objects being read at once: one's /Length needs another */
    char err[300];
};

static void seterr(sr_pdf_file *f, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void seterr(sr_pdf_file *f, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(f->err, sizeof f->err, fmt, ap);
    va_end(ap);
}

const char *sr_pdf_error(const sr_pdf_file *f)
{
    return f->err;
}

/* ---- the lexer ---------------------------------------------------------------------------- */

typedef struct {
    sr_pdf_file *f;
    const char *p, *end;
    int depth;
} lexer;

static size_t at(const lexer *lx)
{
    return (size_t)(lx->p - lx->f->in);
}

/* Past white space and comments. */
static void skip_ws(lexer *lx)
{
    lx->p = pdf_skip_space(lx->p, lx->end);
}

/* The regular characters from p: a number or a keyword. */
static size_t word_len(const lexer *lx)
{
    const char *q = lx->p;
    while (q < lx->end && pdf_is_regular(*q))
        q++;
    return (size_t)(q - lx->p);
}

static bool word_is(const lexer *lx, size_t n, const char *kw)
{
    return n == strlen(kw) && memcmp(lx->p, kw, n) == 0;
}

/* A whole word that is a non-negative integer of at most 18 digits. */
static bool unsigned_word(const char *s, size_t n, unsigned long long *out)
{
    if (n == 0 || n > 18)
        return false;
    unsigned long long v = 0;
    for (size_t i = 0; i < n; i++) {
        if (s[i] < '0' || s[i] > '9')
            return false;
        v = v * 10 + (unsigned)(s[i] - '0');
    }
    *out = v;
    return true;
}

/* ---- values ------------------------------------------------------------------------------- */

sr_pdf_obj *sr_pdf_new(sr_pdf_file *f, sr_pdf_kind kind)
{
    sr_pdf_obj *o = sr_arena_alloc(f->a, sizeof *o);
    o->kind = kind;
    return o;
}

sr_pdf_obj *sr_pdf_new_name(sr_pdf_file *f, const char *s)
{
    sr_pdf_obj *o = sr_pdf_new(f, SR_PDF_NAME);
    o->u.str.len = strlen(s);
    o->u.str.s = sr_arena_strndup(f->a, s, o->u.str.len);
    return o;
}

sr_pdf_obj *sr_pdf_new_int(sr_pdf_file *f, long long i)
{
    sr_pdf_obj *o = sr_pdf_new(f, SR_PDF_INT);
    o->u.i = i;
    return o;
}

sr_pdf_obj *sr_pdf_new_bool(sr_pdf_file *f, bool b)
{
    sr_pdf_obj *o = sr_pdf_new(f, SR_PDF_BOOL);
    o->u.b = b;
    return o;
}

sr_pdf_obj *sr_pdf_new_string(sr_pdf_file *f, const char *s, size_t len)
{
    sr_pdf_obj *o = sr_pdf_new(f, SR_PDF_STRING);
    o->u.str.s = sr_arena_strndup(f->a, s, len);
    o->u.str.len = len;
    return o;
}

sr_pdf_obj *sr_pdf_new_ref(sr_pdf_file *f, unsigned num)
{
    sr_pdf_obj *o = sr_pdf_new(f, SR_PDF_REF);
    o->u.ref.num = num;
    o->u.ref.gen = num < f->size ? f->e[num].gen : 0;
    return o;
}

/* One code point of UTF-8 from s (n bytes left): *used bytes, or U+FFFD
 * for one byte that does not start a well-formed sequence. */
static uint32_t utf8_next(const unsigned char *s, size_t n, size_t *used)
{
    size_t len = sr_utf8_seq_len(s, n);
    *used = len ? len : 1;
    return len ? g_utf8_get_char((const char *)s) : 0xFFFD;
}

sr_pdf_obj *sr_pdf_new_text(sr_pdf_file *f, const char *utf8)
{
    const unsigned char *s = (const unsigned char *)(utf8 ? utf8 : "");
    size_t n = strlen((const char *)s);
    bool ascii = true;
    for (size_t i = 0; i < n && ascii; i++)
        ascii = (s[i] >= 0x20 && s[i] < 0x7F) || s[i] == '\t' || s[i] == '\n' || s[i] == '\r';
    if (ascii)
        return sr_pdf_new_string(f, (const char *)s, n);
    sr_buf b = SR_BUF_INIT;
    sr_buf_put(&b, "\xFE\xFF", 2);
    for (size_t i = 0; i < n;) {
        size_t used;
        uint32_t c = utf8_next(s + i, n - i, &used);
        i += used;
        if (c >= 0x10000) {
            c -= 0x10000;
            uint32_t hi = 0xD800 | c >> 10, lo = 0xDC00 | (c & 0x3FF);
            char u[4] = {(char)(hi >> 8), (char)(hi & 0xFF), (char)(lo >> 8), (char)(lo & 0xFF)};
            sr_buf_put(&b, u, 4);
        } else {
            char u[2] = {(char)(c >> 8), (char)(c & 0xFF)};
            sr_buf_put(&b, u, 2);
        }
    }
    sr_pdf_obj *o = sr_pdf_new_string(f, b.data, b.len);
    sr_buf_free(&b);
    return o;
}

static void put_utf8(sr_buf *out, uint32_t c)
{
    char u[6];
    sr_buf_put(out, u, (size_t)g_unichar_to_utf8(c, u));
}

/* PDFDocEncoding where it is not Latin-1 (ISO 32000-1, Annex D.2): 0x18 to
 * 0x1F, then 0x80 to 0xA0; 0 where it has no character. */
static const uint16_t pdfdoc_low[8] = {0x02D8, 0x02C7, 0x02C6, 0x02D9,
                                       0x02DD, 0x02DB, 0x02DA, 0x02DC};
static const uint16_t pdfdoc_high[33] = {
    0x2022, 0x2020, 0x2021, 0x2026, 0x2014, 0x2013, 0x0192, 0x2044, 0x2039, 0x203A, 0x2212,
    0x2030, 0x201E, 0x201C, 0x201D, 0x2018, 0x2019, 0x201A, 0x2122, 0xFB01, 0xFB02, 0x0141,
    0x0152, 0x0160, 0x0178, 0x017D, 0x0131, 0x0142, 0x0153, 0x0161, 0x017E, 0,      0x20AC};

void sr_pdf_text_utf8(const sr_pdf_obj *s, sr_buf *out)
{
    if (!s || s->kind != SR_PDF_STRING)
        return;
    const unsigned char *p = (const unsigned char *)s->u.str.s;
    size_t n = s->u.str.len;
    if (n >= 2 && p[0] == 0xFE && p[1] == 0xFF) {
        for (size_t i = 2; i < n; i += 2) {
            if (i + 1 >= n) {
                put_utf8(out, 0xFFFD);
                break;
            }
            uint32_t c = (uint32_t)p[i] << 8 | p[i + 1];
            if (c >= 0xD800 && c < 0xDC00 && i + 3 < n) {
                uint32_t lo = (uint32_t)p[i + 2] << 8 | p[i + 3];
                if (lo >= 0xDC00 && lo <= 0xDFFF) {
                    c = 0x10000 + ((c - 0xD800) << 10) + (lo - 0xDC00);
                    i += 2;
                } else {
                    c = 0xFFFD;
                }
            } else if (c >= 0xD800 && c <= 0xDFFF) {
                c = 0xFFFD;
            }
            put_utf8(out, c);
        }
        return;
    }
    for (size_t i = 0; i < n; i++) {
        uint32_t c = p[i];
        if (c >= 0x18 && c <= 0x1F)
            c = pdfdoc_low[c - 0x18];
        else if (c >= 0x80 && c <= 0xA0)
            c = pdfdoc_high[c - 0x80];
        else if (c == 0xAD || c == 0x7F)
            c = 0;
        put_utf8(out, c ? c : 0xFFFD);
    }
}

/* Room for one more in an array of n of cap, each size bytes, in the
 * arena: doubled when full (what it had stays in the arena, unused). */
static void *grow(sr_arena *a, void *v, size_t n, size_t *cap, size_t size)
{
    if (n < *cap)
        return v;
    size_t nc = *cap ? *cap * 2 : 4;
    void *w = sr_arena_alloc(a, nc * size);
    if (n)
        memcpy(w, v, n * size);
    *cap = nc;
    return w;
}

static sr_pdf_obj *dict_of(sr_pdf_obj *d)
{
    if (d && d->kind == SR_PDF_STREAM)
        return d->u.stream.dict;
    return d && d->kind == SR_PDF_DICT ? d : NULL;
}

static sr_pdf_entry *find(const sr_pdf_obj *d0, const char *key, size_t klen)
{
    sr_pdf_obj *d = dict_of((sr_pdf_obj *)d0);
    if (!d)
        return NULL;
    for (size_t i = 0; i < d->u.dict.n; i++)
        if (d->u.dict.v[i].keylen == klen && memcmp(d->u.dict.v[i].key, key, klen) == 0)
            return &d->u.dict.v[i];
    return NULL;
}

sr_pdf_obj *sr_pdf_get(const sr_pdf_obj *d, const char *key)
{
    sr_pdf_entry *e = find(d, key, strlen(key));
    return e ? e->value : NULL;
}

sr_pdf_obj *sr_pdf_get_r(sr_pdf_file *f, const sr_pdf_obj *d, const char *key)
{
    f->err[0] = '\0';
    return sr_pdf_resolve(f, sr_pdf_get(d, key));
}

bool sr_pdf_is_name(const sr_pdf_obj *v, const char *s)
{
    return v && v->kind == SR_PDF_NAME && v->u.str.len == strlen(s) &&
           memcmp(v->u.str.s, s, v->u.str.len) == 0;
}

void sr_pdf_set(sr_pdf_file *f, sr_pdf_obj *d0, const char *key, sr_pdf_obj *v)
{
    sr_pdf_obj *d = dict_of(d0);
    if (!d)
        return;
    size_t klen = strlen(key);
    sr_pdf_entry *e = find(d, key, klen);
    if (e) {
        e->value = v;
        return;
    }
    d->u.dict.v = grow(f->a, d->u.dict.v, d->u.dict.n, &d->u.dict.cap, sizeof *d->u.dict.v);
    d->u.dict.v[d->u.dict.n++] = (sr_pdf_entry){sr_arena_strndup(f->a, key, klen), klen, v};
}

void sr_pdf_remove(sr_pdf_obj *d0, const char *key)
{
    sr_pdf_obj *d = dict_of(d0);
    sr_pdf_entry *e = find(d, key, strlen(key));
    if (!e)
        return;
    size_t i = (size_t)(e - d->u.dict.v);
    memmove(e, e + 1, (d->u.dict.n - i - 1) * sizeof *e);
    d->u.dict.n--;
}

void sr_pdf_push(sr_pdf_file *f, sr_pdf_obj *arr, sr_pdf_obj *v)
{
    if (!arr || arr->kind != SR_PDF_ARRAY)
        return;
    arr->u.arr.v = grow(f->a, arr->u.arr.v, arr->u.arr.n, &arr->u.arr.cap, sizeof *arr->u.arr.v);
    arr->u.arr.v[arr->u.arr.n++] = v;
}

/* ---- the parser --------------------------------------------------------------------------- */

static int parse_value(lexer *lx, sr_pdf_obj **out);

static int fail(lexer *lx, const char *what)
{
    seterr(lx->f, "%s at byte %zu", what, at(lx));
    return -1;
}

/* A literal string from just after its '(' to just after its ')'. */
static int parse_literal(lexer *lx, sr_pdf_obj **out)
{
    /* Its end first (escapes skipped, parentheses balanced): the decoded
     * bytes are never more than the written ones. */
    const char *q = lx->p;
    size_t open = 1;
    while (q < lx->end && open) {
        if (*q == '\\')
            q++;
        else if (*q == '(')
            open++;
        else if (*q == ')')
            open--;
        q++;
    }
    if (open || q > lx->end)
        return fail(lx, "a string with no end");
    char *s = sr_arena_alloc(lx->f->a, (size_t)(q - lx->p));
    size_t n = 0;
    const char *end = q - 1; /* its ')' */
    for (const char *p = lx->p; p < end; p++) {
        char c = *p;
        if (c == '\r') { /* an end of line in a string is a '\n', whichever */
            if (p + 1 < end && p[1] == '\n')
                p++;
            c = '\n';
        } else if (c == '\\') {
            c = *++p; /* p < end: a '\\' just before the ')' would have escaped it */
            switch (c) {
            case 'n':
                c = '\n';
                break;
            case 'r':
                c = '\r';
                break;
            case 't':
                c = '\t';
                break;
            case 'b':
                c = '\b';
                break;
            case 'f':
                c = '\f';
                break;
            case '\r':
                if (p + 1 < end && p[1] == '\n')
                    p++;
                continue; /* a line continued */
            case '\n':
                continue;
            default:
                if (c >= '0' && c <= '7') {
                    unsigned v = (unsigned)(c - '0');
                    for (int k = 0; k < 2 && p + 1 < end && p[1] >= '0' && p[1] <= '7'; k++)
                        v = v * 8 + (unsigned)(*++p - '0');
                    c = (char)(v & 0xFF);
                }
                /* any other character stands for itself */
            }
        }
        s[n++] = c;
    }
    lx->p = q;
    *out = sr_pdf_new(lx->f, SR_PDF_STRING);
    (*out)->u.str.s = s;
    (*out)->u.str.len = n;
    return 0;
}

static int hexval(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

/* A hex string from just after its '<'. */
static int parse_hex(lexer *lx, sr_pdf_obj **out)
{
    const char *q = lx->p;
    while (q < lx->end && *q != '>')
        q++;
    if (q >= lx->end)
        return fail(lx, "a hex string with no end");
    char *s = sr_arena_alloc(lx->f->a, (size_t)(q - lx->p) / 2 + 1);
    size_t n = 0;
    int hi = -1;
    for (; lx->p < q; lx->p++) {
        if (pdf_is_space(*lx->p))
            continue;
        int v = hexval(*lx->p);
        if (v < 0)
            return fail(lx, "a hex string with a character that is not a hex digit");
        if (hi < 0) {
            hi = v;
        } else {
            s[n++] = (char)(hi << 4 | v);
            hi = -1;
        }
    }
    if (hi >= 0)
        s[n++] = (char)(hi << 4); /* an odd last digit is followed by 0 */
    lx->p = q + 1;
    *out = sr_pdf_new(lx->f, SR_PDF_STRING);
    (*out)->u.str.s = s;
    (*out)->u.str.len = n;
    return 0;
}

/* A name from just after its '/'. */
static int parse_name(lexer *lx, sr_pdf_obj **out)
{
    size_t wl = word_len(lx);
    char *s = sr_arena_alloc(lx->f->a, wl + 1);
    size_t n = 0;
    for (const char *p = lx->p, *e = lx->p + wl; p < e; p++) {
        if (*p == '#') {
            int h = p + 1 < e ? hexval(p[1]) : -1;
            int l = h >= 0 && p + 2 < e ? hexval(p[2]) : -1;
            if (l < 0) {
                lx->p = p;
                return fail(lx, "a name with a '#' not followed by two hex digits");
            }
            s[n++] = (char)(h << 4 | l);
            p += 2;
        } else {
            s[n++] = *p;
        }
    }
    lx->p += wl;
    *out = sr_pdf_new(lx->f, SR_PDF_NAME);
    (*out)->u.str.s = s;
    (*out)->u.str.len = n;
    return 0;
}

static int parse_array(lexer *lx, sr_pdf_obj **out)
{
    sr_pdf_obj *a = sr_pdf_new(lx->f, SR_PDF_ARRAY);
    for (;;) {
        skip_ws(lx);
        if (lx->p >= lx->end)
            return fail(lx, "an array with no end");
        if (*lx->p == ']') {
            lx->p++;
            break;
        }
        sr_pdf_obj *v;
        if (parse_value(lx, &v) != 0)
            return -1;
        sr_pdf_push(lx->f, a, v);
    }
    *out = a;
    return 0;
}

static int parse_dict(lexer *lx, sr_pdf_obj **out)
{
    sr_pdf_obj *d = sr_pdf_new(lx->f, SR_PDF_DICT);
    for (;;) {
        skip_ws(lx);
        if (lx->p + 1 < lx->end && lx->p[0] == '>' && lx->p[1] == '>') {
            lx->p += 2;
            break;
        }
        if (lx->p >= lx->end)
            return fail(lx, "a dictionary with no end");
        if (*lx->p != '/')
            return fail(lx, "a dictionary key that is not a name");
        lx->p++;
        sr_pdf_obj *key, *v;
        if (parse_name(lx, &key) != 0)
            return -1;
        skip_ws(lx);
        if (lx->p + 1 < lx->end && lx->p[0] == '>' && lx->p[1] == '>')
            return fail(lx, "a dictionary key with no value");
        if (parse_value(lx, &v) != 0)
            return -1;
        if (find(d, key->u.str.s, key->u.str.len)) {
            seterr(lx->f, "a dictionary with the key /%.*s twice, before byte %zu",
                   (int)(key->u.str.len > 60 ? 60 : key->u.str.len), key->u.str.s, at(lx));
            return -1;
        }
        d->u.dict.v = grow(lx->f->a, d->u.dict.v, d->u.dict.n, &d->u.dict.cap, sizeof *d->u.dict.v);
        d->u.dict.v[d->u.dict.n++] = (sr_pdf_entry){key->u.str.s, key->u.str.len, v};
    }
    *out = d;
    return 0;
}

/* A number, a keyword, or a reference "N G R". */
static int parse_word(lexer *lx, sr_pdf_obj **out)
{
    size_t wl = word_len(lx);
    if (wl == 0)
        return fail(lx,
                    lx->p < lx->end ? "a character that starts no object" : "an object cut short");
    const char *w = lx->p;
    if (word_is(lx, wl, "null") || word_is(lx, wl, "true") || word_is(lx, wl, "false")) {
        *out = sr_pdf_new(lx->f, *w == 'n' ? SR_PDF_NULL : SR_PDF_BOOL);
        (*out)->u.b = *w == 't';
        lx->p += wl;
        return 0;
    }
    bool real;
    if (!pdf_is_number(w, wl, &real)) {
        char what[100];
        bool kw = word_is(lx, wl, "endobj") || word_is(lx, wl, "obj") ||
                  word_is(lx, wl, "stream") || word_is(lx, wl, "endstream");
        snprintf(what, sizeof what,
                 kw ? "'%.*s' where an object should be" : "'%.*s', which is no object,",
                 (int)(wl > 40 ? 40 : wl), w);
        return fail(lx, what);
    }
    lx->p += wl;
    unsigned long long num, gen;
    if (!real && unsigned_word(w, wl, &num)) { /* perhaps "N G R" */
        const char *back = lx->p;
        skip_ws(lx);
        size_t gl = word_len(lx);
        if (unsigned_word(lx->p, gl, &gen)) {
            lx->p += gl;
            skip_ws(lx);
            if (word_len(lx) == 1 && *lx->p == 'R') {
                lx->p++;
                if (num == 0 || num > MAX_OBJECTS || gen > 65535)
                    return fail(lx, "a reference to an object number or generation out of range");
                *out = sr_pdf_new(lx->f, SR_PDF_REF);
                (*out)->u.ref.num = (unsigned)num;
                (*out)->u.ref.gen = (unsigned)gen;
                return 0;
            }
        }
        lx->p = back;
    }
    if (real) {
        *out = sr_pdf_new(lx->f, SR_PDF_REAL);
        (*out)->u.str.s = w;
        (*out)->u.str.len = wl;
        return 0;
    }
    char digits[24];
    if (wl > 19)
        return fail(lx, "an integer out of range");
    memcpy(digits, w, wl);
    digits[wl] = '\0';
    char *end;
    long long v = strtoll(digits, &end, 10);
    if (*end || v == LLONG_MAX || v == LLONG_MIN)
        return fail(lx, "an integer out of range");
    *out = sr_pdf_new_int(lx->f, v);
    return 0;
}

static int parse_value(lexer *lx, sr_pdf_obj **out)
{
    skip_ws(lx);
    if (lx->p >= lx->end)
        return fail(lx, "an object cut short");
    char c = *lx->p;
    if (c == '(') {
        lx->p++;
        return parse_literal(lx, out);
    }
    if (c == '/') {
        lx->p++;
        return parse_name(lx, out);
    }
    if (c == '[' || (c == '<' && lx->p + 1 < lx->end && lx->p[1] == '<')) {
        if (++lx->depth > MAX_DEPTH)
            return fail(lx, "arrays and dictionaries nested too deep");
        lx->p += c == '[' ? 1 : 2;
        int rc = c == '[' ? parse_array(lx, out) : parse_dict(lx, out);
        lx->depth--;
        return rc;
    }
    if (c == '<') {
        lx->p++;
        return parse_hex(lx, out);
    }
    if (c == ')' || c == '>' || c == ']' || c == '{' || c == '}')
        return fail(lx, "a character that starts no object");
    return parse_word(lx, out);
}

/* ---- objects and the table ------------------------------------------------------------------ */

sr_pdf_obj *sr_pdf_trailer(sr_pdf_file *f)
{
    return f->trailer;
}

size_t sr_pdf_size(const sr_pdf_file *f)
{
    return f->size;
}

/* "num gen obj" at lx: 0, or -1 with an error. */
static int object_header(lexer *lx, unsigned num, unsigned gen)
{
    unsigned long long n, g;
    size_t wl = word_len(lx);
    bool ok = unsigned_word(lx->p, wl, &n);
    lx->p += wl;
    skip_ws(lx);
    wl = word_len(lx);
    ok = ok && unsigned_word(lx->p, wl, &g);
    lx->p += wl;
    skip_ws(lx);
    wl = word_len(lx);
    ok = ok && word_is(lx, wl, "obj") && n == num && g == gen;
    lx->p += wl;
    if (!ok)
        seterr(lx->f, "object %u is not where the cross-reference table says (byte %zu)", num,
               lx->f->e[num].off);
    return ok ? 0 : -1;
}

/* The stream whose dictionary d has just been read, from its keyword
 * "stream" at lx. */
static int parse_stream(lexer *lx, unsigned num, sr_pdf_obj *d, sr_pdf_obj **out)
{
    sr_pdf_file *f = lx->f;
    lx->p += 6;
    if (lx->p < lx->end && *lx->p == '\r')
        lx->p++;
    if (lx->p >= lx->end || *lx->p != '\n')
        return fail(lx, "a stream keyword not followed by an end of line");
    lx->p++;
    sr_pdf_obj *len = sr_pdf_get(d, "Length");
    if (len && len->kind == SR_PDF_REF) {
        if (len->u.ref.num == num) {
            seterr(f, "object %u's /Length is the object itself", num);
            return -1;
        }
        len = sr_pdf_resolve(f, len);
        if (!len)
            return -1;
    }
    if (!len || len->kind != SR_PDF_INT || len->u.i < 0) {
        seterr(f, "object %u is a stream with no /Length that is a whole number", num);
        return -1;
    }
    if ((unsigned long long)len->u.i > (unsigned long long)(lx->end - lx->p)) {
        seterr(f, "object %u's stream is %lld bytes long, past the end of the object", num,
               len->u.i);
        return -1;
    }
    sr_pdf_obj *s = sr_pdf_new(f, SR_PDF_STREAM);
    s->u.stream.dict = d;
    s->u.stream.data = lx->p;
    s->u.stream.len = (size_t)len->u.i;
    lx->p += s->u.stream.len;
    skip_ws(lx);
    size_t wl = word_len(lx);
    if (!word_is(lx, wl, "endstream"))
        return fail(lx, "a stream's data not followed by endstream");
    lx->p += wl;
    *out = s;
    return 0;
}

sr_pdf_obj *sr_pdf_object(sr_pdf_file *f, unsigned num)
{
    if (num >= f->size) {
        if (num - f->size < f->nadded)
            return f->added[num - f->size];
        seterr(f, "there is no object %u: the file has %zu", num, f->size);
        return NULL;
    }
    xentry *e = &f->e[num];
    if (e->state == 2)
        return e->v;
    if (e->type != 'n') {
        seterr(f, "object %u is not in use in the file", num);
        return NULL;
    }
    if (e->state == 1) {
        seterr(f, "object %u needs itself to be read", num);
        return NULL;
    }
    if (f->reading >= 4) { /* a /Length in a stream whose /Length is in a stream... */
        seterr(f, "object %u is a /Length of a /Length of a /Length", num);
        return NULL;
    }
    f->reading++;
    e->state = 1;
    lexer lx = {f, f->in + e->body, f->in + e->end, 0};
    sr_pdf_obj *v = NULL;
    int rc = parse_value(&lx, &v);
    if (rc == 0) {
        skip_ws(&lx);
        size_t wl = word_len(&lx);
        if (v->kind == SR_PDF_DICT && word_is(&lx, wl, "stream")) {
            rc = parse_stream(&lx, num, v, &v);
            skip_ws(&lx);
            wl = word_len(&lx);
        }
        if (rc == 0 && !word_is(&lx, wl, "endobj"))
            rc = fail(&lx, "an object not followed by endobj");
    }
    f->reading--;
    if (rc != 0) {
        if (!strstr(f->err, "object")) {
            char why[sizeof f->err];
            memcpy(why, f->err, sizeof why);
            seterr(f, "object %u: %.*s", num, (int)(sizeof why - 40), why);
        }
        e->state = 0;
        return NULL;
    }
    e->v = v;
    e->state = 2;
    return v;
}

sr_pdf_obj *sr_pdf_resolve(sr_pdf_file *f, sr_pdf_obj *v)
{
    if (!v || v->kind != SR_PDF_REF)
        return v;
    unsigned num = v->u.ref.num;
    if (num < f->size && f->e[num].type == 'n' && f->e[num].gen != v->u.ref.gen) {
        seterr(f, "a reference to %u %u R, whose generation is %u", num, v->u.ref.gen,
               f->e[num].gen);
        return NULL;
    }
    sr_pdf_obj *o = sr_pdf_object(f, num);
    if (o && o->kind == SR_PDF_REF) {
        seterr(f, "object %u is only a reference to another", num);
        return NULL;
    }
    return o;
}

void sr_pdf_changed(sr_pdf_file *f, unsigned num)
{
    if (num < f->size)
        f->e[num].changed = true;
}

unsigned sr_pdf_add(sr_pdf_file *f, sr_pdf_obj *v)
{
    f->added = grow(f->a, f->added, f->nadded, &f->capadded, sizeof *f->added);
    f->added[f->nadded++] = v;
    return (unsigned)(f->size + f->nadded - 1);
}

typedef struct {
    size_t off, num;
} by_offset;

static int cmp_offset(const void *a, const void *b)
{
    const by_offset *x = a, *y = b;
    if (x->off != y->off)
        return x->off < y->off ? -1 : 1;
    return x->num < y->num ? -1 : x->num > y->num;
}

/* The subsections of the table at lx, up to its "trailer". */
static int read_table(sr_pdf_file *f, lexer *lx)
{
    size_t cap = 0;
    for (;;) {
        skip_ws(lx);
        size_t wl = word_len(lx);
        if (word_is(lx, wl, "trailer")) {
            lx->p += wl;
            return 0;
        }
        unsigned long long start, count;
        if (!unsigned_word(lx->p, wl, &start))
            return fail(lx, "a cross-reference table with neither a subsection nor a trailer");
        lx->p += wl;
        skip_ws(lx);
        wl = word_len(lx);
        if (!unsigned_word(lx->p, wl, &count))
            return fail(lx, "a cross-reference subsection with no count");
        lx->p += wl;
        skip_ws(lx);
        if (start + count > MAX_OBJECTS || count > (size_t)(lx->end - lx->p) / 20)
            return fail(lx, "a cross-reference subsection larger than the file");
        /* Every object takes more than a byte: numbers past the file's
         * length are not objects of it (and would be a table that size). */
        if (start + count > f->len)
            return fail(lx, "a cross-reference subsection numbering more objects than the file "
                            "has bytes");
        if (start + count > f->size) {
            size_t n = (size_t)(start + count);
            if (n > cap) {
                size_t nc = cap ? cap : 64;
                while (nc < n)
                    nc *= 2;
                f->e = sr_xrealloc(f->e, nc * sizeof *f->e);
                memset(f->e + cap, 0, (nc - cap) * sizeof *f->e);
                cap = nc;
            }
            f->size = n;
        }
        for (size_t i = 0; i < count; i++, lx->p += 20) {
            const char *p = lx->p;
            unsigned long long off, gen;
            if (!unsigned_word(p, 10, &off) || p[10] != ' ' || !unsigned_word(p + 11, 5, &gen) ||
                p[16] != ' ' || (p[17] != 'n' && p[17] != 'f') || !pdf_is_space(p[18]) ||
                !pdf_is_space(p[19]))
                return fail(lx, "a cross-reference entry that is not 20 bytes of the form "
                                "\"0000000000 00000 n\"");
            xentry *e = &f->e[start + i];
            if (e->type)
                return fail(lx, "an object number given twice in the cross-reference table");
            if (gen > 65535)
                return fail(lx, "a cross-reference entry's generation out of range");
            e->type = p[17];
            e->off = (size_t)off;
            e->gen = (unsigned)gen;
        }
    }
}

static sr_pdf_file *open_fail(sr_pdf_file *f, char *err, size_t errlen)
{
    snprintf(err, errlen, "%s", f->err);
    sr_pdf_close(f);
    return NULL;
}

sr_pdf_file *sr_pdf_open(const char *in, size_t len, char *err, size_t errlen)
{
    sr_pdf_file *f = sr_xcalloc(1, sizeof *f);
    f->in = in ? in : "";
    f->len = in ? len : 0;
    f->a = sr_arena_new();
    in = f->in;
    len = f->len;
    if (len < 8 || memcmp(in, "%PDF-", 5) != 0) {
        seterr(f, "not a PDF: it does not begin with %%PDF-");
        return open_fail(f, err, errlen);
    }
    /* "startxref" in the last kilobyte, the last one there */
    const char *sx = NULL;
    for (size_t i = len - 8; i-- > 5 && i + 1024 >= len;) /* len >= 8: i + 9 <= len */
        if (memcmp(in + i, "startxref", 9) == 0) {
            sx = in + i;
            break;
        }
    if (!sx) {
        seterr(f, "no startxref in the file's last kilobyte: not a whole PDF");
        return open_fail(f, err, errlen);
    }
    lexer lx = {f, sx + 9, in + len, 0};
    skip_ws(&lx);
    unsigned long long xoff;
    if (!unsigned_word(lx.p, word_len(&lx), &xoff) || xoff >= len) {
        seterr(f, "startxref is not followed by an offset in the file");
        return open_fail(f, err, errlen);
    }
    f->xref_off = (size_t)xoff;
    lx.p = in + xoff;
    if (word_len(&lx) != 4 || memcmp(lx.p, "xref", 4) != 0) {
        seterr(f, "no cross-reference table at byte %zu (a cross-reference stream is not read)",
               f->xref_off);
        return open_fail(f, err, errlen);
    }
    lx.p += 4;
    if (read_table(f, &lx) != 0)
        return open_fail(f, err, errlen);
    sr_pdf_obj *t;
    if (parse_value(&lx, &t) != 0)
        return open_fail(f, err, errlen);
    if (t->kind != SR_PDF_DICT) {
        seterr(f, "a trailer that is not a dictionary");
        return open_fail(f, err, errlen);
    }
    f->trailer = t;
    sr_pdf_obj *size = sr_pdf_get(t, "Size");
    if (sr_pdf_get(t, "Prev") || sr_pdf_get(t, "XRefStm")) {
        seterr(f, "the PDF has been updated since it was written (/Prev): one revision is read");
        return open_fail(f, err, errlen);
    }
    if (sr_pdf_get(t, "Encrypt")) {
        seterr(f, "the PDF is encrypted");
        return open_fail(f, err, errlen);
    }
    if (!size || size->kind != SR_PDF_INT || size->u.i != (long long)f->size) {
        seterr(f, "the trailer's /Size is not the %zu objects of the cross-reference table",
               f->size);
        return open_fail(f, err, errlen);
    }
    /* The objects in use by offset: each runs to the next (or the table),
     * every one after the header, before the table, and where it says. */
    by_offset *bo = sr_xmalloc((f->size ? f->size : 1) * sizeof *bo);
    for (size_t i = 0; i < f->size; i++)
        if (f->e[i].type == 'n')
            bo[f->norder++] = (by_offset){f->e[i].off, i};
    qsort(bo, f->norder, sizeof *bo, cmp_offset);
    f->order = sr_xmalloc((f->norder ? f->norder : 1) * sizeof *f->order);
    int rc = 0;
    for (size_t k = 0; k < f->norder && rc == 0; k++) {
        f->order[k] = bo[k].num;
        if (bo[k].num == 0 || bo[k].off < 9 || bo[k].off >= f->xref_off) {
            seterr(f, "object %zu's offset %zu is not between the header and the table", bo[k].num,
                   bo[k].off);
            rc = -1;
        } else if (k + 1 < f->norder && bo[k].off == bo[k + 1].off) {
            seterr(f, "objects %zu and %zu have the same offset", bo[k].num, bo[k + 1].num);
            rc = -1;
        } else {
            size_t end = k + 1 < f->norder ? bo[k + 1].off : f->xref_off;
            f->e[bo[k].num].end = end;
            lexer ol = {f, in + bo[k].off, in + end, 0};
            rc = object_header(&ol, (unsigned)bo[k].num, f->e[bo[k].num].gen);
            f->e[bo[k].num].body = (size_t)(ol.p - in);
        }
    }
    free(bo);
    if (rc != 0)
        return open_fail(f, err, errlen);
    return f;
}

void sr_pdf_close(sr_pdf_file *f)
{
    if (!f)
        return;
    sr_arena_free(f->a);
    free(f->e);
    free(f->order);
    free(f);
}

/* ---- streams -------------------------------------------------------------------------------- */

static int inflate_into(sr_pdf_file *f, const char *data, size_t len, sr_buf *out)
{
    z_stream z = {0};
    if (inflateInit(&z) != Z_OK) {
        seterr(f, "zlib cannot start inflating");
        return -1;
    }
    z.next_in = (Bytef *)(uintptr_t)data;
    size_t left = len, from = out->len;
    int zr = Z_OK;
    char chunk[16384];
    while (zr != Z_STREAM_END) {
        if (z.avail_in == 0) {
            if (left == 0)
                break;
            z.avail_in = left > UINT_MAX ? UINT_MAX : (uInt)left;
            left -= z.avail_in;
        }
        z.next_out = (Bytef *)chunk;
        z.avail_out = sizeof chunk;
        zr = inflate(&z, Z_NO_FLUSH);
        if (zr != Z_OK && zr != Z_STREAM_END && !(zr == Z_BUF_ERROR && z.avail_in == 0 && left))
            break;
        sr_buf_put(out, chunk, sizeof chunk - z.avail_out);
        if (out->len - from > MAX_INFLATED) {
            seterr(f, "a stream that inflates to more than %zu MiB", MAX_INFLATED >> 20);
            inflateEnd(&z);
            return -1;
        }
    }
    inflateEnd(&z);
    if (zr != Z_STREAM_END) {
        seterr(f, "a stream that does not inflate: %s",
               zr == Z_OK || zr == Z_BUF_ERROR ? "its data is cut short"
               : z.msg                         ? z.msg
                                               : "?");
        return -1;
    }
    return 0;
}

int sr_pdf_stream_decoded(sr_pdf_file *f, const sr_pdf_obj *s, sr_buf *out)
{
    if (!s || s->kind != SR_PDF_STREAM) {
        seterr(f, "not a stream");
        return -1;
    }
    sr_pdf_obj *d = s->u.stream.dict;
    if (sr_pdf_get(d, "F")) {
        seterr(f, "a stream whose data is in another file");
        return -1;
    }
    sr_pdf_obj *filter = sr_pdf_resolve(f, sr_pdf_get(d, "Filter"));
    sr_pdf_obj *parms = sr_pdf_resolve(f, sr_pdf_get(d, "DecodeParms"));
    if (filter && filter->kind == SR_PDF_ARRAY && filter->u.arr.n == 1)
        filter = sr_pdf_resolve(f, filter->u.arr.v[0]);
    if (parms && parms->kind == SR_PDF_ARRAY && parms->u.arr.n == 1)
        parms = sr_pdf_resolve(f, parms->u.arr.v[0]);
    bool no_parms = !parms || parms->kind == SR_PDF_NULL ||
                    (parms->kind == SR_PDF_DICT && parms->u.dict.n == 0);
    if (!filter || filter->kind == SR_PDF_NULL ||
        (filter->kind == SR_PDF_ARRAY && filter->u.arr.n == 0)) {
        sr_buf_put(out, s->u.stream.data, s->u.stream.len);
        return 0;
    }
    if (!sr_pdf_is_name(filter, "FlateDecode") || !no_parms) {
        if (filter->kind == SR_PDF_NAME)
            seterr(f, "a stream with a filter this reader does not undo: /%.*s%s",
                   (int)(filter->u.str.len > 40 ? 40 : filter->u.str.len), filter->u.str.s,
                   no_parms ? "" : " with parameters");
        else
            seterr(f, "a stream with filters this reader does not undo");
        return -1;
    }
    return inflate_into(f, s->u.stream.data, s->u.stream.len, out);
}

int sr_pdf_stream_replace(sr_pdf_file *f, sr_pdf_obj *s, const char *data, size_t len,
                          bool compress)
{
    if (!s || s->kind != SR_PDF_STREAM) {
        seterr(f, "not a stream");
        return -1;
    }
    sr_pdf_obj *d = s->u.stream.dict;
    sr_pdf_remove(d, "DecodeParms");
    if (!compress) {
        char *copy = sr_arena_alloc(f->a, len + 1);
        if (len)
            memcpy(copy, data, len);
        s->u.stream.data = copy;
        s->u.stream.len = len;
        sr_pdf_remove(d, "Filter");
    } else {
        uLong bound = compressBound((uLong)len);
        if ((size_t)bound < len || len > ULONG_MAX / 2) {
            seterr(f, "a stream too large for zlib");
            return -1;
        }
        Bytef *z = sr_arena_alloc(f->a, bound);
        uLongf zlen = bound;
        int zr = compress2(z, &zlen, (const Bytef *)(data ? data : ""), (uLong)len,
                           Z_DEFAULT_COMPRESSION);
        if (zr != Z_OK) {
            seterr(f, "zlib cannot deflate a stream (%d)", zr);
            return -1;
        }
        s->u.stream.data = (const char *)z;
        s->u.stream.len = zlen;
        sr_pdf_set(f, d, "Filter", sr_pdf_new_name(f, "FlateDecode"));
    }
    sr_pdf_set(f, d, "Length", sr_pdf_new_int(f, (long long)s->u.stream.len));
    return 0;
}

/* ---- the writer ------------------------------------------------------------------------------ */

typedef struct {
    sr_buf *b;
    size_t line; /* where the line being written began */
} writer;

/* Between two tokens: a space, or a new line when this one is long. */
static void sep(writer *w)
{
    if (w->b->len - w->line > 200) {
        sr_buf_putc(w->b, '\n');
        w->line = w->b->len;
    } else {
        sr_buf_putc(w->b, ' ');
    }
}

/* Upper-case hex digits: a name's #xx and a hex string's <...>. */
static const char hex_digit[] = "0123456789ABCDEF";

static void write_name(writer *w, const char *s, size_t n)
{
    sr_buf_putc(w->b, '/');
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c > 0x20 && c < 0x7F && c != '#' && !pdf_is_delim(c)) {
            sr_buf_putc(w->b, (char)c);
        } else {
            char e[3] = {'#', hex_digit[c >> 4], hex_digit[c & 15]};
            sr_buf_put(w->b, e, 3);
        }
    }
}

static void write_string(writer *w, const char *s, size_t n)
{
    bool literal = true;
    for (size_t i = 0; i < n && literal; i++) {
        unsigned char c = (unsigned char)s[i];
        literal = (c >= 0x20 && c < 0x7F) || c == '\n' || c == '\r' || c == '\t' || c == '\b' ||
                  c == '\f';
    }
    if (!literal) {
        sr_buf_putc(w->b, '<');
        for (size_t i = 0; i < n; i++) {
            unsigned char c = (unsigned char)s[i];
            char e[2] = {hex_digit[c >> 4], hex_digit[c & 15]};
            sr_buf_put(w->b, e, 2);
        }
        sr_buf_putc(w->b, '>');
        return;
    }
    sr_buf_putc(w->b, '(');
    for (size_t i = 0; i < n; i++) {
        char c = s[i];
        const char *esc = c == '('    ? "\\("
                          : c == ')'  ? "\\)"
                          : c == '\\' ? "\\\\"
                          : c == '\n' ? "\\n"
                          : c == '\r' ? "\\r"
                          : c == '\t' ? "\\t"
                          : c == '\b' ? "\\b"
                          : c == '\f' ? "\\f"
                                      : NULL;
        if (esc)
            sr_buf_puts(w->b, esc);
        else
            sr_buf_putc(w->b, c);
    }
    sr_buf_putc(w->b, ')');
}

static void write_v(writer *w, const sr_pdf_obj *v);

/* i in decimal: what "%lld" writes, without printf's cost (the structure
 * tree is thousands of references). */
static void put_int(sr_buf *b, long long i)
{
    char d[24];
    int n = 0;
    unsigned long long u = i < 0 ? 0 - (unsigned long long)i : (unsigned long long)i;
    do
        d[sizeof d - 1 - n++] = (char)('0' + u % 10);
    while ((u /= 10) != 0);
    if (i < 0)
        d[sizeof d - 1 - n++] = '-';
    sr_buf_put(b, d + sizeof d - n, (size_t)n);
}

static void write_dict(writer *w, const sr_pdf_obj *d, const sr_pdf_obj *stream)
{
    sr_buf_puts(w->b, "<<");
    for (size_t i = 0; i < d->u.dict.n; i++) {
        const sr_pdf_entry *e = &d->u.dict.v[i];
        if (stream && e->keylen == 6 && memcmp(e->key, "Length", 6) == 0)
            continue; /* the data's own length, below */
        sep(w);
        write_name(w, e->key, e->keylen);
        sr_buf_putc(w->b, ' ');
        write_v(w, e->value);
    }
    if (stream) {
        sep(w);
        sr_buf_printf(w->b, "/Length %zu", stream->u.stream.len);
    }
    sep(w);
    sr_buf_puts(w->b, ">>");
}

static void write_v(writer *w, const sr_pdf_obj *v)
{
    if (!v) {
        sr_buf_puts(w->b, "null");
        return;
    }
    switch (v->kind) {
    case SR_PDF_NULL:
        sr_buf_puts(w->b, "null");
        break;
    case SR_PDF_BOOL:
        sr_buf_puts(w->b, v->u.b ? "true" : "false");
        break;
    case SR_PDF_INT:
        put_int(w->b, v->u.i);
        break;
    case SR_PDF_REAL:
        sr_buf_put(w->b, v->u.str.s, v->u.str.len);
        break;
    case SR_PDF_STRING:
        write_string(w, v->u.str.s, v->u.str.len);
        break;
    case SR_PDF_NAME:
        write_name(w, v->u.str.s, v->u.str.len);
        break;
    case SR_PDF_ARRAY:
        sr_buf_putc(w->b, '[');
        for (size_t i = 0; i < v->u.arr.n; i++) {
            if (i)
                sep(w);
            write_v(w, v->u.arr.v[i]);
        }
        sr_buf_putc(w->b, ']');
        break;
    case SR_PDF_DICT:
        write_dict(w, v, NULL);
        break;
    case SR_PDF_REF:
        put_int(w->b, v->u.ref.num);
        sr_buf_putc(w->b, ' ');
        put_int(w->b, v->u.ref.gen);
        sr_buf_put(w->b, " R", 2);
        break;
    case SR_PDF_STREAM:
        write_dict(w, v->u.stream.dict, v);
        sr_buf_puts(w->b, "\nstream\n");
        sr_buf_put(w->b, v->u.stream.data, v->u.stream.len);
        sr_buf_puts(w->b, "\nendstream");
        w->line = w->b->len;
        break;
    }
}

void sr_pdf_write_value(sr_buf *out, const sr_pdf_obj *v)
{
    writer w = {out, out->len};
    write_v(&w, v);
}

static void write_object(sr_buf *out, unsigned num, unsigned gen, const sr_pdf_obj *v)
{
    sr_buf_printf(out, "%u %u obj\n", num, gen);
    sr_pdf_write_value(out, v);
    sr_buf_puts(out, "\nendobj\n");
}

int sr_pdf_write_file(sr_pdf_file *f, sr_buf *out)
{
    size_t start = out->len, total = f->size + f->nadded;
    size_t *offs = sr_xcalloc(total ? total : 1, sizeof *offs);
    size_t first = f->norder ? f->e[f->order[0]].off : f->xref_off;
    sr_buf_put(out, f->in, first); /* the header and its binary comment */
    for (size_t k = 0; k < f->norder; k++) {
        size_t num = f->order[k];
        xentry *e = &f->e[num];
        offs[num] = out->len - start;
        if (!e->changed) {
            sr_buf_put(out, f->in + e->off, e->end - e->off);
        } else if (e->state == 2) {
            write_object(out, (unsigned)num, e->gen, e->v);
        } else {
            seterr(f, "object %zu is to be written anew but was never read", num);
            free(offs);
            return -1;
        }
    }
    for (size_t i = 0; i < f->nadded; i++) {
        offs[f->size + i] = out->len - start;
        write_object(out, (unsigned)(f->size + i), 0, f->added[i]);
    }
    /* The free entries chained from object 0, each to the next free one. */
    size_t xref = out->len - start;
    if (xref > 9999999999u) {
        seterr(f, "the PDF is larger than its cross-reference table can give offsets in");
        free(offs);
        return -1;
    }
    sr_buf_printf(out, "xref\n0 %zu\n", total);
    size_t next_free = 0;
    for (size_t i = total; i-- > 1;) /* from the end: each knows the next */
        if (i < f->size && f->e[i].type != 'n')
            offs[i] = next_free, next_free = i;
    for (size_t i = 0; i < total; i++) { /* "0000000123 00000 n \n", without printf's cost */
        bool used = i >= f->size || f->e[i].type == 'n';
        size_t off = i == 0 ? next_free : offs[i];
        unsigned gen = i == 0 ? 65535 : i < f->size ? f->e[i].gen : 0;
        char line[20];
        for (int k = 9; k >= 0; k--, off /= 10)
            line[k] = (char)('0' + off % 10);
        line[10] = ' ';
        for (int k = 15; k >= 11; k--, gen /= 10)
            line[k] = (char)('0' + gen % 10);
        memcpy(line + 16, used && i != 0 ? " n \n" : " f \n", 4);
        sr_buf_put(out, line, 20);
    }
    free(offs);
    /* The /ID: the MD5 of everything written before the table. */
    GChecksum *md5 = g_checksum_new(G_CHECKSUM_MD5);
    if (!md5) {
        seterr(f, "GLib cannot compute an MD5");
        return -1;
    }
    g_checksum_update(md5, (const guchar *)out->data + start, (gssize)xref);
    guint8 digest[16];
    gsize dlen = sizeof digest;
    g_checksum_get_digest(md5, digest, &dlen);
    g_checksum_free(md5);
    sr_pdf_obj *t = sr_pdf_new(f, SR_PDF_DICT);
    for (size_t i = 0; i < f->trailer->u.dict.n; i++) {
        const sr_pdf_entry *e = &f->trailer->u.dict.v[i];
        if ((e->keylen == 4 &&
             (memcmp(e->key, "Size", 4) == 0 || memcmp(e->key, "Prev", 4) == 0)) ||
            (e->keylen == 2 && memcmp(e->key, "ID", 2) == 0))
            continue;
        t->u.dict.v = grow(f->a, t->u.dict.v, t->u.dict.n, &t->u.dict.cap, sizeof *t->u.dict.v);
        t->u.dict.v[t->u.dict.n++] = *e;
    }
    sr_pdf_obj *id = sr_pdf_new(f, SR_PDF_ARRAY);
    sr_pdf_push(f, id, sr_pdf_new_string(f, (const char *)digest, dlen));
    sr_pdf_push(f, id, sr_pdf_new_string(f, (const char *)digest, dlen));
    sr_pdf_set(f, t, "Size", sr_pdf_new_int(f, (long long)total));
    sr_pdf_set(f, t, "ID", id);
    sr_buf_puts(out, "trailer\n");
    sr_pdf_write_value(out, t);
    sr_buf_printf(out, "\nstartxref\n%zu\n%%%%EOF\n", xref);
    return 0;
}
