/* dates: calendar arithmetic on dates written YYYY-MM-DD (held as
 * yyyymmdd integers), for send-by dates and "due in N days". */
#ifndef SR_DATES_H
#define SR_DATES_H

#include "core/clock.h" /* sr_today */

#include <stdbool.h>
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
/* The first calendar year of the last reporting year to have ended by ymd:
 * years run from 1 April to 31 March, so on 2026-11-24 it is 2025 (the
 * year 2025-26), and on 2026-03-31 it is 2024. */
int sr_last_ended_year(int32_t ymd);

#endif
