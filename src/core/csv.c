/* csv: one CSV field, see csv.h. */
#include "core/csv.h"

#include <ctype.h>
#include <string.h>

/* True when s is a figure as the program formats one: an optional sign,
 * an optional pound sign, digits with thousands separators and an optional
 * decimal point, an optional % at the end (-117, +8.7%, +£7,500). */
static bool is_figure(const char *s)
{
    const char *p = s + (*s == '-' || *s == '+');
    if (strncmp(p, "\xc2\xa3", 2) == 0)
        p += 2;
    if (!isdigit((unsigned char)*p))
        return false;
    while (isdigit((unsigned char)*p) || *p == '.' || (*p == ',' && isdigit((unsigned char)p[1])))
        p++;
    return p[*p == '%'] == '\0';
}

void sr_csv_field(FILE *out, const char *s, bool last)
{
    bool formula = s[0] && strchr("=+-@\t\r", s[0]) && !is_figure(s);
    bool quote = strpbrk(s, ",\"\n\r") != NULL;
    if (quote)
        fputc('"', out);
    if (formula)
        fputc('\'', out);
    for (const char *p = s; *p; p++) {
        if (quote && *p == '"')
            fputc('"', out);
        fputc(*p, out);
    }
    if (quote)
        fputc('"', out);
    fputc(last ? '\n' : ',', out);
}
