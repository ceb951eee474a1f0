/* ynode: libyaml event stream -> node tree, see ynode.h. */
#include "data/ynode.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <yaml.h>

sr_ylimits sr_ylimits_default(void)
{
    return (sr_ylimits){
        .max_depth = 32,
        .max_nodes = 200000,
        .max_aliases = 100,
        .max_expanded = 200000,
        .max_scalar_len = 64 * 1024,
    };
}

/* A collection being built. */
typedef struct {
    sr_ynode *node;
    sr_ynode **items;
    size_t n, cap;
    size_t weight; /* nodes this collection stands for, aliases expanded */
    const char *anchor;
} frame;

typedef struct {
    const char *name;
    sr_ynode *node;
    size_t weight;
} anchor;

typedef struct {
    sr_arena *a;
    sr_diags *d;
    const sr_source *src;
    const sr_ylimits *lim;
    frame *stack;
    size_t depth, stack_cap;
    anchor *anchors;
    size_t nanchors, anchors_cap;
    size_t nodes, aliases;
    sr_ynode *root;
    size_t root_weight;
    bool failed;
} builder;

static sr_loc mark_loc(const builder *b, yaml_mark_t m, unsigned len)
{
    return (sr_loc){b->src, (unsigned)m.line + 1, (unsigned)m.column + 1, len ? len : 1};
}

static size_t sat_add(size_t x, size_t y)
{
    return x > SIZE_MAX - y ? SIZE_MAX : x + y;
}

static void push_item(builder *b, sr_ynode *n, size_t weight)
{
    if (b->depth == 0) {
        b->root = n;
        b->root_weight = weight;
        return;
    }
    frame *f = &b->stack[b->depth - 1];
    if (f->n == f->cap) {
        f->cap = f->cap ? f->cap * 2 : 8;
        f->items = sr_xrealloc(f->items, f->cap * sizeof *f->items);
    }
    f->items[f->n++] = n;
    f->weight = sat_add(f->weight, weight);
}

static void add_anchor(builder *b, const char *name, sr_ynode *n, size_t weight)
{
    if (!name)
        return;
    if (b->nanchors == b->anchors_cap) {
        b->anchors_cap = b->anchors_cap ? b->anchors_cap * 2 : 8;
        b->anchors = sr_xrealloc(b->anchors, b->anchors_cap * sizeof *b->anchors);
    }
    /* A later anchor of the same name replaces the earlier (YAML rules). */
    b->anchors[b->nanchors++] = (anchor){name, n, weight};
}

static const anchor *find_anchor(const builder *b, const char *name)
{
    for (size_t i = b->nanchors; i-- > 0;)
        if (strcmp(b->anchors[i].name, name) == 0)
            return &b->anchors[i];
    return NULL;
}

static bool count_node(builder *b, yaml_mark_t m)
{
    if (++b->nodes > b->lim->max_nodes) {
        sr_diag *g = sr_diag_add(b->d, SR_ERROR, mark_loc(b, m, 1),
                                 "the file has more than %zu values, too many for a submission",
                                 b->lim->max_nodes);
        sr_diag_hint(g, "a submission holds one partner's figures for one year; split or trim "
                        "the file");
        return false;
    }
    return true;
}

/* Keys of a mapping, checked for duplicates with a small hash table. */
static uint64_t hash_str(const char *s, size_t n)
{
    uint64_t h = 1469598103934665603ull;
    for (size_t i = 0; i < n; i++)
        h = (h ^ (unsigned char)s[i]) * 1099511628211ull;
    return h;
}

static void check_duplicate_keys(builder *b, sr_ynode **items, size_t pairs)
{
    if (pairs < 2)
        return;
    size_t cap = 16;
    while (cap < pairs * 2)
        cap *= 2;
    size_t *slots = sr_xcalloc(cap, sizeof *slots); /* index+1 of key, 0 = empty */
    for (size_t i = 0; i < pairs; i++) {
        sr_ynode *k = items[2 * i];
        if (k->kind != SR_Y_SCALAR)
            continue;
        size_t h = (size_t)(hash_str(k->text, k->len) & (cap - 1));
        for (;;) {
            if (!slots[h]) {
                slots[h] = i + 1;
                break;
            }
            sr_ynode *o = items[2 * (slots[h] - 1)];
            if (o->len == k->len && memcmp(o->text, k->text, k->len) == 0) {
                char shown[64];
                snprintf(shown, sizeof shown, "%.40s%s", k->text, k->len > 40 ? "..." : "");
                sr_diag *g = sr_diag_add(b->d, SR_ERROR, sr_ynode_loc(k),
                                         "duplicate key `%s`: it is already given on line %u",
                                         shown, o->loc.line);
                sr_diag_related(g, sr_ynode_loc(o), "first given");
                sr_diag_hint(g, "give each key once; delete one of the two or merge them");
                break;
            }
            h = (h + 1) & (cap - 1);
        }
    }
    free(slots);
}

static bool open_collection(builder *b, sr_ykind kind, yaml_mark_t m, const char *anchor_name)
{
    if (!count_node(b, m))
        return false;
    if (b->depth >= b->lim->max_depth) {
        sr_diag *g = sr_diag_add(b->d, SR_ERROR, mark_loc(b, m, 1),
                                 "lists and mappings are nested more than %u levels deep here",
                                 b->lim->max_depth);
        sr_diag_hint(g, "a submission is never this deep; check the indentation and brackets");
        return false;
    }
    if (b->depth == b->stack_cap) {
        b->stack_cap = b->stack_cap ? b->stack_cap * 2 : 16;
        b->stack = sr_xrealloc(b->stack, b->stack_cap * sizeof *b->stack);
    }
    sr_ynode *n = sr_arena_alloc(b->a, sizeof *n);
    n->kind = kind;
    n->loc = mark_loc(b, m, 1);
    b->stack[b->depth++] = (frame){.node = n, .weight = 1, .anchor = anchor_name};
    return true;
}

static bool close_collection(builder *b)
{
    frame f = b->stack[--b->depth];
    sr_ynode *n = f.node;
    n->items = sr_arena_alloc(b->a, (f.n ? f.n : 1) * sizeof *n->items);
    if (f.n)
        memcpy(n->items, f.items, f.n * sizeof *n->items);
    free(f.items);
    if (n->kind == SR_Y_MAP) {
        n->n = f.n / 2;
        for (size_t i = 0; i < n->n; i++) {
            sr_ynode *k = n->items[2 * i];
            if (k->kind != SR_Y_SCALAR) {
                sr_diag *g = sr_diag_add(b->d, SR_ERROR, k->loc,
                                         "a key must be a single word or text, not %s",
                                         k->kind == SR_Y_SEQ ? "a list" : "a mapping");
                sr_diag_hint(g, "write keys as plain words, such as `finance:`");
                b->failed = true;
            }
        }
        check_duplicate_keys(b, n->items, n->n);
    } else {
        n->n = f.n;
    }
    add_anchor(b, f.anchor, n, f.weight);
    push_item(b, n, f.weight);
    if (f.weight > b->lim->max_expanded) {
        sr_diag *g = sr_diag_add(b->d, SR_ERROR, n->loc,
                                 "aliases (`*name`) here expand to more than %zu values",
                                 b->lim->max_expanded);
        sr_diag_hint(g, "write the figures out instead of repeating them with anchors and aliases");
        return false;
    }
    return true;
}

/* ---- characters that look like a space but are not one ----------------------------------- */

/* The name of the look-alike space at s (n bytes), its length in *len; NULL
 * when s does not start with one. Text copied from an email, a web page or
 * a word processor often carries them. */
static const char *lookalike_space(const unsigned char *s, size_t n, size_t *len)
{
    static const struct {
        const char *bytes, *name;
    } table[] = {
        {"\xC2\xA0", "a non-breaking space (U+00A0)"},
        {"\xE1\x9A\x80", "an Ogham space (U+1680)"},
        {"\xE2\x80\x80", "an en quad space (U+2000)"},
        {"\xE2\x80\x81", "an em quad space (U+2001)"},
        {"\xE2\x80\x82", "an en space (U+2002)"},
        {"\xE2\x80\x83", "an em space (U+2003)"},
        {"\xE2\x80\x84", "a three-per-em space (U+2004)"},
        {"\xE2\x80\x85", "a four-per-em space (U+2005)"},
        {"\xE2\x80\x86", "a six-per-em space (U+2006)"},
        {"\xE2\x80\x87", "a figure space (U+2007)"},
        {"\xE2\x80\x88", "a punctuation space (U+2008)"},
        {"\xE2\x80\x89", "a thin space (U+2009)"},
        {"\xE2\x80\x8A", "a hair space (U+200A)"},
        {"\xE2\x80\x8B", "a zero-width space (U+200B)"},
        {"\xE2\x80\xAF", "a narrow non-breaking space (U+202F)"},
        {"\xE2\x81\x9F", "a medium mathematical space (U+205F)"},
        {"\xE2\x81\xA0", "a word joiner (U+2060)"},
        {"\xE3\x80\x80", "an ideographic space (U+3000)"},
        {"\xEF\xBB\xBF", "a zero-width no-break space (U+FEFF)"},
    };
    for (size_t i = 0; i < sizeof table / sizeof table[0]; i++) {
        size_t l = strlen(table[i].bytes);
        if (n >= l && memcmp(s, table[i].bytes, l) == 0) {
            *len = l;
            return table[i].name;
        }
    }
    return NULL;
}

static const char lookalike_hint[] =
    "replace it with an ordinary space (delete it and type a space); such characters come "
    "from text copied from an email, a web page or a word processor";

/* Column (1-based, in characters) of byte off of line. */
static unsigned col_of(const char *line, size_t off)
{
    unsigned col = 1;
    for (size_t i = 0; i < off; i++)
        if (((unsigned char)line[i] & 0xC0) != 0x80)
            col++;
    return col;
}

/* Whether the `:` at line[i] ends a key: it is followed by a space, a
 * look-alike space or the end of the line. */
static bool colon_ends_key(const unsigned char *line, size_t i, size_t n)
{
    size_t l;
    return i + 1 == n || line[i + 1] == ' ' || line[i + 1] == '\r' ||
           lookalike_space(line + i + 1, n - i - 1, &l) != NULL;
}

/* Look-alike spaces where YAML needs a real one: in the indentation, after
 * the colon of `key: value` or after the `-` of a list item. There libyaml
 * would take them as part of a key and every figure below would be "unknown";
 * they are reported here instead, each where it is. Returns how many. */
static size_t check_lookalike_spaces(sr_diags *d, const sr_source *src)
{
    size_t found = 0;
    const char *t = src->text;
    unsigned lineno = 0;
    for (size_t pos = 0; pos < src->len;) {
        const char *line = t + pos;
        const char *nl = memchr(line, '\n', src->len - pos);
        size_t n = nl ? (size_t)(nl - line) : src->len - pos;
        pos += n + 1;
        lineno++;
        const unsigned char *u = (const unsigned char *)line;
        char quote = 0;
        bool indent = true;
        size_t first_colon = SIZE_MAX; /* where the line's key ends */
        for (size_t i = 0; i < n; i++) {
            size_t l;
            const char *name = quote ? NULL : lookalike_space(u + i, n - i, &l);
            if (name) {
                const char *where = NULL;
                if (i > 0 && line[i - 1] == '-' && strspn(line, " -") >= i)
                    where = "after the `-` of a list item";
                else if (indent)
                    where = "in the indentation";
                else if (i > 0 && first_colon == i - 1)
                    where = "after the colon"; /* of the key: a later one is text */
                if (where) {
                    sr_diag *g = sr_diag_add(d, SR_ERROR, (sr_loc){src, lineno, col_of(line, i), 1},
                                             "%s is used %s, where YAML needs an ordinary "
                                             "space; it looks the same but is not one",
                                             name, where);
                    sr_diag_hint(g, "%s", lookalike_hint);
                    found++;
                }
                i += l - 1;
                continue;
            }
            char c = line[i];
            if (indent && c != ' ') {
                if (c == '#')
                    break; /* a comment line */
                indent = c == '-' && i + 1 < n && (line[i + 1] == ' ' || u[i + 1] >= 0x80);
                if (c == '-')
                    continue;
            }
            if (quote) {
                if (c == quote)
                    quote = 0;
            } else if (c == ':' && first_colon == SIZE_MAX && colon_ends_key(u, i, n)) {
                first_colon = i;
            } else if (c == '"' || c == '\'') {
                quote = c;
            } else if (c == '#' && i > 0 && line[i - 1] == ' ') {
                break;
            }
        }
    }
    return found;
}

static void report_parser_error(builder *b, yaml_parser_t *p)
{
    sr_loc loc;
    size_t bad_utf8 = sr_utf8_invalid_at(b->src->text, b->src->len);
    if (p->error == YAML_READER_ERROR) {
        /* Reader errors carry a byte offset, not a mark: find line/column.
         * For bad UTF-8 the offset is where libyaml noticed, which may be a
         * byte later; point at the first byte that is wrong instead. */
        size_t off = p->problem_offset;
        if (bad_utf8 < b->src->len && (strstr(p->problem, "UTF-8") || strstr(p->problem, "octet")))
            off = bad_utf8;
        loc = sr_source_loc_at(b->src, off);
    } else {
        loc = mark_loc(b, p->problem_mark, 1);
    }
    const char *prob = p->problem ? p->problem : "unknown problem";
    const char *ctx = p->context ? p->context : "";
    const char *msg = NULL, *hint = NULL;
    char detail[160];

    if (p->error == YAML_MEMORY_ERROR) {
        msg = "ran out of memory while reading the file";
    } else if (strstr(prob, "UTF-8") || strstr(prob, "UTF-16") || strstr(prob, "octet")) {
        unsigned byte = bad_utf8 < b->src->len ? (unsigned char)b->src->text[bad_utf8]
                                               : (unsigned)(p->problem_value & 0xFF);
        snprintf(detail, sizeof detail, "the file is not valid UTF-8 text (byte 0x%02X)", byte);
        msg = detail;
        hint = "save the file with the UTF-8 encoding (in most editors: Save As, Encoding: UTF-8)";
    } else if (strstr(prob, "control characters")) {
        snprintf(detail, sizeof detail,
                 "the file contains a control character (byte 0x%02X) that text cannot contain",
                 (unsigned)(p->problem_value & 0xFF));
        msg = detail;
        hint = "the file may not be plain text; re-save it from a text editor";
    } else if (strstr(prob, "found character that cannot start any token")) {
        size_t n;
        const char *line = sr_source_line(b->src, loc.line, &n);
        bool tab = line && loc.col >= 1 && loc.col - 1 < n && line[loc.col - 1] == '\t';
        if (tab) {
            msg = "a tab character is used for indentation";
            hint = "indent with spaces only; YAML does not allow tabs";
        } else {
            msg = "this character cannot start a value";
            hint = "text that starts with `@`, `` ` ``, `%` or similar must be put in quotes";
        }
    } else if (strstr(prob, "mapping values are not allowed")) {
        msg = "unexpected `:` (a colon followed by a space starts a key)";
        hint = "if this text contains `: `, put it in quotes, for example: label: \"Staffing: "
               "costs\"; otherwise check the indentation";
    } else if (strstr(prob, "did not find expected key") ||
               strstr(prob, "did not find expected '-' indicator")) {
        msg = "this line does not line up with the lines above it";
        hint = "keys at the same level need exactly the same indentation (spaces)";
    } else if (strstr(prob, "could not find expected ':'")) {
        msg = "expected `key: value` here";
        hint = "each line in a mapping needs a key, a colon and a space before its value";
    } else if (strstr(prob, "found undefined alias")) {
        msg = "this alias (`*name`) refers to an anchor (`&name`) that is not defined above it";
        hint = "define the anchor before using it, or write the value out";
    } else if (strstr(prob, "found unexpected end of stream") && strstr(ctx, "quoted scalar")) {
        /* Point at the quote that opened, not at the end of the file. */
        loc = mark_loc(b, p->context_mark, 1);
        msg = "this quote is never closed";
        hint = "end the text with the same kind of quote it starts with, on the same line";
    } else if (strstr(prob, "found unexpected end of stream")) {
        msg = "the file ends inside a quoted text or a bracket";
        hint = "check that every quote and bracket opened is closed";
    } else if (strstr(prob, "did not find expected ',' or ']'") ||
               strstr(prob, "did not find expected ',' or '}'")) {
        bool list = strstr(prob, "']'") != NULL;
        snprintf(detail, sizeof detail,
                 "the `%c` here is not closed properly (found a problem at line %u, column %u)",
                 list ? '[' : '{', loc.line, loc.col);
        loc = mark_loc(b, p->context_mark, 1);
        msg = detail;
        hint = list ? "separate the items with commas and close the list with `]`"
                    : "separate the entries with commas and close them with `}`";
    } else if (strstr(prob, "block sequence entries are not allowed")) {
        msg = "a list item (`- `) cannot start here";
        hint = "put list items on their own lines, indented under their key";
    } else if (strstr(prob, "found unknown escape character")) {
        msg = "unknown escape sequence in double-quoted text";
        hint = "write a backslash as `\\\\`, or use single quotes";
    } else if (strstr(prob, "did not find expected node content")) {
        msg = "expected a value here";
        hint = "check for a stray `-`, `,` or bracket";
    } else {
        snprintf(detail, sizeof detail, "YAML syntax error: %s%s%s", prob, *ctx ? " " : "", ctx);
        msg = detail;
    }
    sr_diag *g = sr_diag_add(b->d, SR_ERROR, loc, "%s", msg);
    if (hint)
        sr_diag_hint(g, "%s", hint);
}

sr_ynode *sr_yaml_load(sr_arena *a, sr_diags *d, const sr_source *src, const sr_ylimits *lim)
{
    builder b = {.a = a, .d = d, .src = src, .lim = lim};
    const unsigned char *t = (const unsigned char *)src->text;
    bool utf16 = src->len >= 2 && ((t[0] == 0xFF && t[1] == 0xFE) ||
                                   (t[0] == 0xFE && t[1] == 0xFF) || ((t[0] == 0) != (t[1] == 0)));
    if (utf16) {
        /* Saved as UTF-16 ("Unicode" in some Windows editors): every other
         * byte is 0, which would otherwise be reported as a control
         * character on line 1. */
        sr_diag *g = sr_diag_add(d, SR_ERROR, (sr_loc){src, 0, 0, 0},
                                 "the file is saved as UTF-16 text, not UTF-8");
        sr_diag_hint(g, "save it again with the UTF-8 encoding (in most editors: Save As, "
                        "Encoding: UTF-8)");
        return NULL;
    }
    size_t skip = src->len >= 3 && memcmp(t, "\xEF\xBB\xBF", 3) == 0 ? 3 : 0;
    if (check_lookalike_spaces(d, src))
        return NULL;
    yaml_parser_t p;
    if (!yaml_parser_initialize(&p))
        sr_oom();
    yaml_parser_set_input_string(&p, t + skip, src->len - skip);
    yaml_parser_set_encoding(&p, YAML_UTF8_ENCODING);

    int documents = 0;
    bool done = false;
    while (!done) {
        yaml_event_t ev;
        if (!yaml_parser_parse(&p, &ev)) {
            report_parser_error(&b, &p);
            b.failed = true;
            break;
        }
        bool ok = true;
        const char *anchor_name = NULL;
        switch (ev.type) {
        case YAML_STREAM_END_EVENT:
            done = true;
            break;
        case YAML_DOCUMENT_START_EVENT:
            if (++documents > 1) {
                sr_diag *g = sr_diag_add(d, SR_ERROR, mark_loc(&b, ev.start_mark, 3),
                                         "the file holds more than one YAML document");
                sr_diag_hint(g, "a submission is one document: remove the `---` line and "
                                "anything after it, or put it in its own file");
                ok = false;
            }
            break;
        case YAML_MAPPING_START_EVENT:
        case YAML_SEQUENCE_START_EVENT: {
            bool map = ev.type == YAML_MAPPING_START_EVENT;
            const yaml_char_t *an =
                map ? ev.data.mapping_start.anchor : ev.data.sequence_start.anchor;
            if (an)
                anchor_name = sr_arena_strdup(a, (const char *)an);
            ok = open_collection(&b, map ? SR_Y_MAP : SR_Y_SEQ, ev.start_mark, anchor_name);
            break;
        }
        case YAML_MAPPING_END_EVENT:
        case YAML_SEQUENCE_END_EVENT:
            ok = close_collection(&b);
            break;
        case YAML_SCALAR_EVENT: {
            if (!count_node(&b, ev.start_mark)) {
                ok = false;
                break;
            }
            sr_ynode *n = sr_arena_alloc(a, sizeof *n);
            n->kind = SR_Y_SCALAR;
            unsigned len = 1;
            if (ev.end_mark.line == ev.start_mark.line && ev.end_mark.column > ev.start_mark.column)
                len = (unsigned)(ev.end_mark.column - ev.start_mark.column);
            n->loc = mark_loc(&b, ev.start_mark, len);
            if (ev.data.scalar.length > lim->max_scalar_len) {
                sr_diag *g = sr_diag_add(d, SR_ERROR, n->loc,
                                         "this value is %zu bytes long; the most allowed is %zu",
                                         ev.data.scalar.length, lim->max_scalar_len);
                sr_diag_hint(g, "long narrative belongs in the year's Markdown files, not in "
                                "a data submission");
                b.failed = true;
                n->text = "";
                n->len = 0;
            } else {
                n->text =
                    sr_arena_strndup(a, (const char *)ev.data.scalar.value, ev.data.scalar.length);
                n->len = ev.data.scalar.length;
            }
            n->quoted = ev.data.scalar.style != YAML_PLAIN_SCALAR_STYLE;
            unsigned code;
            const unsigned char *v = (const unsigned char *)n->text;
            if (sr_control_char_at(n->text, n->len, &code) < n->len) {
                sr_diag *g = sr_diag_add(d, SR_ERROR, n->loc,
                                         "this value contains a control character (U+%04X) "
                                         "that text cannot contain",
                                         code);
                if (n->quoted)
                    sr_diag_hint(g, "remove the escape that makes it (such as `\\x00`, `\\e` "
                                    "or `\\a`); write only characters that can be printed");
                else
                    sr_diag_hint(g, "the file may not be plain text; re-save it from a text "
                                    "editor");
                b.failed = true;
            } else if (!n->quoted) {
                /* A look-alike space at either end of a plain key or value
                 * (`q1\u00A0: 10`) would make it another key or no figure. */
                size_t l, at = n->len;
                const char *name = lookalike_space(v, n->len, &l);
                if (name) {
                    at = 0;
                } else {
                    for (size_t i = n->len; i-- > 0 && n->len - i <= 3 && !name;) {
                        name = lookalike_space(v + i, n->len - i, &l);
                        if (name && i + l != n->len)
                            name = NULL;
                        else if (name)
                            at = i;
                    }
                }
                if (name && ev.start_mark.line == ev.end_mark.line) {
                    sr_loc loc = n->loc;
                    loc.col += col_of(n->text, at) - 1;
                    loc.len = 1;
                    sr_diag *g = sr_diag_add(d, SR_ERROR, loc,
                                             "%s %s `%s`; it looks like an ordinary space but "
                                             "is not one, so the text is not what it seems",
                                             name, at == 0 ? "starts" : "ends", n->text);
                    sr_diag_hint(g, "delete it; such characters come from text copied from an "
                                    "email, a web page or a word processor");
                    b.failed = true;
                }
            }
            if (ev.data.scalar.anchor)
                add_anchor(&b, sr_arena_strdup(a, (const char *)ev.data.scalar.anchor), n, 1);
            push_item(&b, n, 1);
            break;
        }
        case YAML_ALIAS_EVENT: {
            const char *name = (const char *)ev.data.alias.anchor;
            if (++b.aliases > lim->max_aliases) {
                sr_diag *g =
                    sr_diag_add(d, SR_ERROR, mark_loc(&b, ev.start_mark, 1),
                                "the file uses more than %zu aliases (`*name`)", lim->max_aliases);
                sr_diag_hint(g, "write the figures out instead of repeating them with aliases");
                ok = false;
                break;
            }
            const anchor *an = find_anchor(&b, name);
            if (!an) {
                sr_diag *g =
                    sr_diag_add(d, SR_ERROR, mark_loc(&b, ev.start_mark, 1),
                                "the alias `*%s` refers to no anchor `&%s` above it", name, name);
                sr_diag_hint(g, "define the anchor before using it, or write the value out");
                ok = false;
                break;
            }
            push_item(&b, an->node, an->weight);
            if (b.depth > 0 && b.stack[b.depth - 1].weight > lim->max_expanded) {
                sr_diag *g = sr_diag_add(d, SR_ERROR, mark_loc(&b, ev.start_mark, 1),
                                         "aliases (`*name`) here expand to more than %zu values",
                                         lim->max_expanded);
                sr_diag_hint(g, "write the figures out instead of repeating them with anchors "
                                "and aliases");
                ok = false;
            }
            break;
        }
        default:
            break;
        }
        yaml_event_delete(&ev);
        if (!ok) {
            b.failed = true;
            break;
        }
    }
    yaml_parser_delete(&p);
    for (size_t i = 0; i < b.depth; i++)
        free(b.stack[i].items);
    free(b.stack);
    free(b.anchors);
    if (b.failed)
        return NULL;
    if (!b.root) {
        sr_diag *g = sr_diag_add(d, SR_ERROR, (sr_loc){src, 0, 0, 0}, "the file is empty");
        if (lim->empty_hint)
            sr_diag_hint(g, "%s", lim->empty_hint);
        else
            sr_diag_hint(g, "start from `sscp-report template PARTNER YEAR`, which writes a "
                            "blank submission to fill in");
        return NULL;
    }
    return b.root;
}

bool sr_ynode_is_null(const sr_ynode *n)
{
    if (!n)
        return true;
    if (n->kind != SR_Y_SCALAR || n->quoted)
        return false;
    return n->len == 0 || strcmp(n->text, "~") == 0 || strcmp(n->text, "null") == 0 ||
           strcmp(n->text, "Null") == 0 || strcmp(n->text, "NULL") == 0;
}

const char *sr_ynode_text(const sr_ynode *n)
{
    return n && n->kind == SR_Y_SCALAR && !sr_ynode_is_null(n) ? n->text : NULL;
}

sr_ynode *sr_ymap_get(const sr_ynode *n, const char *key)
{
    if (!n || n->kind != SR_Y_MAP)
        return NULL;
    for (size_t i = 0; i < n->n; i++) {
        const sr_ynode *k = n->items[2 * i];
        if (k->kind == SR_Y_SCALAR && strcmp(k->text, key) == 0)
            return n->items[2 * i + 1];
    }
    return NULL;
}

sr_ynode *sr_ymap_key(const sr_ynode *n, const char *key)
{
    if (!n || n->kind != SR_Y_MAP)
        return NULL;
    for (size_t i = 0; i < n->n; i++) {
        sr_ynode *k = n->items[2 * i];
        if (k->kind == SR_Y_SCALAR && strcmp(k->text, key) == 0)
            return k;
    }
    return NULL;
}

sr_loc sr_ynode_loc(const sr_ynode *n)
{
    return n->loc;
}

const char *sr_ynode_describe(const sr_ynode *n, char *buf, size_t size)
{
    if (n->kind == SR_Y_SEQ)
        snprintf(buf, size, "a list");
    else if (n->kind == SR_Y_MAP)
        snprintf(buf, size, "a mapping (key: value lines)");
    else if (sr_ynode_is_null(n))
        snprintf(buf, size, "nothing");
    else
        snprintf(buf, size, "`%.60s%s`", n->text, n->len > 60 ? "..." : "");
    return buf;
}
