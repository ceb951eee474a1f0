/* json: the one JSON writer, for every `--format json`.
 *
 * Values are written in order; the writer puts the commas, the quotes and
 * the escapes (\" \\ \n \r \t, \u00XX for other control characters, and
 * \ufffd for a byte that is not UTF-8, so the output is always valid JSON
 * whatever a file held). A container is written on one line, or with each
 * element on a line of its own (indented two spaces a level):
 *
 *   sr_json j;
 *   sr_json_init(&j, &buf);
 *   sr_json_object(&j, true);            {
 *   sr_json_key(&j, "year");               "year": "2019-20",
 *   sr_json_str(&j, "2019-20");            "rows": [1, 2]
 *   sr_json_key(&j, "rows");             }
 *   sr_json_array(&j, false);
 *   sr_json_int(&j, 1), sr_json_int(&j, 2);
 *   sr_json_end(&j), sr_json_end(&j);
 *   sr_json_finish(&j);
 *
 * Calls out of order (a value where a key is due, an end too many) are a
 * fault in the program: sr_json_finish() returns false, and nothing more is
 * written after the first.
 */
#ifndef SR_JSON_H
#define SR_JSON_H

#include "core/buf.h"

#include <stdbool.h>
#include <stddef.h>

#define SR_JSON_DEPTH 32

typedef struct sr_json {
    sr_buf *out;
    int depth;
    struct {
        bool object, lines, first;
    } lv[SR_JSON_DEPTH];
    bool after_key; /* a key was written; its value is next */
    bool failed;
} sr_json;

void sr_json_init(sr_json *j, sr_buf *out);
/* lines: each element on a line of its own; otherwise all on one line. */
void sr_json_object(sr_json *j, bool lines);
void sr_json_array(sr_json *j, bool lines);
void sr_json_end(sr_json *j);
void sr_json_key(sr_json *j, const char *key);
/* A string; NULL writes null. */
void sr_json_str(sr_json *j, const char *s);
void sr_json_int(sr_json *j, long long v);
void sr_json_bool(sr_json *j, bool v);
void sr_json_null(sr_json *j);
/* A number already formatted (such as -3.5 or 2664.50); text that is not a
 * JSON number is a fault in the program. */
void sr_json_number(sr_json *j, const char *text);
/* Ends the document with a newline; false if the calls were out of order or
 * a container is still open. */
bool sr_json_finish(sr_json *j);

/* s as the inside of a JSON string (no quotes), escaped as above. */
void sr_json_escape(sr_buf *b, const char *s);

#endif
