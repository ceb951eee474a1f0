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
/* Parses "YYYY-MM-DD" naming a real day of the (proleptic Gregorian)
 * calendar, of any year 0000 to 9999, into *ymd; when s is not one, why in
 * plain words into why: "2100-02-30 is not a real date: February 2100 has
 * 28 days", or "'30/10/2020' is not a date written YYYY-MM-DD". Unlike
 * sr_parse_ymd it takes any year: the command given the date says whether
 * the day is one it can be (sr_publication_date_far). */
bool sr_parse_ymd_why(const char *s, int32_t *ymd, char *why, size_t n);
/* The days month m of year y has (28 to 31), or 0 for no such month. */
int sr_days_in_month(int y, int m);
/* A year's report is published within months of the year's end: a
 * publication date later than this many years after it is a typo. */
#define SR_PUBLISHED_WITHIN_YEARS 3
/* Whether ymd is too long after the reporting year that starts in year0
 * ended (more than SR_PUBLISHED_WITHIN_YEARS years) to be the day its
 * report is published; when it is, why and what to do, into why. */
bool sr_publication_date_far(int year0, int32_t ymd, char *why, size_t n);
/* The first calendar year of the last reporting year to have ended by ymd:
 * years run from 1 April to 31 March, so on 2026-11-24 it is 2025 (the
 * year 2025-26), and on 2026-03-31 it is 2024. */
int sr_last_ended_year(int32_t ymd);

#endif
