/* diag: diagnostics list and printers, see diag.h. */
#include "core/diag.h"

#include "core/arena.h"
#include "core/buf.h"
#include "core/json.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

void sr_diags_init(sr_diags *d)
{
    memset(d, 0, sizeof *d);
    d->limit_per_file = 100;
}

void sr_diags_free(sr_diags *d)
{
    for (size_t i = 0; i < d->n; i++) {
        free(d->v[i].msg);
        free(d->v[i].hint);
        free(d->v[i].related_msg);
    }
    free(d->v);
    for (size_t i = 0; i < d->nsources; i++) {
        free(d->sources[i]->name);
        free(d->sources[i]->text);
        free(d->sources[i]);
    }
    free(d->sources);
    memset(d, 0, sizeof *d);
}

sr_source *sr_diags_add_source(sr_diags *d, const char *name, char *text, size_t len)
{
    sr_source *s = sr_xcalloc(1, sizeof *s);
    s->name = sr_xstrdup(name);
    s->text = text;
    s->len = len;
    s->index = d->nsources;
    d->sources = sr_xrealloc(d->sources, (d->nsources + 1) * sizeof *d->sources);
    d->sources[d->nsources++] = s;
    return s;
}

static char *vformat(const char *fmt, va_list ap)
{
    sr_buf b = SR_BUF_INIT;
    va_list ap2;
    va_copy(ap2, ap);
    int n = vsnprintf(NULL, 0, fmt, ap2);
    va_end(ap2);
    if (n < 0)
        return sr_xstrdup(fmt);
    b.data = sr_xmalloc((size_t)n + 1);
    vsnprintf(b.data, (size_t)n + 1, fmt, ap);
    return b.data;
}

static sr_diag *push(sr_diags *d, sr_severity sev, sr_loc loc)
{
    if (d->n == d->cap) {
        d->cap = d->cap ? d->cap * 2 : 16;
        d->v = sr_xrealloc(d->v, d->cap * sizeof *d->v);
    }
    sr_diag *g = &d->v[d->n++];
    memset(g, 0, sizeof *g);
    g->sev = sev;
    g->loc = loc;
    if (g->loc.len == 0 && g->loc.line)
        g->loc.len = 1;
    return g;
}

sr_diag *sr_diag_add(sr_diags *d, sr_severity sev, sr_loc loc, const char *fmt, ...)
{
    static sr_diag sink; /* absorbs hints added to a diagnostic not shown */
    if (sev == SR_ERROR)
        d->errors++;
    else if (sev == SR_WARNING)
        d->warnings++;
    else
        d->notes++;
    if (d->limit_per_file && loc.src) {
        /* Past the limit a file's problems are counted, not shown; one last
         * message says so. */
        sr_source *src = (sr_source *)loc.src;
        if (src->shown++ >= d->limit_per_file) {
            if (src->shown == d->limit_per_file + 1) {
                sr_diag *g = push(d, sev, (sr_loc){loc.src, 0, 0, 0});
                g->msg = sr_xstrdup("too many problems in this file; the rest are counted but "
                                    "not shown");
                g->hint = sr_xstrdup("fix the problems above and validate again");
            }
            free(sink.msg), free(sink.hint), free(sink.related_msg);
            memset(&sink, 0, sizeof sink);
            return &sink;
        }
    }
    sr_diag *g = push(d, sev, loc);
    va_list ap;
    va_start(ap, fmt);
    g->msg = vformat(fmt, ap);
    va_end(ap);
    return g;
}

void sr_diag_hint(sr_diag *g, const char *fmt, ...)
{
    if (!g->msg)
        return;
    free(g->hint);
    va_list ap;
    va_start(ap, fmt);
    g->hint = vformat(fmt, ap);
    va_end(ap);
}

void sr_diag_related(sr_diag *g, sr_loc loc, const char *fmt, ...)
{
    if (!g->msg)
        return;
    free(g->related_msg);
    g->related = loc;
    va_list ap;
    va_start(ap, fmt);
    g->related_msg = vformat(fmt, ap);
    va_end(ap);
}

static int cmp_loc(const sr_diag *a, const sr_diag *b)
{
    size_t ia = a->loc.src ? a->loc.src->index : (size_t)-1;
    size_t ib = b->loc.src ? b->loc.src->index : (size_t)-1;
    if (ia != ib)
        return ia < ib ? -1 : 1;
    if (a->loc.line != b->loc.line)
        return a->loc.line < b->loc.line ? -1 : 1;
    if (a->loc.col != b->loc.col)
        return a->loc.col < b->loc.col ? -1 : 1;
    return 0;
}

void sr_diags_sort(sr_diags *d)
{
    /* Insertion sort: stable, and lists are short. */
    for (size_t i = 1; i < d->n; i++) {
        sr_diag t = d->v[i];
        size_t j = i;
        while (j > 0 && cmp_loc(&d->v[j - 1], &t) > 0) {
            d->v[j] = d->v[j - 1];
            j--;
        }
        d->v[j] = t;
    }
}

void sr_loc_format(sr_loc loc, char *buf, size_t size)
{
    if (!loc.src)
        snprintf(buf, size, "sscp-report");
    else if (!loc.line)
        snprintf(buf, size, "%s", loc.src->name);
    else
        snprintf(buf, size, "%s:%u:%u", loc.src->name, loc.line, loc.col);
}

const char *sr_source_line(const sr_source *src, unsigned line, size_t *len)
{
    if (!src || !src->text || line == 0)
        return NULL;
    const char *p = src->text, *end = src->text + src->len;
    for (unsigned l = 1; l < line; l++) {
        const char *nl = memchr(p, '\n', (size_t)(end - p));
        if (!nl)
            return NULL;
        p = nl + 1;
    }
    const char *e = p;
    while (e < end && *e != '\n' && *e != '\r')
        e++;
    *len = (size_t)(e - p);
    return p;
}

size_t sr_utf8_seq_len(const unsigned char *s, size_t n)
{
    if (n == 0)
        return 0;
    unsigned c = s[0];
    if (c < 0x80)
        return 1;
    size_t len;
    unsigned min;
    if (c >= 0xC2 && c <= 0xDF)
        len = 2, min = 0x80;
    else if (c >= 0xE0 && c <= 0xEF)
        len = 3, min = 0x800;
    else if (c >= 0xF0 && c <= 0xF4)
        len = 4, min = 0x10000;
    else
        return 0;
    if (n < len)
        return 0;
    unsigned cp = c & (0xFF >> (len + 1));
    for (size_t i = 1; i < len; i++) {
        if ((s[i] & 0xC0) != 0x80)
            return 0;
        cp = (cp << 6) | (s[i] & 0x3F);
    }
    if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
        return 0;
    return len;
}

size_t sr_control_char_at(const char *text, size_t len, unsigned *code)
{
    const unsigned char *s = (const unsigned char *)text;
    for (size_t i = 0; i < len; i++) {
        if ((s[i] < 0x20 && s[i] != '\t' && s[i] != '\n') || s[i] == 0x7F) {
            *code = s[i];
            return i;
        }
        if (s[i] == 0xC2 && i + 1 < len && s[i + 1] >= 0x80 && s[i + 1] <= 0x9F) {
            *code = s[i + 1];
            return i;
        }
    }
    return len;
}

sr_loc sr_source_loc_at(const sr_source *src, size_t off)
{
    unsigned line = 1, col = 1;
    for (size_t i = 0; i < off && i < src->len; i++) {
        unsigned char c = (unsigned char)src->text[i];
        if (c == '\n') {
            line++;
            col = 1;
        } else if ((c & 0xC0) != 0x80) {
            col++;
        }
    }
    return (sr_loc){src, line, col, 1};
}

size_t sr_utf8_invalid_at(const char *text, size_t len)
{
    const unsigned char *s = (const unsigned char *)text;
    size_t i = 0;
    while (i < len) {
        size_t k = sr_utf8_seq_len(s + i, len - i);
        if (k == 0)
            return i;
        i += k;
    }
    return len;
}

/* Writes a source line safely: control characters and bytes that are not
 * valid UTF-8 become '?', so quoting a hostile line cannot upset the
 * terminal. */
static void put_safe_line(FILE *out, const char *s, size_t n)
{
    const unsigned char *u = (const unsigned char *)s;
    size_t i = 0;
    while (i < n) {
        unsigned char c = u[i];
        if (c == '\t' || (c >= 0x20 && c < 0x7f)) {
            fputc(c, out);
            i++;
            continue;
        }
        size_t k = c >= 0x80 ? sr_utf8_seq_len(u + i, n - i) : 0;
        if (k == 2 && c == 0xC2 && u[i + 1] < 0xA0) { /* U+0080-U+009F are controls */
            fputc('?', out);
            i += 2;
        } else if (k > 1) {
            fwrite(u + i, 1, k, out);
            i += k;
        } else {
            fputc('?', out);
            i++;
        }
    }
}

/* Writes a file name, message or hint safely: a control character or a
 * byte that is not valid UTF-8 is shown as \xHH (a C1 control as \u00HH),
 * so that no name or value from a file can send a terminal a command. */
char *sr_safe_dup(const char *s)
{
    char *buf = NULL;
    size_t len = 0;
    FILE *m = open_memstream(&buf, &len);
    if (!m)
        return sr_xstrdup("?");
    sr_fput_safe(m, s ? s : "");
    if (fclose(m) != 0 || !buf) {
        free(buf);
        return sr_xstrdup("?");
    }
    return buf;
}

void sr_fput_safe(FILE *out, const char *s)
{
    const unsigned char *u = (const unsigned char *)s;
    size_t n = strlen(s), i = 0;
    while (i < n) {
        unsigned char c = u[i];
        if (c >= 0x20 && c < 0x7f) {
            fputc(c, out);
            i++;
            continue;
        }
        size_t k = c >= 0x80 ? sr_utf8_seq_len(u + i, n - i) : 0;
        if (k == 2 && c == 0xC2 && u[i + 1] < 0xA0) {
            fprintf(out, "\\u%04X", (unsigned)u[i + 1]);
            i += 2;
        } else if (k > 1) {
            fwrite(u + i, 1, k, out);
            i += k;
        } else {
            fprintf(out, "\\x%02X", (unsigned)c);
            i++;
        }
    }
}

static void print_caret(FILE *out, const char *line, size_t n, unsigned col, unsigned len,
                        const char *on, const char *off)
{
    /* Walk col-1 characters of the line, copying tabs so the caret lines up. */
    size_t i = 0;
    for (unsigned c = 1; c < col && i < n; c++) {
        unsigned char ch = (unsigned char)line[i];
        fputc(ch == '\t' ? '\t' : ' ', out);
        i++;
        while (i < n && ((unsigned char)line[i] & 0xC0) == 0x80)
            i++;
    }
    fputs(on, out);
    for (unsigned k = 0; k < (len ? len : 1); k++)
        fputc('^', out);
    fputs(off, out);
}

static const char *severity_name(sr_severity s)
{
    return s == SR_ERROR ? "error" : s == SR_WARNING ? "warning" : "note";
}

void sr_diags_print_text(const sr_diags *d, FILE *out, bool color)
{
    const char *bold = color ? "\033[1m" : "", *red = color ? "\033[1;31m" : "",
               *yellow = color ? "\033[1;33m" : "", *cyan = color ? "\033[1;36m" : "",
               *reset = color ? "\033[0m" : "";
    char where[1024];
    for (size_t i = 0; i < d->n; i++) {
        const sr_diag *g = &d->v[i];
        sr_loc_format(g->loc, where, sizeof where);
        fputs(bold, out);
        sr_fput_safe(out, where);
        fprintf(out, ":%s %s%s:%s %s", reset,
                g->sev == SR_ERROR     ? red
                : g->sev == SR_WARNING ? yellow
                                       : cyan,
                severity_name(g->sev), reset, bold);
        sr_fput_safe(out, g->msg);
        fprintf(out, "%s\n", reset);
        size_t n;
        const char *line = sr_source_line(g->loc.src, g->loc.line, &n);
        if (line) {
            /* Keep quoted lines readable: very long ones are cut. */
            size_t shown = n > 200 ? 200 : n;
            fprintf(out, "%6u | ", g->loc.line);
            put_safe_line(out, line, shown);
            fputs(n > shown ? " ...\n" : "\n", out);
            fputs("       | ", out);
            unsigned col = g->loc.col, len = g->loc.len;
            if (col > shown + 1)
                col = (unsigned)shown + 1;
            print_caret(out, line, shown, col, len > 80 ? 80 : len, g->sev == SR_NOTE ? cyan : red,
                        reset);
            fputc('\n', out);
        }
        if (g->related_msg) {
            sr_loc_format(g->related, where, sizeof where);
            fprintf(out, "  %snote:%s ", cyan, reset);
            sr_fput_safe(out, g->related_msg);
            fputs(" at ", out);
            sr_fput_safe(out, where);
            fputc('\n', out);
        }
        if (g->hint) {
            fprintf(out, "  %shint:%s ", cyan, reset);
            sr_fput_safe(out, g->hint);
            fputc('\n', out);
        }
    }
}

static void json_loc(sr_json *j, sr_loc loc)
{
    sr_json_key(j, "file");
    sr_json_str(j, loc.src ? loc.src->name : NULL);
    sr_json_key(j, "line");
    if (loc.line)
        sr_json_int(j, loc.line);
    else
        sr_json_null(j);
    sr_json_key(j, "column");
    if (loc.line)
        sr_json_int(j, loc.col);
    else
        sr_json_null(j);
}

void sr_diags_print_json(const sr_diags *d, FILE *out)
{
    sr_buf b = SR_BUF_INIT;
    sr_json j;
    sr_json_init(&j, &b);
    sr_json_object(&j, true);
    sr_json_key(&j, "diagnostics");
    sr_json_array(&j, true);
    for (size_t i = 0; i < d->n; i++) {
        const sr_diag *g = &d->v[i];
        sr_json_object(&j, false);
        json_loc(&j, g->loc);
        sr_json_key(&j, "severity"), sr_json_str(&j, severity_name(g->sev));
        sr_json_key(&j, "message"), sr_json_str(&j, g->msg);
        if (g->hint)
            sr_json_key(&j, "hint"), sr_json_str(&j, g->hint);
        if (g->related_msg) {
            sr_json_key(&j, "related");
            sr_json_object(&j, false);
            json_loc(&j, g->related);
            sr_json_key(&j, "message"), sr_json_str(&j, g->related_msg);
            sr_json_end(&j);
        }
        sr_json_end(&j);
    }
    sr_json_end(&j);
    sr_json_key(&j, "errors"), sr_json_int(&j, (long long)d->errors);
    sr_json_key(&j, "warnings"), sr_json_int(&j, (long long)d->warnings);
    sr_json_end(&j);
    if (!sr_json_finish(&j))
        fputs("sscp-report: internal error: the JSON written is not whole\n", stderr);
    fputs(sr_buf_str(&b), out);
    sr_buf_free(&b);
}
