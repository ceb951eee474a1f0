/* dates: civil-calendar arithmetic, see dates.h. The conversions are Howard
 * Hinnant's days_from_civil / civil_from_days. */
#include "publish/dates.h"

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

bool sr_parse_ymd_why(const char *s, int32_t *ymd, char *why, size_t n)
{
    static const char *const months[] = {"January",   "February", "March",    "April",
                                         "May",       "June",     "July",     "August",
                                         "September", "October",  "November", "December"};
    if (sr_parse_ymd(s, ymd))
        return true;
    int y, m, d;
    char extra;
    if (s && strlen(s) == 10 && s[4] == '-' && s[7] == '-' &&
        sscanf(s, "%4d-%2d-%2d%c", &y, &m, &d, &extra) == 3 && m >= 1 && m <= 12 && d >= 1 &&
        y >= 1) {
        int last = 28;
        while (last < 31 && sr_date_valid(y, m, last + 1))
            last++;
        snprintf(why, n, "%s is not a real date: %s %d has %d days", s, months[m - 1], y, last);
    } else if (s && strlen(s) == 10 && s[4] == '-' && s[7] == '-' &&
               sscanf(s, "%4d-%2d-%2d%c", &y, &m, &d, &extra) == 3) {
        if (m < 1 || m > 12)
            snprintf(why, n, "%s is not a real date: there is no month %d", s, m);
        else
            snprintf(why, n, "%s is not a real date: there is no day %d", s, d);
    } else {
        snprintf(why, n, "'%s' is not a date written YYYY-MM-DD", s ? s : "");
    }
    return false;
}

int sr_last_ended_year(int32_t ymd)
{
    int y = ymd / 10000, m = ymd / 100 % 100;
    return m >= 4 ? y - 1 : y - 2;
}
