/* encoding: whether a text file is UTF-8 plain text, said as a diagnostic.
 *
 * For files read as text that no YAML parser checks (the year's Markdown
 * narrative): a file saved as UTF-16, a byte that is not UTF-8 (with the
 * character it is in Windows-1252, the encoding Word and Notepad often
 * save in) and a control character are each an error at file:line:col,
 * worded as the submissions' are.
 */
#ifndef SR_ENCODING_H
#define SR_ENCODING_H

#include "core/diag.h"

#include <stdbool.h>
#include <stddef.h>

/* The length of a UTF-8 byte order mark at the start of text (3), or 0. */
size_t sr_encoding_bom_len(const char *text, size_t len);

/* A file's text as read (malloc'd, NUL-terminated; d takes it), added to d
 * as a source that was read, without a UTF-8 byte order mark at its start
 * (Windows editors and Excel add one; it carries no meaning, and columns
 * on the first line count from after it). */
sr_source *sr_encoding_add_text(sr_diags *d, const char *path, char *text, size_t len);

/* Checks src's text (a byte order mark at its start is allowed). Reports
 * the first problem found to d as an error and returns false; returns true
 * when the text is UTF-8 with no control characters but tab, CR and LF. */
bool sr_encoding_check(sr_diags *d, const sr_source *src);

/* What byte b (0x80 to 0xFF) is in Windows-1252, as UTF-8 with its name,
 * such as "’ (a right single quotation mark)", into buf; false when
 * Windows-1252 has no character there. */
bool sr_encoding_cp1252(unsigned char b, char *buf, size_t size);

#endif
