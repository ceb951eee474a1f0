/* pdf_content: artifacts in a content stream, see pdf_content.h.
 *
 * One pass reads the stream into operations (an operator with its
 * operands, by byte range, classified); a second walks them with the
 * marked-content stack and writes the stream again with the artifact
 * marks inserted at operation boundaries, where any token may start. */
#include "render/pdf_content.h"

#include "core/arena.h"
#include "render/pdf_lex.h"

#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef enum {
    OP_OTHER,   /* state, colour, text positioning, MP/DP ... */
    OP_PAINT,   /* paints: a path painting operator, sh, Do, text showing, an inline image */
    OP_PATH,    /* path construction: m l c v y h re */
    OP_CLIP,    /* W W*, between a path and its painting operator */
    OP_ENDPATH, /* n: ends a path without painting it */
    OP_BT,
    OP_ET,
    OP_SAVE,    /* q */
    OP_RESTORE, /* Q */
    OP_TAGGED,  /* BDC with an /MCID, or /Artifact BMC/BDC */
    OP_MARK,    /* any other BMC/BDC */
    OP_EMC
} opkind;

typedef struct {
    size_t start, end; /* bytes: the first operand's first byte to the operator's last */
    opkind kind;
} op;

typedef struct {
    op *v;
    size_t n, cap;
} oplist;

typedef struct {
    const char *s;
    size_t n, i;
    char *err;
    size_t errlen;
    bool failed;
} reader;

static void fail_at(reader *r, size_t at, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static void fail_at(reader *r, size_t at, const char *fmt, ...)
{
    if (r->failed)
        return;
    r->failed = true;
    char what[160];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(what, sizeof what, fmt, ap);
    va_end(ap);
    if (r->err && r->errlen)
        snprintf(r->err, r->errlen, "content stream, byte %zu: %s", at, what);
}

/* Tokens. */
typedef enum {
    T_END,
    T_NUMBER,
    T_NAME,
    T_STRING,
    T_HEX,
    T_ARRAY_OPEN,
    T_ARRAY_CLOSE,
    T_DICT_OPEN,
    T_DICT_CLOSE,
    T_KEYWORD, /* an operator, or true/false/null */
    T_ERROR
} tkind;

typedef struct {
    tkind kind;
    size_t start, end;
} token;

static void skip_space(reader *r)
{
    if (r->i < r->n) /* r->s may be NULL when there is nothing to read */
        r->i = (size_t)(pdf_skip_space(r->s + r->i, r->s + r->n) - r->s);
}

static token next_token(reader *r)
{
    skip_space(r);
    token t = {T_END, r->i, r->i};
    if (r->i >= r->n)
        return t;
    const char *s = r->s;
    unsigned char c = (unsigned char)s[r->i];
    size_t at = r->i;
    if (c == '(') {
        int depth = 1;
        r->i++;
        while (r->i < r->n && depth > 0) {
            char d = s[r->i++];
            if (d == '\\')
                r->i++; /* the escaped byte, whatever it is (\( \) \\ \n, octal's first digit) */
            else if (d == '(')
                depth++;
            else if (d == ')')
                depth--;
        }
        if (depth > 0 || r->i > r->n) {
            fail_at(r, at, "a string that is never closed");
            t.kind = T_ERROR;
            return t;
        }
        t.kind = T_STRING;
    } else if (c == '<' && r->i + 1 < r->n && s[r->i + 1] == '<') {
        r->i += 2;
        t.kind = T_DICT_OPEN;
    } else if (c == '<') {
        r->i++;
        while (r->i < r->n && s[r->i] != '>') {
            unsigned char h = (unsigned char)s[r->i];
            if (!pdf_is_space(h) &&
                !((h >= '0' && h <= '9') || (h >= 'a' && h <= 'f') || (h >= 'A' && h <= 'F'))) {
                fail_at(r, r->i, "a hex string holds '%c'", h >= ' ' && h < 0x7f ? h : '?');
                t.kind = T_ERROR;
                return t;
            }
            r->i++;
        }
        if (r->i >= r->n) {
            fail_at(r, at, "a hex string that is never closed");
            t.kind = T_ERROR;
            return t;
        }
        r->i++;
        t.kind = T_HEX;
    } else if (c == '>' && r->i + 1 < r->n && s[r->i + 1] == '>') {
        r->i += 2;
        t.kind = T_DICT_CLOSE;
    } else if (c == '[') {
        r->i++;
        t.kind = T_ARRAY_OPEN;
    } else if (c == ']') {
        r->i++;
        t.kind = T_ARRAY_CLOSE;
    } else if (c == '/') {
        r->i++;
        while (r->i < r->n && pdf_is_regular((unsigned char)s[r->i]))
            r->i++;
        t.kind = T_NAME;
    } else if (pdf_is_regular(c)) {
        while (r->i < r->n && pdf_is_regular((unsigned char)s[r->i]))
            r->i++;
        bool real;
        t.kind = pdf_is_number(s + at, r->i - at, &real) ? T_NUMBER : T_KEYWORD;
    } else {
        fail_at(r, at, "'%c' where no token can begin", c);
        t.kind = T_ERROR;
        return t;
    }
    t.end = r->i;
    return t;
}

static bool token_is(const reader *r, token t, const char *word)
{
    size_t n = strlen(word);
    return t.end - t.start == n && memcmp(r->s + t.start, word, n) == 0;
}

static opkind classify(const reader *r, token t)
{
    static const char *const paint[] = {"f", "F",  "f*", "B",  "B*", "b", "b*", "S",
                                        "s", "sh", "Do", "Tj", "TJ", "'", "\"", NULL};
    static const char *const path[] = {"m", "l", "c", "v", "y", "h", "re", NULL};
    for (const char *const *p = paint; *p; p++)
        if (token_is(r, t, *p))
            return OP_PAINT;
    for (const char *const *p = path; *p; p++)
        if (token_is(r, t, *p))
            return OP_PATH;
    if (token_is(r, t, "W") || token_is(r, t, "W*"))
        return OP_CLIP;
    if (token_is(r, t, "n"))
        return OP_ENDPATH;
    if (token_is(r, t, "BT"))
        return OP_BT;
    if (token_is(r, t, "ET"))
        return OP_ET;
    if (token_is(r, t, "q"))
        return OP_SAVE;
    if (token_is(r, t, "Q"))
        return OP_RESTORE;
    if (token_is(r, t, "EMC"))
        return OP_EMC;
    return OP_OTHER;
}

/* An inline image's dictionary value, read as a small number (or -1). */
static long small_number(const reader *r, token t)
{
    if (t.kind != T_NUMBER || t.end - t.start > 9)
        return -1;
    long v = 0;
    for (size_t i = t.start; i < t.end; i++) {
        if (r->s[i] < '0' || r->s[i] > '9')
            return -1;
        v = v * 10 + (r->s[i] - '0');
    }
    return v;
}

/* After BI: the image's dictionary up to ID, then its bytes up to EI. The
 * byte count is known when the image says it (/L, PDF 2.0) or when it is
 * not filtered (width, height, bits and colour components); otherwise the
 * data ends at the first "EI" between white space (or the stream's end). */
static bool inline_image(reader *r, size_t bi)
{
    long w = -1, h = -1, bpc = -1, comps = -1, length = -1;
    bool filtered = false, mask = false;
    for (;;) {
        token key = next_token(r);
        if (key.kind == T_KEYWORD && token_is(r, key, "ID"))
            break;
        if (key.kind != T_NAME) {
            fail_at(r, key.start,
                    key.kind == T_END ? "an inline image with no ID"
                                      : "an inline image's key is not a name");
            return false;
        }
        token v = next_token(r);
        if (v.kind == T_ARRAY_OPEN) { /* /Filter [...], /Decode [...], /CS [/I ...] */
            int depth = 1;
            if (token_is(r, key, "/CS") || token_is(r, key, "/ColorSpace"))
                comps = 1; /* an indexed colour space: one index per sample */
            if (token_is(r, key, "/F") || token_is(r, key, "/Filter"))
                filtered = true;
            while (depth > 0) {
                token in = next_token(r);
                if (in.kind == T_ARRAY_OPEN)
                    depth++;
                else if (in.kind == T_ARRAY_CLOSE)
                    depth--;
                else if (in.kind == T_END || in.kind == T_ERROR || in.kind == T_KEYWORD) {
                    fail_at(r, in.start, "an inline image's array is not closed");
                    return false;
                }
            }
            if (filtered && (token_is(r, key, "/F") || token_is(r, key, "/Filter"))) {
                /* [] is no filter at all; anything else changes the byte count */
                size_t k = v.end;
                while (k < r->n && pdf_is_space((unsigned char)r->s[k]))
                    k++;
                if (k < r->n && r->s[k] == ']')
                    filtered = false;
            }
            continue;
        }
        if (v.kind == T_DICT_OPEN) { /* /DP << ... >> */
            int depth = 1;
            while (depth > 0) {
                token in = next_token(r);
                if (in.kind == T_DICT_OPEN)
                    depth++;
                else if (in.kind == T_DICT_CLOSE)
                    depth--;
                else if (in.kind == T_END || in.kind == T_ERROR || in.kind == T_KEYWORD) {
                    fail_at(r, in.start, "an inline image's dictionary is not closed");
                    return false;
                }
            }
            continue;
        }
        if (v.kind != T_NUMBER && v.kind != T_NAME && v.kind != T_KEYWORD && v.kind != T_STRING &&
            v.kind != T_HEX) {
            fail_at(r, v.start, "an inline image's key has no value");
            return false;
        }
        if (token_is(r, key, "/W") || token_is(r, key, "/Width"))
            w = small_number(r, v);
        else if (token_is(r, key, "/H") || token_is(r, key, "/Height"))
            h = small_number(r, v);
        else if (token_is(r, key, "/BPC") || token_is(r, key, "/BitsPerComponent"))
            bpc = small_number(r, v);
        else if (token_is(r, key, "/L") || token_is(r, key, "/Length"))
            length = small_number(r, v);
        else if (token_is(r, key, "/F") || token_is(r, key, "/Filter"))
            filtered = true;
        else if ((token_is(r, key, "/IM") || token_is(r, key, "/ImageMask")) &&
                 token_is(r, v, "true"))
            mask = true;
        else if (token_is(r, key, "/CS") || token_is(r, key, "/ColorSpace")) {
            if (token_is(r, v, "/G") || token_is(r, v, "/DeviceGray"))
                comps = 1;
            else if (token_is(r, v, "/RGB") || token_is(r, v, "/DeviceRGB"))
                comps = 3;
            else if (token_is(r, v, "/CMYK") || token_is(r, v, "/DeviceCMYK"))
                comps = 4;
            else
                comps = -1; /* a named resource: unknown */
        }
    }
    /* ID is followed by one white-space byte, then the data. */
    if (r->i >= r->n || !pdf_is_space((unsigned char)r->s[r->i])) {
        fail_at(r, r->i, "an inline image's ID is not followed by white space");
        return false;
    }
    size_t data = ++r->i;
    if (mask) {
        bpc = 1;
        comps = 1;
    }
    long bytes = length;
    if (bytes < 0 && !filtered && w > 0 && h > 0 && bpc > 0 && comps > 0 && w < 100000 &&
        h < 100000 && bpc <= 16)
        bytes = (w * comps * bpc + 7) / 8 * h;
    if (bytes >= 0) {
        if ((size_t)bytes > r->n - data) {
            fail_at(r, bi, "an inline image's data runs past the stream's end");
            return false;
        }
        r->i = data + (size_t)bytes;
        skip_space(r);
        if (r->i + 2 <= r->n && r->s[r->i] == 'E' && r->s[r->i + 1] == 'I' &&
            (r->i + 2 == r->n || !pdf_is_regular((unsigned char)r->s[r->i + 2]))) {
            r->i += 2;
            return true;
        }
        fail_at(r, r->i, "an inline image's data is not followed by EI");
        return false;
    }
    for (size_t k = data; k + 2 <= r->n; k++) {
        if (r->s[k] == 'E' && r->s[k + 1] == 'I' &&
            (k == data || pdf_is_space((unsigned char)r->s[k - 1])) &&
            (k + 2 == r->n || pdf_is_space((unsigned char)r->s[k + 2]))) {
            r->i = k + 2;
            return true;
        }
    }
    fail_at(r, bi, "an inline image with no EI");
    return false;
}

static void push_op(oplist *l, op o)
{
    if (l->n == l->cap) {
        l->cap = l->cap ? l->cap * 2 : 256;
        l->v = sr_xrealloc(l->v, l->cap * sizeof *l->v);
    }
    l->v[l->n++] = o;
}

/* Reads the whole stream into operations. */
static bool parse(reader *r, oplist *ops)
{
    size_t start = 0, noperands = 0;
    bool have = false; /* operands read since the last operator */
    int nest = 0;      /* arrays and dictionaries open among them */
    char stack[64];    /* which: '[' or '<' */
    token first = {T_END, 0, 0}, second = {T_END, 0, 0};
    bool second_mcid = false; /* the second operand is a dictionary with an /MCID key */
    size_t dict_at = 0;       /* the second operand's dictionary: depth 1 keys */
    bool expect_key = false;
    for (;;) {
        token t = next_token(r);
        if (t.kind == T_ERROR)
            return false;
        if (t.kind == T_END) {
            if (have) {
                fail_at(r, start, "operands at the end of the stream with no operator");
                return false;
            }
            return true;
        }
        if (!have) {
            start = t.start;
            noperands = 0;
            second_mcid = false;
            first.kind = second.kind = T_END;
        }
        if (t.kind == T_KEYWORD && nest == 0 && !token_is(r, t, "true") &&
            !token_is(r, t, "false") && !token_is(r, t, "null")) {
            opkind k = classify(r, t);
            if (token_is(r, t, "BI")) {
                if (have) {
                    fail_at(r, t.start, "BI with operands");
                    return false;
                }
                if (!inline_image(r, t.start))
                    return false;
                k = OP_PAINT;
                t.end = r->i;
            } else if (token_is(r, t, "BMC") || token_is(r, t, "BDC")) {
                bool bdc = token_is(r, t, "BDC");
                if (noperands != (bdc ? 2u : 1u) || first.kind != T_NAME) {
                    fail_at(r, t.start, "%s needs a tag name%s", bdc ? "BDC" : "BMC",
                            bdc ? " and properties" : "");
                    return false;
                }
                if (bdc && second.kind == T_NAME) {
                    fail_at(r, t.start,
                            "BDC names its properties in the page's resources, which this "
                            "reader does not follow");
                    return false;
                }
                if (bdc && second.kind != T_DICT_OPEN) {
                    fail_at(r, t.start, "BDC's properties are not a dictionary");
                    return false;
                }
                k = token_is(r, first, "/Artifact") || second_mcid ? OP_TAGGED : OP_MARK;
            } else if (token_is(r, t, "ID") || token_is(r, t, "EI")) {
                fail_at(r, t.start, "%s outside an inline image",
                        token_is(r, t, "ID") ? "ID" : "EI");
                return false;
            }
            push_op(ops, (op){start, t.end, k});
            have = false;
            continue;
        }
        if (t.kind == T_KEYWORD && nest > 0 && !token_is(r, t, "true") &&
            !token_is(r, t, "false") && !token_is(r, t, "null")) {
            fail_at(r, t.start, "an operator inside an array or a dictionary");
            return false;
        }
        /* An operand, or part of one. */
        have = true;
        if (nest == 0) {
            noperands++;
            if (noperands == 1)
                first = t;
            else if (noperands == 2) {
                second = t;
                dict_at = t.kind == T_DICT_OPEN ? 1 : 0;
                expect_key = true;
            }
        } else if (noperands == 2 && dict_at && nest == 1 && stack[0] == '<') {
            /* a key of the second operand's dictionary, or its value */
            if (expect_key && t.kind == T_NAME && token_is(r, t, "/MCID"))
                second_mcid = true;
            if (t.kind != T_DICT_OPEN && t.kind != T_ARRAY_OPEN)
                expect_key = !expect_key;
        }
        if (t.kind == T_ARRAY_OPEN || t.kind == T_DICT_OPEN) {
            if (nest == (int)sizeof stack) {
                fail_at(r, t.start, "arrays and dictionaries nested more than %zu deep",
                        sizeof stack);
                return false;
            }
            stack[nest++] = t.kind == T_ARRAY_OPEN ? '[' : '<';
        } else if (t.kind == T_ARRAY_CLOSE || t.kind == T_DICT_CLOSE) {
            char want = t.kind == T_ARRAY_CLOSE ? '[' : '<';
            if (nest == 0 || stack[nest - 1] != want) {
                fail_at(r, t.start, "'%s' closes nothing that is open",
                        t.kind == T_ARRAY_CLOSE ? "]" : ">>");
                return false;
            }
            nest--;
            if (noperands == 2 && dict_at && nest == 1 && stack[0] == '<')
                expect_key = !expect_key; /* a value that was an array or dictionary ended */
        }
    }
}

/* The stream read and its marks checked: the marked-content stack and the
 * text objects balance. Fills ops; on failure, a message in r. */
static bool read_ops(reader *r, oplist *ops)
{
    if (!parse(r, ops))
        return false;
    size_t depth = 0, open_at = 0;
    bool text = false;
    for (size_t i = 0; i < ops->n; i++) {
        const op *o = &ops->v[i];
        switch (o->kind) {
        case OP_TAGGED:
        case OP_MARK:
            if (depth++ == 0)
                open_at = o->start;
            break;
        case OP_EMC:
            if (depth == 0) {
                fail_at(r, o->start, "EMC with no marked content open");
                return false;
            }
            depth--;
            break;
        case OP_BT:
            if (text) {
                fail_at(r, o->start, "BT inside a text object");
                return false;
            }
            text = true;
            break;
        case OP_ET:
            if (!text) {
                fail_at(r, o->start, "ET with no text object open");
                return false;
            }
            text = false;
            break;
        default:
            break;
        }
    }
    if (depth) {
        fail_at(r, open_at, "marked content that is never closed (EMC)");
        return false;
    }
    if (text) {
        fail_at(r, r->n, "a text object that is never closed (ET)");
        return false;
    }
    return true;
}

/* Whether ops [a, b) can be wrapped in one marked-content sequence: text
 * objects, saved states and marked content opened in it close in it, and
 * it closes none opened before it. */
static bool balanced(const oplist *ops, size_t a, size_t b)
{
    long q = 0, marks = 0;
    bool text = false; /* a text object begun in the run is open */
    for (size_t i = a; i < b; i++) {
        switch (ops->v[i].kind) {
        case OP_SAVE:
            q++;
            break;
        case OP_RESTORE:
            if (--q < 0)
                return false;
            break;
        case OP_MARK:
            marks++;
            break;
        case OP_EMC:
            if (--marks < 0)
                return false;
            break;
        case OP_BT:
            text = true;
            break;
        case OP_ET:
            if (!text)
                return false; /* it ends a text object begun before the run */
            text = false;
            break;
        default:
            break;
        }
    }
    return q == 0 && marks == 0 && !text;
}

static void put_artifact(sr_buf *out, const char *in, size_t *copied, size_t start, size_t end,
                         size_t *wrapped)
{
    sr_buf_put(out, in + *copied, start - *copied);
    sr_buf_puts(out, "/Artifact BMC\n");
    sr_buf_put(out, in + start, end - start);
    sr_buf_puts(out, "\nEMC");
    *copied = end;
    (*wrapped)++;
}

/* Ops [a, b), all outside tagged content, wrapped: whole when they
 * balance, or else each object in them that paints: a path from its first
 * construction operator to its painting operator, or one painting
 * operator alone. */
static void wrap_piece(const oplist *ops, size_t a, size_t b, const char *in, sr_buf *out,
                       size_t *copied, size_t *wrapped)
{
    bool paints = false;
    for (size_t i = a; i < b && !paints; i++)
        paints = ops->v[i].kind == OP_PAINT;
    if (!paints)
        return;
    if (balanced(ops, a, b)) {
        put_artifact(out, in, copied, ops->v[a].start, ops->v[b - 1].end, wrapped);
        return;
    }
    size_t path = (size_t)-1;
    for (size_t i = a; i < b; i++) {
        opkind k = ops->v[i].kind;
        if (k == OP_PATH || k == OP_CLIP) {
            if (path == (size_t)-1)
                path = i;
        } else if (k == OP_PAINT) {
            size_t from = path != (size_t)-1 ? path : i;
            put_artifact(out, in, copied, ops->v[from].start, ops->v[i].end, wrapped);
            path = (size_t)-1;
        } else {
            path = (size_t)-1;
        }
    }
}

/* A run of ops [a, b) outside tagged content, wrapped. The run is cut at
 * each q, BT or untagged mark it opens and does not close, and at each Q,
 * ET or EMC that closes one opened before it (a page's closing Q, a text
 * object begun before a tag), those left outside the artifact; each piece
 * between the cuts then balances and is wrapped whole. */
static void wrap_run(const oplist *ops, size_t a, size_t b, const char *in, sr_buf *out,
                     size_t *copied, size_t *wrapped)
{
    if (a >= b)
        return;
    size_t n = b - a;
    bool *cut = sr_xcalloc(n, sizeof *cut);
    size_t *qs = sr_xcalloc(n, sizeof *qs), *ms = sr_xcalloc(n, sizeof *ms);
    size_t nq = 0, nm = 0, bt = (size_t)-1;
    for (size_t i = a; i < b; i++) {
        switch (ops->v[i].kind) {
        case OP_SAVE:
            qs[nq++] = i;
            break;
        case OP_RESTORE:
            if (nq)
                nq--;
            else
                cut[i - a] = true;
            break;
        case OP_MARK:
            ms[nm++] = i;
            break;
        case OP_EMC:
            if (nm)
                nm--;
            else
                cut[i - a] = true;
            break;
        case OP_BT:
            bt = i;
            break;
        case OP_ET:
            if (bt != (size_t)-1)
                bt = (size_t)-1;
            else
                cut[i - a] = true;
            break;
        default:
            break;
        }
    }
    for (size_t k = 0; k < nq; k++)
        cut[qs[k] - a] = true;
    for (size_t k = 0; k < nm; k++)
        cut[ms[k] - a] = true;
    if (bt != (size_t)-1)
        cut[bt - a] = true;
    size_t from = a;
    for (size_t i = a; i <= b; i++) {
        if (i == b || cut[i - a]) {
            wrap_piece(ops, from, i, in, out, copied, wrapped);
            from = i + 1;
        }
    }
    free(cut);
    free(qs);
    free(ms);
}

int sr_pdf_content_artifacts(const char *in, size_t len, sr_buf *out, size_t *wrapped, char *err,
                             size_t errlen)
{
    reader r = {in, len, 0, err, errlen, false};
    oplist ops = {0};
    if (!read_ops(&r, &ops)) {
        free(ops.v);
        return -1;
    }
    sr_buf res = SR_BUF_INIT;
    size_t copied = 0, n = 0, tagged = 0, run = 0;
    /* Every mark open: whether it is tagged, as a stack of bits in a buffer. */
    sr_buf stack = SR_BUF_INIT;
    for (size_t i = 0; i < ops.n; i++) {
        opkind k = ops.v[i].kind;
        if (tagged == 0 && k == OP_TAGGED) {
            wrap_run(&ops, run, i, in, &res, &copied, &n);
        }
        if (k == OP_TAGGED || k == OP_MARK) {
            sr_buf_putc(&stack, k == OP_TAGGED ? 'T' : 'M');
            if (k == OP_TAGGED)
                tagged++;
        } else if (k == OP_EMC) {
            if (stack.data[--stack.len] == 'T' && --tagged == 0)
                run = i + 1;
        }
    }
    wrap_run(&ops, run, ops.n, in, &res, &copied, &n);
    sr_buf_put(&res, in + copied, len - copied);
    sr_buf_put(out, res.data ? res.data : "", res.len);
    sr_buf_free(&res);
    sr_buf_free(&stack);
    free(ops.v);
    if (wrapped)
        *wrapped = n;
    return 0;
}

int sr_pdf_content_unmarked(const char *in, size_t len, size_t *unmarked, char *err, size_t errlen)
{
    reader r = {in, len, 0, err, errlen, false};
    oplist ops = {0};
    if (!read_ops(&r, &ops)) {
        free(ops.v);
        return -1;
    }
    sr_buf stack = SR_BUF_INIT;
    size_t tagged = 0, n = 0;
    for (size_t i = 0; i < ops.n; i++) {
        opkind k = ops.v[i].kind;
        if (k == OP_TAGGED || k == OP_MARK) {
            sr_buf_putc(&stack, k == OP_TAGGED ? 'T' : 'M');
            tagged += k == OP_TAGGED;
        } else if (k == OP_EMC) {
            if (stack.data[--stack.len] == 'T')
                tagged--;
        } else if (k == OP_PAINT && tagged == 0) {
            n++;
        }
    }
    sr_buf_free(&stack);
    free(ops.v);
    *unmarked = n;
    return 0;
}
