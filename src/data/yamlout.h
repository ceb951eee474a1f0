/* yamlout: the one YAML writer, on libyaml's emitter.
 *
 * Every file the program writes in YAML (requests to partners, the build
 * record, the publication record, the publishing manifest) is written
 * through it, so a value holding quotes, colons, a line break, a leading
 * "- ", `Null`, `yes` or any other character always reads back as the text
 * it was.
 *
 * The block structure (keys, "- " items, two spaces of indentation, whole-
 * line and end-of-line comments, which libyaml cannot write) is laid out
 * here; every scalar and every flow collection ({a: b}, []) is written by
 * libyaml's emitter, so quoting and escaping are libyaml's. Which style a
 * text takes is decided here, because libyaml does not know that `yes`,
 * `Null`, `2019-20` or `not available` would be read back as something
 * else:
 *
 *   sr_yout_text    plain when it reads back as the same text, otherwise
 *                   double-quoted (escapes for line breaks and control
 *                   characters; other characters as they are, in UTF-8)
 *   sr_yout_quoted  always double-quoted
 *   sr_yout_token   plain, for values the program makes (ids, dates,
 *                   years, hashes, yes/no); double-quoted only if libyaml
 *                   finds plain style impossible
 *   sr_yout_int     a whole number
 *   sr_yout_null    nothing after the colon (a blank to fill in)
 *
 * Usage, for `format: 1` and `files: [{name: "a b", bytes: 3}]`:
 *
 *   sr_yout w;
 *   sr_yout_init(&w, &buf);
 *   sr_yout_map(&w);
 *   sr_yout_key(&w, "format"), sr_yout_int(&w, 1);
 *   sr_yout_key(&w, "files"), sr_yout_seq(&w);
 *   sr_yout_item(&w), sr_yout_flow_map(&w);
 *   sr_yout_key(&w, "name"), sr_yout_quoted(&w, "a b");
 *   sr_yout_key(&w, "bytes"), sr_yout_int(&w, 3);
 *   sr_yout_end(&w), sr_yout_end(&w), sr_yout_end(&w);
 *   if (!sr_yout_finish(&w)) ... sr_yout_error(&w) says why ...
 *
 * Errors (text that is not UTF-8, calls out of order) are kept: the first
 * one is returned by sr_yout_finish() and later calls do nothing.
 */
#ifndef SR_YAMLOUT_H
#define SR_YAMLOUT_H

#include "core/buf.h"

#include <stdbool.h>
#include <stddef.h>

#define SR_YOUT_DEPTH 32

typedef struct sr_yout_level {
    int kind;   /* map or sequence */
    bool flow;  /* written by libyaml's emitter */
    int indent; /* column of its keys or dashes */
    bool empty; /* nothing written in it yet */
} sr_yout_level;

typedef struct sr_yout {
    sr_buf *out;
    sr_yout_level lv[SR_YOUT_DEPTH];
    int depth;
    int pending;       /* what the last call left open: a key, an item */
    int pending_col;   /* the column after "- " for an item */
    size_t line_start; /* where the current line starts in out */
    bool line_open;    /* the current line has no newline yet */
    bool line_noted;   /* the current line ends in a comment */
    int base;          /* indentation of the whole document */
    void *flow;        /* libyaml's emitter while a flow collection is open */
    sr_buf flow_out;
    char error[200]; /* the first error; empty when there is none */
} sr_yout;

/* Starts a document appended to out. */
void sr_yout_init(sr_yout *w, sr_buf *out);
/* Indents the whole document by n spaces (to append items to a sequence
 * already in a file). Call before anything else. */
void sr_yout_indent(sr_yout *w, int n);

/* A block mapping or sequence: the document itself, a key's value or an
 * item. In a flow collection, a flow one. Closed by sr_yout_end(). One
 * left empty is written {} or [], or left blank when a note is already on
 * its key's line (`key:   # note`, a blank to fill in). */
void sr_yout_map(sr_yout *w);
void sr_yout_seq(sr_yout *w);
/* A flow mapping {a: b} or sequence [a, b] (an empty one is {} or []). */
void sr_yout_flow_map(sr_yout *w);
void sr_yout_flow_seq(sr_yout *w);
void sr_yout_end(sr_yout *w);

/* A key of the mapping open; its value follows. */
void sr_yout_key(sr_yout *w, const char *key);
/* An item of the block sequence open; its value follows. */
void sr_yout_item(sr_yout *w);

void sr_yout_text(sr_yout *w, const char *s);
void sr_yout_quoted(sr_yout *w, const char *s);
void sr_yout_token(sr_yout *w, const char *s);
void sr_yout_int(sr_yout *w, long long v);
void sr_yout_null(sr_yout *w);

/* A comment on lines of its own at the current indentation ("# " before
 * each line of text; an empty text gives "#"). */
void sr_yout_comment(sr_yout *w, const char *text);
/* A comment at the end of the current line, from column `column` (or two
 * spaces after the line when it is longer); a negative column -n puts it n
 * spaces after the line. Line breaks and other control characters in text
 * become spaces, so it cannot end the comment early. */
void sr_yout_note(sr_yout *w, int column, const char *text);
/* An empty line. */
void sr_yout_blank(sr_yout *w);
/* Ends the document. True when all of it was written; otherwise false and
 * sr_yout_error() says why (the text in out is then incomplete). */
bool sr_yout_finish(sr_yout *w);
const char *sr_yout_error(const sr_yout *w);

/* s as one YAML scalar in the style sr_yout_text() would choose, appended
 * to b. False (and nothing appended) when s is not valid UTF-8. */
bool sr_yaml_text(sr_buf *b, const char *s);

/* s as sr_yout_token() writes it: plain unless libyaml finds that
 * impossible. */
bool sr_yaml_token(sr_buf *b, const char *s);

#endif
