/* yamlout: the one YAML writer, see yamlout.h. */
#include "data/yamlout.h"

#include "core/arena.h"
#include "core/diag.h"

#include <ctype.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <yaml.h>

enum { L_MAP = 1, L_SEQ };
enum { P_NONE, P_KEY, P_ITEM };
enum { S_PLAIN, S_QUOTED, S_TOKEN };

static void fail(sr_yout *w, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void fail(sr_yout *w, const char *fmt, ...)
{
    if (w->error[0])
        return;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(w->error, sizeof w->error, fmt, ap);
    va_end(ap);
}

/* ---- scalars, through libyaml's emitter ---------------------------------- */

static int to_buf(void *data, unsigned char *bytes, size_t size)
{
    sr_buf_put(data, (const char *)bytes, size);
    return 1;
}

static bool emitter_open(yaml_emitter_t *e, sr_buf *out)
{
    yaml_event_t ev;
    if (!yaml_emitter_initialize(e))
        return false;
    yaml_emitter_set_output(e, to_buf, out);
    yaml_emitter_set_unicode(e, 1); /* UTF-8 as it is, not \u escapes */
    yaml_emitter_set_width(e, -1);  /* never fold a line */
    yaml_emitter_set_indent(e, 2);
    yaml_emitter_set_break(e, YAML_LN_BREAK);
    if (!yaml_stream_start_event_initialize(&ev, YAML_UTF8_ENCODING) ||
        !yaml_emitter_emit(e, &ev) ||
        !yaml_document_start_event_initialize(&ev, NULL, NULL, NULL, 1) ||
        !yaml_emitter_emit(e, &ev)) {
        yaml_emitter_delete(e);
        return false;
    }
    return true;
}

static bool emitter_close(yaml_emitter_t *e)
{
    yaml_event_t ev;
    bool ok = yaml_document_end_event_initialize(&ev, 1) && yaml_emitter_emit(e, &ev) &&
              yaml_stream_end_event_initialize(&ev) && yaml_emitter_emit(e, &ev) &&
              yaml_emitter_flush(e);
    yaml_emitter_delete(e);
    return ok;
}

static bool emit_scalar(yaml_emitter_t *e, const char *s, yaml_scalar_style_t style)
{
    yaml_event_t ev;
    if (!yaml_scalar_event_initialize(&ev, NULL, NULL, (yaml_char_t *)s, (int)strlen(s), 1, 1,
                                      style))
        return false; /* not UTF-8 */
    return yaml_emitter_emit(e, &ev);
}

/* The libyaml document's text without its end: the scalar or flow
 * collection on one line. */
static bool one_line(sr_buf *doc)
{
    while (doc->len && doc->data[doc->len - 1] == '\n')
        doc->data[--doc->len] = '\0';
    if (doc->len >= 4 && strcmp(doc->data + doc->len - 4, "\n...") == 0) {
        doc->len -= 4;
        doc->data[doc->len] = '\0';
    }
    return doc->len && !strchr(doc->data, '\n');
}

/* s alone in the given style, as libyaml writes it. */
static bool render(sr_buf *out, const char *s, yaml_scalar_style_t style)
{
    yaml_emitter_t e;
    sr_buf doc = SR_BUF_INIT;
    bool ok = emitter_open(&e, &doc);
    if (ok && !emit_scalar(&e, s, style)) {
        yaml_emitter_delete(&e);
        ok = false;
    } else if (ok) {
        ok = emitter_close(&e) && one_line(&doc);
    }
    if (ok)
        sr_buf_put(out, doc.data, doc.len);
    sr_buf_free(&doc);
    return ok;
}

static bool valid_utf8(const char *s)
{
    const unsigned char *p = (const unsigned char *)s;
    while (*p) {
        int n = *p < 0x80             ? 0
                : (*p & 0xE0) == 0xC0 ? 1
                : (*p & 0xF0) == 0xE0 ? 2
                : (*p & 0xF8) == 0xF0 ? 3
                                      : -1;
        if (n < 0 || (n == 1 && *p < 0xC2))
            return false;
        p++;
        for (int i = 0; i < n; i++, p++)
            if ((*p & 0xC0) != 0x80)
                return false;
    }
    return true;
}

static bool word_in(const char *s, const char *const *words)
{
    for (; *words; words++)
        if (strcmp(s, *words) == 0)
            return true;
    return false;
}

/* True when a reader would take plain s for something other than the text:
 * a null, a yes/no (YAML 1.1 and 1.2 spellings), a number, a date or time,
 * this program's own `not available` and shorthand, or a form that only
 * some readers treat as text. Anything starting with a digit, a sign or a
 * point is quoted: numbers, dates, years and times all do. */
static bool reads_as_other(const char *s)
{
    static const char *const words[] = {"null",
                                        "Null",
                                        "NULL",
                                        "~",
                                        "y",
                                        "Y",
                                        "yes",
                                        "Yes",
                                        "YES",
                                        "n",
                                        "N",
                                        "no",
                                        "No",
                                        "NO",
                                        "true",
                                        "True",
                                        "TRUE",
                                        "false",
                                        "False",
                                        "FALSE",
                                        "on",
                                        "On",
                                        "ON",
                                        "off",
                                        "Off",
                                        "OFF",
                                        "not available",
                                        "Not available",
                                        "NOT AVAILABLE",
                                        "=",
                                        "<<",
                                        NULL};
    if (!*s || word_in(s, words))
        return true;
    if (isdigit((unsigned char)s[0]) || strchr("+-.", s[0]))
        return true;
    /* Characters libyaml may leave plain but that readers, or people
     * editing the file, misread: kept in quotes as this program always
     * has. */
    if (strpbrk(s, ":#'\"{}[],&*!|>%@`\\"))
        return true;
    if (isspace((unsigned char)s[0]) || isspace((unsigned char)s[strlen(s) - 1]))
        return true;
    for (const unsigned char *p = (const unsigned char *)s; *p; p++)
        if (*p < 0x20 || *p == 0x7f)
            return true;
    return false;
}

static bool render_style(sr_buf *out, const char *s, int style)
{
    unsigned code;
    if (!valid_utf8(s) || sr_control_char_at(s, strlen(s), &code) < strlen(s))
        return false;
    if (style == S_QUOTED || (style == S_PLAIN && reads_as_other(s)))
        return render(out, s, YAML_DOUBLE_QUOTED_SCALAR_STYLE);
    size_t at = out->len;
    if (!render(out, s, YAML_PLAIN_SCALAR_STYLE))
        return false;
    if (out->data[at] == '\'' || out->data[at] == '"' || strcmp(out->data + at, s) != 0) {
        /* libyaml found plain style impossible: double quotes instead. */
        out->len = at;
        out->data[at] = '\0';
        return render(out, s, YAML_DOUBLE_QUOTED_SCALAR_STYLE);
    }
    return true;
}

bool sr_yaml_text(sr_buf *b, const char *s)
{
    return render_style(b, s ? s : "", S_PLAIN);
}

bool sr_yaml_token(sr_buf *b, const char *s)
{
    return render_style(b, s ? s : "", S_TOKEN);
}

/* ---- block structure ------------------------------------------------------ */

void sr_yout_init(sr_yout *w, sr_buf *out)
{
    memset(w, 0, sizeof *w);
    w->out = out;
    w->line_start = out->len;
}

void sr_yout_indent(sr_yout *w, int n)
{
    w->base = n;
}

static void end_line(sr_yout *w)
{
    if (w->line_open) {
        sr_buf_putc(w->out, '\n');
        w->line_open = false;
    }
    w->line_noted = false;
    w->line_start = w->out->len;
}

static void spaces(sr_yout *w, int n)
{
    for (int i = 0; i < n; i++)
        sr_buf_putc(w->out, ' ');
}

/* The column of what the open collection holds. */
static int inner_indent(const sr_yout *w)
{
    return w->depth ? w->lv[w->depth - 1].indent : w->base;
}

/* Starts the line of a key or item of the open block collection, or goes on
 * after the "- " of an item. */
static bool begin_entry(sr_yout *w, int kind, const char *what)
{
    if (w->error[0])
        return false;
    if (!w->depth || w->lv[w->depth - 1].kind != kind) {
        fail(w, "a %s was written outside its collection (a fault in the program)", what);
        return false;
    }
    sr_yout_level *l = &w->lv[w->depth - 1];
    if (w->pending == P_ITEM && !l->empty) {
        fail(w, "a %s was written after an item with no value (a fault in the program)", what);
        return false;
    }
    if (w->pending == P_ITEM) {
        /* First key of a mapping in "- key: ...": on the dash's line. */
        w->pending = P_NONE;
    } else {
        end_line(w);
        spaces(w, l->indent);
        w->line_open = true;
    }
    l->empty = false;
    return true;
}

/* Before a value: after "key:" a space, after "- " nothing. */
static bool begin_value(sr_yout *w)
{
    if (w->error[0])
        return false;
    if (w->pending == P_KEY)
        sr_buf_putc(w->out, ' ');
    else if (w->pending != P_ITEM && w->depth) {
        fail(w, "a value was written with no key or item (a fault in the program)");
        return false;
    }
    w->pending = P_NONE;
    return true;
}

static void push(sr_yout *w, int kind, int indent)
{
    if (w->depth == SR_YOUT_DEPTH) {
        fail(w, "a YAML document nested deeper than %d levels (a fault in the program)",
             SR_YOUT_DEPTH);
        return;
    }
    w->lv[w->depth++] = (sr_yout_level){.kind = kind, .indent = indent, .empty = true};
}

static void open_block(sr_yout *w, int kind)
{
    if (w->error[0])
        return;
    if (w->flow) {
        yaml_event_t ev;
        bool ok = kind == L_MAP ? yaml_mapping_start_event_initialize(&ev, NULL, NULL, 1,
                                                                      YAML_FLOW_MAPPING_STYLE)
                                : yaml_sequence_start_event_initialize(&ev, NULL, NULL, 1,
                                                                       YAML_FLOW_SEQUENCE_STYLE);
        if (!ok || !yaml_emitter_emit(w->flow, &ev))
            fail(w, "libyaml could not write a collection: %s",
                 ((yaml_emitter_t *)w->flow)->problem ? ((yaml_emitter_t *)w->flow)->problem
                                                      : "out of memory");
        push(w, kind, -1);
        w->lv[w->depth - 1].flow = true;
        return;
    }
    int indent;
    if (w->pending == P_KEY) {
        /* On the lines after the key, two spaces in. */
        indent = inner_indent(w) + 2;
    } else if (w->pending == P_ITEM) {
        /* After "- ": its keys line up with the first one. */
        indent = w->pending_col;
        if (kind == L_SEQ) {
            fail(w, "a sequence directly in a sequence is not written (a fault in the program)");
            return;
        }
    } else if (!w->depth) {
        indent = w->base;
    } else {
        fail(w, "a collection was written with no key or item (a fault in the program)");
        return;
    }
    if (w->pending == P_KEY)
        w->pending = P_NONE; /* the key line stays open for a note */
    push(w, kind, indent);
}

void sr_yout_map(sr_yout *w)
{
    open_block(w, L_MAP);
}

void sr_yout_seq(sr_yout *w)
{
    open_block(w, L_SEQ);
}

static void open_flow(sr_yout *w, int kind)
{
    if (w->error[0])
        return;
    if (!w->flow) {
        if (!begin_value(w))
            return;
        w->flow = sr_xmalloc(sizeof(yaml_emitter_t));
        sr_buf_clear(&w->flow_out);
        if (!emitter_open(w->flow, &w->flow_out)) {
            free(w->flow);
            w->flow = NULL;
            fail(w, "libyaml could not start writing (out of memory?)");
            return;
        }
    }
    open_block(w, kind);
}

void sr_yout_flow_map(sr_yout *w)
{
    open_flow(w, L_MAP);
}

void sr_yout_flow_seq(sr_yout *w)
{
    open_flow(w, L_SEQ);
}

static void close_flow_emitter(sr_yout *w)
{
    yaml_emitter_t *e = w->flow;
    w->flow = NULL;
    bool ok = !w->error[0] && emitter_close(e);
    if (w->error[0])
        yaml_emitter_delete(e);
    free(e);
    if (!ok || !one_line(&w->flow_out)) {
        fail(w, "libyaml could not write a collection on one line");
        return;
    }
    sr_buf_put(w->out, w->flow_out.data, w->flow_out.len);
    w->line_open = true;
}

void sr_yout_end(sr_yout *w)
{
    if (w->error[0])
        return;
    if (!w->depth) {
        fail(w, "more collections were ended than begun (a fault in the program)");
        return;
    }
    if (w->lv[w->depth - 1].flow) {
        yaml_event_t ev;
        yaml_emitter_t *e = w->flow;
        bool map = w->lv[--w->depth].kind == L_MAP;
        bool ok =
            map ? yaml_mapping_end_event_initialize(&ev) : yaml_sequence_end_event_initialize(&ev);
        if (!ok || !yaml_emitter_emit(e, &ev)) {
            fail(w, "libyaml could not end a collection: %s",
                 e->problem ? e->problem : "out of memory");
            return;
        }
        if (!w->depth || !w->lv[w->depth - 1].flow)
            close_flow_emitter(w);
        return;
    }
    if (!w->depth) {
        fail(w, "more collections were ended than begun (a fault in the program)");
        return;
    }
    sr_yout_level *l = &w->lv[--w->depth];
    if (w->pending == P_ITEM) {
        /* "- {}": the dash's space is the one before the braces. */
        if (w->out->len && w->out->data[w->out->len - 1] == ' ')
            w->out->data[--w->out->len] = '\0';
        w->pending = P_NONE;
    }
    if (l->empty && !w->line_noted) {
        /* Nothing in it: {} or [] after its key or dash. */
        sr_buf_puts(w->out, l->kind == L_MAP ? " {}" : " []");
        w->line_open = true;
    }
}

void sr_yout_key(sr_yout *w, const char *key)
{
    if (w->error[0])
        return;
    if (w->flow) {
        if (!valid_utf8(key) || !emit_scalar(w->flow, key, YAML_PLAIN_SCALAR_STYLE))
            fail(w, "a key is not valid UTF-8 text, so it cannot be written");
        return;
    }
    if (!begin_entry(w, L_MAP, "key"))
        return;
    if (!render_style(w->out, key, S_TOKEN)) {
        fail(w, "a key is not valid UTF-8 text, so it cannot be written");
        return;
    }
    sr_buf_putc(w->out, ':');
    w->pending = P_KEY;
}

void sr_yout_item(sr_yout *w)
{
    if (w->error[0] || w->flow)
        return;
    if (!begin_entry(w, L_SEQ, "sequence item"))
        return;
    sr_buf_puts(w->out, "- ");
    w->pending = P_ITEM;
    w->pending_col = (int)(w->out->len - w->line_start);
}

static void scalar(sr_yout *w, const char *s, int style)
{
    if (w->error[0])
        return;
    if (!s) {
        sr_yout_null(w);
        return;
    }
    /* What the reader refuses is never written: a record must read back. */
    unsigned code;
    if (sr_control_char_at(s, strlen(s), &code) < strlen(s)) {
        fail(w, "a value holds a control character (U+%04X), which a YAML file may not hold", code);
        return;
    }
    if (w->flow) {
        bool plain =
            style == S_TOKEN || (style == S_PLAIN && !reads_as_other(s) && !strpbrk(s, "?"));
        bool ok = valid_utf8(s) &&
                  emit_scalar(w->flow, s,
                              plain ? YAML_PLAIN_SCALAR_STYLE : YAML_DOUBLE_QUOTED_SCALAR_STYLE);
        if (!ok)
            fail(w, "a value is not valid UTF-8 text, so it cannot be written");
        return;
    }
    if (!begin_value(w))
        return;
    if (!render_style(w->out, s, style)) {
        fail(w, "a value is not valid UTF-8 text, so it cannot be written");
        return;
    }
    w->line_open = true;
}

void sr_yout_text(sr_yout *w, const char *s)
{
    scalar(w, s, S_PLAIN);
}

void sr_yout_quoted(sr_yout *w, const char *s)
{
    scalar(w, s, S_QUOTED);
}

void sr_yout_token(sr_yout *w, const char *s)
{
    scalar(w, s, S_TOKEN);
}

void sr_yout_int(sr_yout *w, long long v)
{
    char n[32];
    snprintf(n, sizeof n, "%lld", v);
    scalar(w, n, S_TOKEN);
}

void sr_yout_null(sr_yout *w)
{
    if (w->error[0])
        return;
    if (w->flow) {
        if (!emit_scalar(w->flow, "", YAML_PLAIN_SCALAR_STYLE))
            fail(w, "libyaml could not write an empty value");
        return;
    }
    if (w->pending == P_KEY || w->pending == P_ITEM) {
        if (w->pending == P_ITEM && w->out->len && w->out->data[w->out->len - 1] == ' ')
            w->out->data[--w->out->len] = '\0'; /* "-" alone, not "- " */
        w->pending = P_NONE;
        w->line_open = true;
        return;
    }
    fail(w, "an empty value was written with no key or item (a fault in the program)");
}

/* ---- comments -------------------------------------------------------------- */

/* A comment's characters: anything a YAML reader would take for the end of
 * the line (a line feed or carriage return, the next-line character U+0085,
 * the line and paragraph separators U+2028 and U+2029) or that is a
 * control character becomes a space, so nothing after it can become
 * content. */
static void comment_chars(sr_buf *out, const char *p, size_t n)
{
    const unsigned char *u = (const unsigned char *)p;
    for (size_t i = 0; i < n; i++) {
        if (u[i] < 0x20 || u[i] == 0x7F) {
            sr_buf_putc(out, ' ');
        } else if (u[i] == 0xC2 && i + 1 < n && u[i + 1] >= 0x80 && u[i + 1] <= 0x9F) {
            sr_buf_putc(out, ' ');
            i++;
        } else if (u[i] == 0xE2 && i + 2 < n && u[i + 1] == 0x80 &&
                   (u[i + 2] == 0xA8 || u[i + 2] == 0xA9)) {
            sr_buf_putc(out, ' ');
            i += 2;
        } else {
            sr_buf_putc(out, (char)u[i]);
        }
    }
}

void sr_yout_comment(sr_yout *w, const char *text)
{
    if (w->error[0])
        return;
    if (w->flow || w->pending != P_NONE) {
        fail(w, "a comment was written inside a value (a fault in the program)");
        return;
    }
    int ind = w->depth ? w->lv[w->depth - 1].indent : w->base;
    const char *p = text ? text : "";
    do {
        const char *e = strchr(p, '\n');
        size_t n = e ? (size_t)(e - p) : strlen(p);
        end_line(w);
        spaces(w, ind);
        sr_buf_putc(w->out, '#');
        if (n) {
            sr_buf_putc(w->out, ' ');
            comment_chars(w->out, p, n);
        }
        w->line_open = true;
        p = e ? e + 1 : NULL;
    } while (p);
}

void sr_yout_note(sr_yout *w, int column, const char *text)
{
    if (w->error[0])
        return;
    if (w->flow) {
        fail(w, "a comment was written inside a value (a fault in the program)");
        return;
    }
    if (w->pending == P_KEY || w->pending == P_ITEM)
        sr_yout_null(w);
    int col = (int)(w->out->len - w->line_start);
    if (column < 0)
        spaces(w, -column);
    else if (col < column)
        spaces(w, column - col);
    else
        sr_buf_puts(w->out, "  ");
    sr_buf_puts(w->out, "# ");
    comment_chars(w->out, text ? text : "", text ? strlen(text) : 0);
    w->line_open = true;
    w->line_noted = true;
}

void sr_yout_blank(sr_yout *w)
{
    if (w->error[0])
        return;
    end_line(w);
    sr_buf_putc(w->out, '\n');
    w->line_start = w->out->len;
}

bool sr_yout_finish(sr_yout *w)
{
    if (!w->error[0] && (w->depth || w->flow || w->pending != P_NONE))
        fail(w, "a YAML document was ended with a collection still open (a fault in the "
                "program)");
    if (w->flow) {
        yaml_emitter_delete(w->flow);
        free(w->flow);
        w->flow = NULL;
    }
    sr_buf_free(&w->flow_out);
    if (w->error[0])
        return false;
    end_line(w);
    return true;
}

const char *sr_yout_error(const sr_yout *w)
{
    return w->error[0] ? w->error : NULL;
}
