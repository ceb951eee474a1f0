/* dates: calendar arithmetic on dates written YYYY-MM-DD (held as
 * yyyymmdd integers), for send-by dates and "due in N days". */
#ifndef SR_DATES_H
#define SR_DATES_H

#include "core/clock.h" /* sr_today */

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Days since 1970-01-01 for a valid yyyymmdd, and back. */
int64_t sr_days_from_ymd(int32_t ymd);
int32_t sr_ymd_from_days(int64_t days);
/* ymd plus n days (n may be negative). */
int32_t sr_ymd_add_days(int32_t ymd, int64_t n);
/* b - a, in days. */
int64_t sr_days_between(int32_t a, int32_t b);
/* Parses "YYYY-MM-DD" into *ymd; false if it is not a real date. */
bool sr_parse_ymd(const char *s, int32_t *ymd);
/* The same, and when s is not a real date, why in plain words into why:
 * "2100-02-30 is not a real date: February 2100 has 28 days", or "'30/10/2020'
 * is not a date written YYYY-MM-DD". */
bool sr_parse_ymd_why(const char *s, int32_t *ymd, char *why, size_t n);
/* The first calendar year of the last reporting year to have ended by ymd:
 * years run from 1 April to 31 March, so on 2026-11-24 it is 2025 (the
 * year 2025-26), and on 2026-03-31 it is 2024. */
int sr_last_ended_year(int32_t ymd);

#endif
