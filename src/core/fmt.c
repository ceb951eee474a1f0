/* fmt: formatting of figures, see fmt.h. */
#include "core/fmt.h"

#include <stdio.h>
#include <string.h>

/* u with thousands separators, after sign. */
static void grouped_u64(const char *sign, uint64_t u, char *buf, size_t size)
{
    char digits[32];
    int n = snprintf(digits, sizeof digits, "%llu", (unsigned long long)u);
    char out[48];
    size_t o = 0;
    for (; *sign; sign++)
        out[o++] = *sign;
    for (int i = 0; i < n; i++) {
        if (i > 0 && (n - i) % 3 == 0)
            out[o++] = ',';
        out[o++] = digits[i];
    }
    out[o] = '\0';
    snprintf(buf, size, "%s", out);
}

void sr_fmt_count(int64_t v, char *buf, size_t size)
{
    grouped_u64(v < 0 ? "-" : "", v < 0 ? (uint64_t)0 - (uint64_t)v : (uint64_t)v, buf, size);
}

void sr_fmt_fixed(int64_t scaled, int places, bool grouped, char *buf, size_t size)
{
    uint64_t u = scaled < 0 ? (uint64_t)0 - (uint64_t)scaled : (uint64_t)scaled, scale = 1;
    if (places < 0)
        places = 0;
    if (places > 18)
        places = 18;
    for (int i = 0; i < places; i++)
        scale *= 10;
    char whole[40];
    if (grouped)
        grouped_u64("", u / scale, whole, sizeof whole);
    else
        snprintf(whole, sizeof whole, "%llu", (unsigned long long)(u / scale));
    if (places)
        snprintf(buf, size, "%s%s.%0*llu", scaled < 0 ? "-" : "", whole, places,
                 (unsigned long long)(u % scale));
    else
        snprintf(buf, size, "%s%s", scaled < 0 ? "-" : "", whole);
}

void sr_fmt_money(int64_t pence, char *buf, size_t size)
{
    int neg = pence < 0;
    uint64_t u = neg ? (uint64_t)0 - (uint64_t)pence : (uint64_t)pence;
    char pounds[40];
    sr_fmt_count((int64_t)(u / 100), pounds, sizeof pounds);
    if (u % 100)
        snprintf(buf, size, "%s£%s.%02u", neg ? "-" : "", pounds, (unsigned)(u % 100));
    else
        snprintf(buf, size, "%s£%s", neg ? "-" : "", pounds);
}

void sr_fmt_percent(int64_t h, char *buf, size_t size)
{
    int neg = h < 0;
    uint64_t u = neg ? (uint64_t)0 - (uint64_t)h : (uint64_t)h;
    unsigned frac = (unsigned)(u % 100);
    if (frac == 0)
        snprintf(buf, size, "%s%llu%%", neg ? "-" : "", (unsigned long long)(u / 100));
    else if (frac % 10 == 0)
        snprintf(buf, size, "%s%llu.%u%%", neg ? "-" : "", (unsigned long long)(u / 100),
                 frac / 10);
    else
        snprintf(buf, size, "%s%llu.%02u%%", neg ? "-" : "", (unsigned long long)(u / 100), frac);
}

static const char *const months[] = {"January",   "February", "March",    "April",
                                     "May",       "June",     "July",     "August",
                                     "September", "October",  "November", "December"};

void sr_fmt_date(int32_t ymd, char *buf, size_t size)
{
    int y = ymd / 10000, m = ymd / 100 % 100, d = ymd % 100;
    if (m < 1 || m > 12) {
        snprintf(buf, size, "?");
        return;
    }
    snprintf(buf, size, "%d %s %d", d, months[m - 1], y);
}

void sr_fmt_year(int start, char *buf, size_t size)
{
    snprintf(buf, size, "%d-%02d", start, (start + 1) % 100);
}

const char *sr_fmt_month_name(int m)
{
    return m >= 1 && m <= 12 ? months[m - 1] : NULL;
}
