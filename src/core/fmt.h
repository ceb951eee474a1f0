/* fmt: how figures are written for people, in one place.
 *
 * Every output (terminal, PDF, HTML, XLSX labels) formats numbers through
 * these functions so they agree to the character: thousands separators,
 * pounds with pence only when there are pence, percentages to the precision
 * they were given. Buffers are the caller's; results are NUL-terminated and
 * truncated rather than overflowed.
 */
#ifndef SR_FMT_H
#define SR_FMT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define SR_FMT_MAX 48

/* 1234567 -> "1,234,567"; -1014 -> "-1,014". */
void sr_fmt_count(int64_t v, char *buf, size_t size);
/* A number given in units of its last place, with places decimal places
 * (0 to 18): (-12345, 1) -> "-1,234.5" grouped, "-1234.5" not; (5, 2) ->
 * "0.05"; (67, 0) -> "67". */
void sr_fmt_fixed(int64_t scaled, int places, bool grouped, char *buf, size_t size);
/* pence -> "£180,491" or "£4,000.50". */
void sr_fmt_money(int64_t pence, char *buf, size_t size);
/* Hundredths of a percent -> "21.4%", "5.54%", "100%". */
void sr_fmt_percent(int64_t hundredths, char *buf, size_t size);
/* yyyymmdd -> "23 March 2020". */
void sr_fmt_date(int32_t ymd, char *buf, size_t size);
/* Start year -> "2019-20". */
void sr_fmt_year(int start, char *buf, size_t size);

/* 1 to 12 -> "January" to "December"; NULL for any other number. */
const char *sr_fmt_month_name(int m);

#endif
