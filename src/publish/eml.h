/* eml: an RFC 5322 message with the report attached (MIME, base64), ready
 * to open in a mail program and send. The one writer of the .eml files:
 * every header value is encoded here, so nothing a value holds can add a
 * header or end the headers. Addresses must pass sr_email_ok()
 * (data/partnership.h); display names and the subject are written as a
 * quoted string when plain ASCII, else as RFC 2047 encoded words, with
 * every control character (a line break) first made a space. */
#ifndef SR_EML_H
#define SR_EML_H

#include "core/buf.h"

#include <stddef.h>
#include <stdint.h>

typedef struct {
    const char *from_name, *from_addr, *to_name, *to_addr;
    const char *subject, *body; /* body: UTF-8 text */
    const char *attachment_name;
    const char *attachment; /* bytes */
    size_t attachment_len;
    int32_t date;   /* yyyymmdd, the message's Date */
    const char *id; /* unique part of Message-ID */
} sr_eml;

/* Appends the message to out. Returns 0, or -1 with why (nothing is then
 * appended) when an address is not one or the attachment's name is not
 * plain (letters, digits, '.', '-', '_'). */
int sr_eml_write(sr_buf *out, const sr_eml *m, char *why, size_t n);

#endif
