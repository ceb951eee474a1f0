/* csv: one field of a CSV file, as RFC 4180 quotes it and with text a
 * spreadsheet would run as a formula made harmless.
 *
 * A field that starts with =, +, -, @, a tab or a carriage return is read by
 * Excel, LibreOffice and Google Sheets as a formula (CSV or formula
 * injection). Such a field gets a leading ' (the usual guidance, OWASP's),
 * which the spreadsheet shows as text. Figures as the columns hold them
 * (-117, +8.7%, 2664.50, +£7,500) are left as they are: a spreadsheet reads them as
 * numbers, never as formulas. */
#ifndef SR_CSV_H
#define SR_CSV_H

#include <stdbool.h>
#include <stdio.h>

/* Writes s to out, then a comma, or a newline when last. */
void sr_csv_field(FILE *out, const char *s, bool last);

#endif
