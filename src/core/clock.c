/* clock: today's date and the files' date, see clock.h. */
#include "core/clock.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

enum { DAY_FORM = -1, DAY_RANGE = -2, DAY_NONE = -3 };

static const int month_days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
static const char *const month_names[] = {"January",   "February", "March",    "April",
                                          "May",       "June",     "July",     "August",
                                          "September", "October",  "November", "December"};

static int days_in(int y, int m)
{
    bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    return month_days[m - 1] + (m == 2 && leap);
}

/* "YYYY-MM-DD" naming a day of the Gregorian calendar from 1980 to 2099,
 * as yyyymmdd; DAY_FORM if it is not written so, DAY_RANGE outside those
 * years, DAY_NONE for a day the month does not have. */
static int32_t parse_day(const char *s, int *y_out, int *m_out)
{
    if (!s || strlen(s) != 10 || s[4] != '-' || s[7] != '-')
        return DAY_FORM;
    for (int i = 0; i < 10; i++)
        if (i != 4 && i != 7 && (s[i] < '0' || s[i] > '9'))
            return DAY_FORM;
    int y = (s[0] - '0') * 1000 + (s[1] - '0') * 100 + (s[2] - '0') * 10 + (s[3] - '0');
    int m = (s[5] - '0') * 10 + (s[6] - '0');
    int d = (s[8] - '0') * 10 + (s[9] - '0');
    if (m < 1 || m > 12 || d < 1)
        return DAY_FORM;
    if (y_out)
        *y_out = y, *m_out = m;
    if (d > days_in(y, m))
        return DAY_NONE;
    if (y < 1980 || y > 2099)
        return DAY_RANGE;
    return y * 10000 + m * 100 + d;
}

/* SOURCE_DATE_EPOCH's digits as seconds, or -1 when they are not digits
 * only or fall outside SR_EPOCH_MIN..SR_EPOCH_MAX (never an overflow:
 * digits stop counting once past the maximum). */
static int64_t parse_epoch(const char *s)
{
    if (!s || !*s)
        return -1;
    int64_t v = 0;
    for (const char *p = s; *p; p++) {
        if (*p < '0' || *p > '9')
            return -1;
        if (v <= SR_EPOCH_MAX)
            v = v * 10 + (*p - '0');
    }
    return v < SR_EPOCH_MIN || v > SR_EPOCH_MAX ? -1 : v;
}

/* The value as it can be shown: printable ASCII kept, every other byte
 * written \xNN, so a control character never reaches the terminal. A value
 * too long for out (n > 32) ends "... (N bytes in all)". */
static void shown(const char *s, char *out, size_t n)
{
    size_t o = 0, len = strlen(s);
    const unsigned char *p = (const unsigned char *)s;
    for (; *p && o + 5 + 24 < n; p++) {
        if (*p >= 0x20 && *p < 0x7f && *p != '`')
            out[o++] = (char)*p;
        else
            o += (size_t)snprintf(out + o, n - o, "\\x%02x", *p);
    }
    out[o] = '\0';
    if (*p)
        snprintf(out + o, n - o, "... (%zu bytes in all)", len);
}

bool sr_clock_check(char *err, size_t errlen)
{
    char v[160];
    const char *today = getenv("SSCP_TODAY");
    int y = 0, m = 1;
    int32_t day = today && *today ? parse_day(today, &y, &m) : 0;
    if (day < 0) {
        shown(today, v, sizeof v);
        char why[120];
        if (day == DAY_NONE)
            snprintf(why, sizeof why, "there is no such day (%s %d has %d days)",
                     month_names[m - 1], y, days_in(y, m));
        else if (day == DAY_RANGE)
            snprintf(why, sizeof why, "that day is outside 1980-01-01 to 2099-12-31");
        else
            snprintf(why, sizeof why, "that is not a day written YYYY-MM-DD");
        snprintf(err, errlen,
                 "the environment variable SSCP_TODAY is `%s`: %s\n"
                 "  hint: write the day as YYYY-MM-DD, such as SSCP_TODAY=2020-11-04, or unset "
                 "it (unset SSCP_TODAY) to use today's date",
                 v, why);
        return false;
    }
    const char *sde = getenv("SOURCE_DATE_EPOCH");
    if (sde && *sde && parse_epoch(sde) < 0) {
        shown(sde, v, sizeof v);
        bool digits = strspn(sde, "0123456789") == strlen(sde);
        snprintf(err, errlen,
                 "the environment variable SOURCE_DATE_EPOCH is `%s`, which %s\n"
                 "  hint: give the seconds since 1970-01-01 00:00 UTC, digits only, from "
                 "315532800 (1980-01-01) to 4102444799 (2099-12-31), such as "
                 "SOURCE_DATE_EPOCH=1585699200 for 2020-04-01; or unset it (unset "
                 "SOURCE_DATE_EPOCH) to date the files the day after the reporting year",
                 v,
                 digits ? "is a time outside 1980 to 2099"
                        : "is not a time: it must be a whole number of seconds");
        return false;
    }
    return true;
}

int32_t sr_today(void)
{
    int32_t ymd = parse_day(getenv("SSCP_TODAY"), NULL, NULL);
    if (ymd > 0)
        return ymd;
    time_t t = time(NULL);
    struct tm tm;
    if (!gmtime_r(&t, &tm))
        return 20000101; /* not reached: time() always fits gmtime_r's range */
    return (tm.tm_year + 1900) * 10000 + (tm.tm_mon + 1) * 100 + tm.tm_mday;
}

int64_t sr_source_date(int64_t fallback)
{
    int64_t v = parse_epoch(getenv("SOURCE_DATE_EPOCH"));
    return v < 0 ? fallback : v;
}
