/* eml: an RFC 5322 message with the report attached (MIME, base64), ready
 * to open in a mail program and send. */
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

void sr_eml_write(sr_buf *out, const sr_eml *m);

#endif
