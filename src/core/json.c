/* json: the one JSON writer, see json.h. */
#include "core/json.h"

#include <ctype.h>
#include <string.h>

/* The length of the UTF-8 sequence at p, or 0 if it is not one. */
static size_t utf8_len(const unsigned char *p)
{
    size_t n;
    if (*p < 0x80)
        return 1;
    if (*p >= 0xC2 && *p <= 0xDF)
        n = 2;
    else if (*p >= 0xE0 && *p <= 0xEF)
        n = 3;
    else if (*p >= 0xF0 && *p <= 0xF4)
        n = 4;
    else
        return 0;
    for (size_t i = 1; i < n; i++)
        if ((p[i] & 0xC0) != 0x80)
            return 0;
    /* No overlong forms, surrogates or code points past U+10FFFF. */
    if ((p[0] == 0xE0 && p[1] < 0xA0) || (p[0] == 0xED && p[1] >= 0xA0) ||
        (p[0] == 0xF0 && p[1] < 0x90) || (p[0] == 0xF4 && p[1] >= 0x90))
        return 0;
    return n;
}

void sr_json_escape(sr_buf *b, const char *s)
{
    const unsigned char *p = (const unsigned char *)(s ? s : "");
    while (*p) {
        switch (*p) {
        case '"':
            sr_buf_puts(b, "\\\"");
            break;
        case '\\':
            sr_buf_puts(b, "\\\\");
            break;
        case '\n':
            sr_buf_puts(b, "\\n");
            break;
        case '\r':
            sr_buf_puts(b, "\\r");
            break;
        case '\t':
            sr_buf_puts(b, "\\t");
            break;
        default:
            if (*p < 0x20) {
                sr_buf_printf(b, "\\u%04x", *p);
            } else {
                size_t n = utf8_len(p);
                if (n == 0) {
                    sr_buf_puts(b, "\\ufffd"); /* not UTF-8: the replacement character */
                    p++;
                    continue;
                }
                sr_buf_put(b, (const char *)p, n);
                p += n;
                continue;
            }
        }
        p++;
    }
}

void sr_json_init(sr_json *j, sr_buf *out)
{
    memset(j, 0, sizeof *j);
    j->out = out;
}

static void indent(sr_json *j, int depth)
{
    sr_buf_putc(j->out, '\n');
    for (int i = 0; i < depth; i++)
        sr_buf_puts(j->out, "  ");
}

/* Before a key, or a value that is not a key's: the separator. */
static bool element(sr_json *j, bool is_key)
{
    if (j->failed)
        return false;
    if (j->after_key) {
        if (is_key) {
            j->failed = true;
            return false;
        }
        j->after_key = false;
        return true;
    }
    if (j->depth == 0)
        return true; /* the document itself */
    if (j->lv[j->depth - 1].object != is_key) {
        j->failed = true; /* a value with no key, or a key in an array */
        return false;
    }
    if (!j->lv[j->depth - 1].first)
        sr_buf_putc(j->out, ',');
    if (j->lv[j->depth - 1].lines)
        indent(j, j->depth);
    else if (!j->lv[j->depth - 1].first)
        sr_buf_putc(j->out, ' ');
    j->lv[j->depth - 1].first = false;
    return true;
}

static void open_container(sr_json *j, bool object, bool lines)
{
    if (!element(j, false))
        return;
    if (j->depth == SR_JSON_DEPTH) {
        j->failed = true;
        return;
    }
    sr_buf_putc(j->out, object ? '{' : '[');
    j->lv[j->depth].object = object;
    j->lv[j->depth].lines = lines;
    j->lv[j->depth].first = true;
    j->depth++;
}

void sr_json_object(sr_json *j, bool lines)
{
    open_container(j, true, lines);
}

void sr_json_array(sr_json *j, bool lines)
{
    open_container(j, false, lines);
}

void sr_json_end(sr_json *j)
{
    if (j->failed || j->after_key || j->depth == 0) {
        j->failed = true;
        return;
    }
    j->depth--;
    if (j->lv[j->depth].lines && !j->lv[j->depth].first)
        indent(j, j->depth);
    sr_buf_putc(j->out, j->lv[j->depth].object ? '}' : ']');
}

void sr_json_key(sr_json *j, const char *key)
{
    if (!element(j, true))
        return;
    sr_buf_putc(j->out, '"');
    sr_json_escape(j->out, key);
    sr_buf_puts(j->out, "\": ");
    j->after_key = true;
}

void sr_json_str(sr_json *j, const char *s)
{
    if (!s) {
        sr_json_null(j);
        return;
    }
    if (!element(j, false))
        return;
    sr_buf_putc(j->out, '"');
    sr_json_escape(j->out, s);
    sr_buf_putc(j->out, '"');
}

void sr_json_int(sr_json *j, long long v)
{
    if (element(j, false))
        sr_buf_printf(j->out, "%lld", v);
}

void sr_json_bool(sr_json *j, bool v)
{
    if (element(j, false))
        sr_buf_puts(j->out, v ? "true" : "false");
}

void sr_json_null(sr_json *j)
{
    if (element(j, false))
        sr_buf_puts(j->out, "null");
}

/* JSON's number syntax: -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)? */
static bool is_number(const char *s)
{
    const char *p = s + (*s == '-');
    if (*p == '0')
        p++;
    else if (isdigit((unsigned char)*p))
        while (isdigit((unsigned char)*p))
            p++;
    else
        return false;
    if (*p == '.') {
        if (!isdigit((unsigned char)*++p))
            return false;
        while (isdigit((unsigned char)*p))
            p++;
    }
    if (*p == 'e' || *p == 'E') {
        p += p[1] == '+' || p[1] == '-' ? 2 : 1;
        if (!isdigit((unsigned char)*p))
            return false;
        while (isdigit((unsigned char)*p))
            p++;
    }
    return *p == '\0';
}

void sr_json_number(sr_json *j, const char *text)
{
    if (!text || !is_number(text)) {
        j->failed = true;
        return;
    }
    if (element(j, false))
        sr_buf_puts(j->out, text);
}

bool sr_json_finish(sr_json *j)
{
    if (j->depth || j->after_key)
        j->failed = true;
    if (!j->failed)
        sr_buf_putc(j->out, '\n');
    return !j->failed;
}
