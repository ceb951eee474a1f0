/* eml: the messages publish writes, see eml.h. */
#include "publish/eml.h"

#include "publish/dates.h"

#include <glib.h>
#include <stdio.h>
#include <string.h>

/* A header's display name: as it is if plain ASCII, else RFC 2047. */
static void display(sr_buf *b, const char *s)
{
    bool ascii = true;
    for (const unsigned char *p = (const unsigned char *)s; *p; p++)
        ascii &= *p >= 0x20 && *p < 0x7f && *p != '"';
    if (ascii) {
        sr_buf_printf(b, "\"%s\"", s);
        return;
    }
    gchar *e = g_base64_encode((const guchar *)s, strlen(s));
    sr_buf_printf(b, "=?UTF-8?B?%s?=", e);
    g_free(e);
}

/* An unstructured header: as it is if plain ASCII, else RFC 2047. */
static void subject(sr_buf *b, const char *s)
{
    bool ascii = true;
    for (const unsigned char *p = (const unsigned char *)s; *p; p++)
        ascii &= *p >= 0x20 && *p < 0x7f;
    if (ascii) {
        sr_buf_puts(b, s);
        return;
    }
    gchar *e = g_base64_encode((const guchar *)s, strlen(s));
    sr_buf_printf(b, "=?UTF-8?B?%s?=", e);
    g_free(e);
}

void sr_eml_write(sr_buf *b, const sr_eml *m)
{
    static const char *const days[] = {"Thu", "Fri", "Sat", "Sun", "Mon", "Tue", "Wed"};
    static const char *const months[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                         "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
    int64_t dn = sr_days_from_ymd(m->date);
    char boundary[80];
    snprintf(boundary, sizeof boundary, "=_sscp-report_%s", m->id);
    sr_buf_puts(b, "From: ");
    display(b, m->from_name);
    sr_buf_printf(b, " <%s>\r\nTo: ", m->from_addr);
    display(b, m->to_name);
    sr_buf_printf(b, " <%s>\r\nSubject: ", m->to_addr);
    subject(b, m->subject);
    sr_buf_printf(b, "\r\nDate: %s, %d %s %d 09:00:00 +0000\r\n", days[((dn % 7) + 7) % 7],
                  m->date % 100, months[m->date / 100 % 100 - 1], m->date / 10000);
    sr_buf_printf(b, "Message-ID: <%s@sscp-report.invalid>\r\nMIME-Version: 1.0\r\n", m->id);
    sr_buf_printf(b, "Content-Type: multipart/mixed; boundary=\"%s\"\r\n\r\n", boundary);
    sr_buf_printf(b, "This is a message in MIME format.\r\n\r\n--%s\r\n", boundary);
    sr_buf_puts(b, "Content-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: 8bit\r\n"
                   "\r\n");
    for (const char *p = m->body; *p; p++) {
        if (*p == '\n')
            sr_buf_puts(b, "\r\n");
        else
            sr_buf_putc(b, *p);
    }
    sr_buf_printf(b, "\r\n--%s\r\n", boundary);
    sr_buf_printf(b,
                  "Content-Type: application/pdf; name=\"%s\"\r\n"
                  "Content-Disposition: attachment; filename=\"%s\"\r\n"
                  "Content-Transfer-Encoding: base64\r\n\r\n",
                  m->attachment_name, m->attachment_name);
    gchar *enc = g_base64_encode((const guchar *)m->attachment, m->attachment_len);
    size_t n = strlen(enc);
    for (size_t i = 0; i < n; i += 76) {
        sr_buf_put(b, enc + i, n - i < 76 ? n - i : 76);
        sr_buf_puts(b, "\r\n");
    }
    g_free(enc);
    sr_buf_printf(b, "--%s--\r\n", boundary);
}
