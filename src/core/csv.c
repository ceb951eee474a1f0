/* csv: one CSV field, see csv.h. */
#include "core/csv.h"

#include <ctype.h>
#include <string.h>

/* True when s is a figure: an optional sign, digits with an optional
 * decimal point, an optional % at the end. */
static bool is_figure(const char *s)
{
    const char *p = s + (*s == '-' || *s == '+');
    if (!isdigit((unsigned char)*p))
        return false;
    while (isdigit((unsigned char)*p) || *p == '.')
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
