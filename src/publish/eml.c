/* eml: the messages publish writes, see eml.h. */
#include "publish/eml.h"

#include "data/partnership.h"
#include "publish/dates.h"

#include <glib.h>
#include <stdio.h>
#include <string.h>

/* Header lines are kept to 78 characters (RFC 5322 2.1.1) by folding:
 * a CRLF followed by a space, where a space would be. */
#define LINE_MAX_CHARS 78

static size_t column(const sr_buf *b)
{
    size_t i = b->len;
    while (i > 0 && b->data[i - 1] != '\n')
        i--;
    return b->len - i;
}

/* A space, or a fold when the next `next` characters would not fit. */
static void space_or_fold(sr_buf *b, size_t next)
{
    sr_buf_puts(b, column(b) + 1 + next > LINE_MAX_CHARS ? "\r\n " : " ");
}

static bool plain_ascii(const char *s, bool quotes_ok)
{
    for (const unsigned char *p = (const unsigned char *)s; *p; p++)
        if (*p < 0x20 || *p >= 0x7f || (!quotes_ok && (*p == '"' || *p == '\\')))
            return false;
    return true;
}

/* s with every control character (CR, LF, tab...) made a space, malloc'd:
 * a header value is one line of words. */
static char *one_line(const char *s)
{
    char *t = g_strdup(s ? s : "");
    for (unsigned char *p = (unsigned char *)t; *p; p++)
        if (*p < 0x20 || *p == 0x7f)
            *p = ' ';
    return t;
}

/* RFC 2047 encoded words, each at most 75 characters and on its own folded
 * line, never splitting a UTF-8 character. */
static void encoded_words(sr_buf *b, const char *s)
{
    size_t n = strlen(s);
    bool first = true;
    for (size_t i = 0; i < n;) {
        size_t take = n - i < 42 ? n - i : 42; /* 56 base64 characters: 77 with "Subject: " */
        while (i + take < n && ((unsigned char)s[i + take] & 0xC0) == 0x80)
            take--;
        gchar *e = g_base64_encode((const guchar *)s + i, take);
        if (!first)
            sr_buf_puts(b, "\r\n ");
        sr_buf_printf(b, "=?UTF-8?B?%s?=", e);
        g_free(e);
        first = false;
        i += take;
    }
}

/* A header's display name: quoted if plain ASCII, else RFC 2047. */
static void display(sr_buf *b, const char *name)
{
    char *s = one_line(name);
    if (plain_ascii(s, false))
        sr_buf_printf(b, "\"%s\"", s);
    else
        encoded_words(b, s);
    g_free(s);
}

/* An address with its display name: "Name" <addr>. */
static void mailbox(sr_buf *b, const char *header, const char *name, const char *addr)
{
    sr_buf_printf(b, "%s: ", header);
    display(b, name);
    space_or_fold(b, strlen(addr) + 2);
    sr_buf_printf(b, "<%s>\r\n", addr);
}

/* An unstructured header: plain ASCII words folded at spaces, else RFC 2047. */
static void subject(sr_buf *b, const char *text)
{
    char *line = one_line(text);
    const char *s = line;
    sr_buf_puts(b, "Subject:");
    if (!plain_ascii(s, true)) {
        sr_buf_putc(b, ' ');
        encoded_words(b, s);
        sr_buf_puts(b, "\r\n");
        g_free(line);
        return;
    }
    for (const char *p = s; *p;) {
        while (*p == ' ')
            p++;
        size_t w = strcspn(p, " ");
        if (!w)
            break;
        space_or_fold(b, w);
        sr_buf_put(b, p, w);
        p += w;
    }
    sr_buf_puts(b, "\r\n");
    g_free(line);
}

/* The covering note: each line wrapped at spaces to 76 characters (a word
 * longer than that, such as an address, is left whole), CRLF line ends. */
static void body(sr_buf *b, const char *text)
{
    for (const char *line = text; *line;) {
        size_t len = strcspn(line, "\n");
        size_t col = 0;
        for (const char *p = line, *end = line + len; p < end;) {
            const char *sp = p;
            while (sp < end && *sp == ' ')
                sp++;
            const char *w = sp;
            while (w < end && *w != ' ')
                w++;
            size_t gap = (size_t)(sp - p), word = (size_t)(w - sp);
            if (col && col + gap + word > 76) {
                sr_buf_puts(b, "\r\n");
                col = 0;
            } else {
                sr_buf_put(b, p, gap);
                col += gap;
            }
            sr_buf_put(b, sp, word);
            col += word;
            p = w;
        }
        sr_buf_puts(b, "\r\n");
        line += len;
        if (*line == '\n')
            line++;
    }
}

static bool plain_name(const char *s)
{
    if (!s || !*s)
        return false;
    for (const char *p = s; *p; p++)
        if (!g_ascii_isalnum(*p) && !strchr(".-_", *p))
            return false;
    return true;
}

int sr_eml_write(sr_buf *b, const sr_eml *m, char *why, size_t whylen)
{
    char w[120];
    if (!m->from_addr || !sr_email_ok(m->from_addr, w, sizeof w)) {
        snprintf(why, whylen, "the From address is not an email address: %s",
                 m->from_addr ? w : "there is none");
        return -1;
    }
    if (!m->to_addr || !sr_email_ok(m->to_addr, w, sizeof w)) {
        snprintf(why, whylen, "the To address is not an email address: %s",
                 m->to_addr ? w : "there is none");
        return -1;
    }
    if (!plain_name(m->attachment_name)) {
        snprintf(why, whylen,
                 "the attachment's name `%s` is not plain letters, digits, '.', '-' and '_'",
                 m->attachment_name ? m->attachment_name : "");
        return -1;
    }
    if (!plain_name(m->id)) {
        snprintf(why, whylen,
                 "the message's id `%s` is not plain letters, digits, '.', '-' and '_' (a "
                 "recipient's id is made of those)",
                 m->id ? m->id : "");
        return -1;
    }
    static const char *const days[] = {"Thu", "Fri", "Sat", "Sun", "Mon", "Tue", "Wed"};
    static const char *const months[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                         "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
    int64_t dn = sr_days_from_ymd(m->date);
    char boundary[80];
    snprintf(boundary, sizeof boundary, "=_sscp-report_%s", m->id);
    mailbox(b, "From", m->from_name, m->from_addr);
    mailbox(b, "To", m->to_name, m->to_addr);
    subject(b, m->subject);
    sr_buf_printf(b, "Date: %s, %d %s %d 09:00:00 +0000\r\n", days[((dn % 7) + 7) % 7],
                  m->date % 100, months[m->date / 100 % 100 - 1], m->date / 10000);
    sr_buf_printf(b, "Message-ID: <%s@sscp-report.invalid>\r\nMIME-Version: 1.0\r\n", m->id);
    sr_buf_printf(b, "Content-Type: multipart/mixed; boundary=\"%s\"\r\n\r\n", boundary);
    sr_buf_printf(b, "This is a message in MIME format.\r\n\r\n--%s\r\n", boundary);
    sr_buf_puts(b, "Content-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: 8bit\r\n"
                   "\r\n");
    body(b, m->body);
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
    return 0;
}
