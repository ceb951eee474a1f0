/* dates: civil-calendar arithmetic, see dates.h. The conversions are Howard
 * Hinnant's days_from_civil / civil_from_days. */
#include "publish/dates.h"

#include "core/fmt.h"
#include "data/schema.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int64_t sr_days_from_ymd(int32_t ymd)
{
    int64_t y = ymd / 10000, m = ymd / 100 % 100, d = ymd % 100;
    y -= m <= 2;
    int64_t era = (y >= 0 ? y : y - 399) / 400;
    int64_t yoe = y - era * 400;
    int64_t doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

int32_t sr_ymd_from_days(int64_t z)
{
    z += 719468;
    int64_t era = (z >= 0 ? z : z - 146096) / 146097;
    int64_t doe = z - era * 146097;
    int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    int64_t y = yoe + era * 400;
    int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    int64_t mp = (5 * doy + 2) / 153;
    int64_t d = doy - (153 * mp + 2) / 5 + 1;
    int64_t m = mp + (mp < 10 ? 3 : -9);
    y += m <= 2;
    return (int32_t)(y * 10000 + m * 100 + d);
}

int32_t sr_ymd_add_days(int32_t ymd, int64_t n)
{
    return sr_ymd_from_days(sr_days_from_ymd(ymd) + n);
}

int64_t sr_days_between(int32_t a, int32_t b)
{
    return sr_days_from_ymd(b) - sr_days_from_ymd(a);
}

bool sr_parse_ymd(const char *s, int32_t *ymd)
{
    int y, m, d;
    char extra;
    if (!s || strlen(s) != 10 || s[4] != '-' || s[7] != '-' ||
        sscanf(s, "%4d-%2d-%2d%c", &y, &m, &d, &extra) != 3 || !sr_date_valid(y, m, d))
        return false;
    *ymd = y * 10000 + m * 100 + d;
    return true;
}

int sr_days_in_month(int y, int m)
{
    static const int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (m < 1 || m > 12)
        return 0;
    bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    return days[m - 1] + (m == 2 && leap);
}

bool sr_parse_ymd_why(const char *s, int32_t *ymd, char *why, size_t n)
{
    static const char *const months[] = {"January",   "February", "March",    "April",
                                         "May",       "June",     "July",     "August",
                                         "September", "October",  "November", "December"};
    bool form = s && strlen(s) == 10 && s[4] == '-' && s[7] == '-';
    for (int i = 0; form && i < 10; i++)
        form = i == 4 || i == 7 || (s[i] >= '0' && s[i] <= '9');
    if (!form) {
        snprintf(why, n, "'%s' is not a date written YYYY-MM-DD", s ? s : "");
        return false;
    }
    /* Four, two and two digits: no overflow, no sign. */
    int y = atoi(s), m = atoi(s + 5), d = atoi(s + 8);
    if (m < 1 || m > 12) {
        snprintf(why, n, "%s is not a real date: there is no month %d", s, m);
        return false;
    }
    if (d < 1) {
        snprintf(why, n, "%s is not a real date: there is no day %d", s, d);
        return false;
    }
    /* The calendar's own count, for any year: whether the year is one a
     * report can be dated is for the command to say. */
    int last = sr_days_in_month(y, m);
    if (d > last) {
        snprintf(why, n, "%s is not a real date: %s %d has %d days", s, months[m - 1], y, last);
        return false;
    }
    *ymd = y * 10000 + m * 100 + d;
    return true;
}

bool sr_publication_date_far(int year0, int32_t ymd, char *why, size_t n)
{
    int32_t ended = (year0 + 1) * 10000 + 331;
    int32_t latest = (year0 + 1 + SR_PUBLISHED_WITHIN_YEARS) * 10000 + 331;
    if (ymd <= latest)
        return false;
    char wd[40], ed[40], yname[16];
    sr_fmt_date(ymd, wd, sizeof wd);
    sr_fmt_date(ended, ed, sizeof ed);
    sr_fmt_year(year0, yname, sizeof yname);
    snprintf(why, n,
             "%s is more than %d years after the reporting year %s ended (%s): a year's report "
             "is published within months of its end, so the year is probably mistyped; give the "
             "day it is published with --date, such as %d-10-30",
             wd, SR_PUBLISHED_WITHIN_YEARS, yname, ed, year0 + 1);
    return true;
}

int sr_last_ended_year(int32_t ymd)
{
    int y = ymd / 10000, m = ymd / 100 % 100;
    return m >= 4 ? y - 1 : y - 2;
}
