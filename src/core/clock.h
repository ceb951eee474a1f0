/* clock: today's date and the date written into the files, the one place
 * the program reads the calendar or the variables that stand in for it.
 *
 * Dates are yyyymmdd integers. SSCP_TODAY=YYYY-MM-DD stands in for the
 * clock (for tests and replays), so every check against today gives the
 * same answer run to run. SOURCE_DATE_EPOCH (seconds since 1970-01-01 UTC,
 * https://reproducible-builds.org/specs/source-date-epoch/) sets the date
 * the PDF and the workbook carry.
 *
 * Both are checked once, by sr_clock_check, before a command runs: a value
 * that is set but is not a date is an error, never ignored.
 */
#ifndef SR_CLOCK_H
#define SR_CLOCK_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* The dates SOURCE_DATE_EPOCH may give: 1980-01-01 00:00:00 UTC (the
 * earliest date a workbook's zip entries can hold) to 2099-12-31 23:59:59
 * UTC, the same span as SSCP_TODAY. */
#define SR_EPOCH_MIN INT64_C(315532800)
#define SR_EPOCH_MAX INT64_C(4102444799)

/* Checks SSCP_TODAY and SOURCE_DATE_EPOCH. An unset or empty variable is
 * fine. Otherwise SSCP_TODAY must be a real day YYYY-MM-DD from 1980-01-01
 * to 2099-12-31, and SOURCE_DATE_EPOCH digits only, from SR_EPOCH_MIN to
 * SR_EPOCH_MAX. On a bad value, writes a message naming the variable and a
 * hint (two lines, no trailing newline) into err and returns false. */
bool sr_clock_check(char *err, size_t errlen);

/* Today (UTC), or SSCP_TODAY when it is set. Call sr_clock_check first: an
 * SSCP_TODAY that is not a date is treated as unset here. */
int32_t sr_today(void);

/* SOURCE_DATE_EPOCH in seconds when it is set to a valid value, otherwise
 * fallback. */
int64_t sr_source_date(int64_t fallback);

#endif
