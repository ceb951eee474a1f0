/* diag: diagnostics about input files, and how they are shown.
 *
 * Owns: the list of diagnostics found in one run, the source texts they point
 * into (so a message can quote the offending line with a caret under it), and
 * the two ways of printing them: plain text for people and JSON for tools.
 *
 * Text form, one diagnostic:
 *
 *   data/2024-25/police.yaml:12:9: error: expected a whole number, got `1,014`
 *      12 |     q1: 1,014
 *         |         ^^^^^
 *      hint: write 1014, without the comma
 */
#ifndef SR_DIAG_H
#define SR_DIAG_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

/* An error stops the command; a warning is a problem that does not; a note
 * is not a problem at all (where a figure will appear, say), and is counted
 * apart, so it never makes a check fail. */
typedef enum { SR_ERROR, SR_WARNING, SR_NOTE } sr_severity;

/* A file as read: its name as the user wrote it, and its bytes. */
typedef struct sr_source {
    char *name;
    char *text; /* NUL-terminated; may be NULL when the file could not be read */
    size_t len;
    size_t index; /* order of loading, for sorting */
    bool checked; /* a file that was read (or found too large), not a folder */
    size_t shown; /* diagnostics about it so far, for the per-file limit */
} sr_source;

/* A place in a source. line and col are 1-based; col counts characters.
 * len is how many characters to underline (at least 1). A location with a
 * NULL src names no file; one with line 0 names a whole file. */
typedef struct {
    const sr_source *src;
    unsigned line, col, len;
} sr_loc;

typedef struct {
    sr_severity sev;
    sr_loc loc;
    char *msg;
    char *hint;        /* may be NULL */
    sr_loc related;    /* a second place, e.g. where a figure was first given */
    char *related_msg; /* what the second place is; NULL when there is none */
} sr_diag;

typedef struct {
    sr_diag *v;
    size_t n, cap;
    size_t errors, warnings, notes;
    size_t io_errors; /* files that could not be read at all */
    sr_source **sources;
    size_t nsources;
    size_t limit_per_file; /* 0: no limit */
} sr_diags;

void sr_diags_init(sr_diags *d);
void sr_diags_free(sr_diags *d);

/* Registers a source; takes ownership of text (malloc'd, may be NULL). */
sr_source *sr_diags_add_source(sr_diags *d, const char *name, char *text, size_t len);

/* Adds a diagnostic and returns it so the caller can attach a hint or a
 * related place. msg is printf-style. */
sr_diag *sr_diag_add(sr_diags *d, sr_severity sev, sr_loc loc, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
void sr_diag_hint(sr_diag *g, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void sr_diag_related(sr_diag *g, sr_loc loc, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* Orders diagnostics by file (in loading order), line and column; stable. */
void sr_diags_sort(sr_diags *d);

/* "file:line:col" (or "file" when line is 0) into buf. */
void sr_loc_format(sr_loc loc, char *buf, size_t size);

void sr_diags_print_text(const sr_diags *d, FILE *out, bool color);
void sr_diags_print_json(const sr_diags *d, FILE *out);

/* Writes s to out with every control character, and every byte that is not
 * valid UTF-8, shown as \xHH (a C1 control as \u00HH): for anything that
 * came from a file or the command line and goes to a terminal. */
void sr_fput_safe(FILE *out, const char *s);
/* s as sr_fput_safe writes it, malloc'd: for a value put into a line
 * printed with colour codes of the program's own. */
char *sr_safe_dup(const char *s);

/* Offset of the first byte of text that is not part of valid UTF-8 (len
 * when all of it is valid). Overlong forms and surrogates are invalid. */
size_t sr_utf8_invalid_at(const char *text, size_t len);

/* The line and column (in characters, 1-based) of byte off of src's text,
 * as a location one character wide. */
sr_loc sr_source_loc_at(const sr_source *src, size_t off);
/* Offset of the first control character in text (len when there is none),
 * its code point in *code: any C0 control but tab and line feed, DEL, or a
 * C1 control (U+0080..U+009F). Such a character is never a partner's text:
 * it could cut a figure short or reach a terminal, so the YAML reader
 * refuses it and the YAML writer never writes it. */
size_t sr_control_char_at(const char *text, size_t len, unsigned *code);
/* Length of the valid UTF-8 sequence at s (at most n bytes), or 0. */
size_t sr_utf8_seq_len(const unsigned char *s, size_t n);

/* The text of line `line` (1-based) of src, without its newline. */
const char *sr_source_line(const sr_source *src, unsigned line, size_t *len);

#endif
