/* pdf_lex: the PDF lexical rules shared by the object reader
 * (pdf_objects.c) and the content stream reader (pdf_content.c): white
 * space, delimiters and regular characters (ISO 32000-1, 7.2.2), comments,
 * and what a number looks like (7.3.3). Header-only, no state. */
#ifndef SR_PDF_LEX_H
#define SR_PDF_LEX_H

#include <stdbool.h>
#include <stddef.h>

static inline bool pdf_is_space(unsigned char c)
{
    return c == 0 || c == '\t' || c == '\n' || c == '\f' || c == '\r' || c == ' ';
}

static inline bool pdf_is_delim(unsigned char c)
{
    return c == '(' || c == ')' || c == '<' || c == '>' || c == '[' || c == ']' || c == '{' ||
           c == '}' || c == '/' || c == '%';
}

static inline bool pdf_is_regular(unsigned char c)
{
    return !pdf_is_space(c) && !pdf_is_delim(c);
}

/* Past white space and comments (a comment runs to the end of the line)
 * from p, stopping at end. */
static inline const char *pdf_skip_space(const char *p, const char *end)
{
    while (p < end) {
        if (pdf_is_space((unsigned char)*p)) {
            p++;
        } else if (*p == '%') {
            while (p < end && *p != '\n' && *p != '\r')
                p++;
        } else {
            break;
        }
    }
    return p;
}

/* Whether s (n bytes) is a number: [+-] digits [. digits], or [+-] . digits;
 * *real when it has a point. */
static inline bool pdf_is_number(const char *s, size_t n, bool *real)
{
    size_t i = 0, digits = 0;
    *real = false;
    if (i < n && (s[i] == '+' || s[i] == '-'))
        i++;
    for (; i < n; i++) {
        if (s[i] >= '0' && s[i] <= '9')
            digits++;
        else if (s[i] == '.' && !*real)
            *real = true;
        else
            return false;
    }
    return digits > 0;
}

#endif
