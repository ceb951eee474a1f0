/* schema: the checking engine, see schema.h. The tables are in schema_defs.c. */
#include "data/schema.h"

#include "core/buf.h"
#include "core/fmt.h"
#include "core/fsutil.h"
#include "core/strmap.h"
#include "core/suggest.h"

#include <ctype.h>
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const sr_schema sr_s_text = {.kind = SR_S_TEXT}, sr_s_id = {.kind = SR_S_ID},
                sr_s_count = {.kind = SR_S_COUNT}, sr_s_bool = {.kind = SR_S_BOOL},
                sr_s_format = {.kind = SR_S_FORMAT}, sr_s_date = {.kind = SR_S_DATE},
                sr_s_year = {.kind = SR_S_YEAR};

/* Largest count or amount (in pounds) accepted: far above any real figure,
 * far below where sums could overflow. */
#define SR_MAX_FIGURE 1000000000000LL

sr_vkind sr_schema_value_kind(sr_skind k)
{
    switch (k) {
    case SR_S_COUNT:
        return SR_V_COUNT;
    case SR_S_MONEY:
        return SR_V_MONEY;
    case SR_S_PERCENT:
        return SR_V_PERCENT;
    case SR_S_DATE:
        return SR_V_DATE;
    case SR_S_YEAR:
        return SR_V_YEAR;
    case SR_S_BOOL:
        return SR_V_BOOL;
    case SR_S_PARTNER:
    case SR_S_ID:
    case SR_S_ENUM:
        return SR_V_ID;
    case SR_S_FORMAT:
        return SR_V_INT;
    default:
        return SR_V_TEXT;
    }
}

static const char *shown(const sr_ynode *n, char *buf, size_t size)
{
    snprintf(buf, size, "%.60s%s", n->text, n->len > 60 ? "..." : "");
    /* Keep messages printable whatever the file holds. */
    for (char *p = buf; *p; p++)
        if ((unsigned char)*p < 0x20)
            *p = '?';
    return buf;
}

static bool all_digits(const char *s, size_t n)
{
    if (n == 0)
        return false;
    for (size_t i = 0; i < n; i++)
        if (!isdigit((unsigned char)s[i]))
            return false;
    return true;
}

/* Digits of s with `,`, spaces, `£` and `_` removed, for hints. */
static void strip_decoration(const char *s, char *out, size_t size)
{
    size_t o = 0;
    for (const char *p = s; *p && o + 1 < size; p++) {
        if (*p == ',' || *p == ' ' || *p == '_')
            continue;
        if ((unsigned char)p[0] == 0xC2 && (unsigned char)p[1] == 0xA3) { /* £ */
            p++;
            continue;
        }
        out[o++] = *p;
    }
    out[o] = '\0';
}

/* Whether the separators (commas, spaces, underscores) in the whole-number
 * part of s stand between thousands, as in 1,014 or 13 800: the first group
 * one to three digits, every other exactly three. A figure such as 2664,50
 * or 1,5 is not grouped so: removing its commas would change its meaning. */
static bool thousands_grouped(const char *s)
{
    if ((unsigned char)s[0] == 0xC2 && (unsigned char)s[1] == 0xA3) /* £ */
        s += 2;
    size_t group = 0, groups = 0;
    for (const char *p = s; *p && *p != '.'; p++) {
        if (*p == ',' || *p == ' ' || *p == '_') {
            if (group == 0 || group > 3 || (groups > 0 && group != 3))
                return false;
            groups++;
            group = 0;
        } else if (*p >= '0' && *p <= '9') {
            group++;
        } else {
            return false;
        }
    }
    return groups == 0 || group == 3;
}

/* For an amount such as 2664,50: the same with a decimal point for its one
 * comma, when that reads as pounds and pence ("2664.50"), into out. */
static bool decimal_comma_reading(const char *s, char *out, size_t size)
{
    if ((unsigned char)s[0] == 0xC2 && (unsigned char)s[1] == 0xA3) /* £ */
        s += 2;
    const char *comma = strchr(s, ',');
    size_t n = strlen(s);
    if (!comma || strchr(comma + 1, ',') || strchr(s, '.') || n >= size || comma == s)
        return false;
    size_t after = n - (size_t)(comma - s) - 1;
    if (after < 1 || after > 2)
        return false;
    for (const char *p = s; *p; p++)
        if (p != comma && (*p < '0' || *p > '9'))
            return false;
    memcpy(out, s, n + 1);
    out[comma - s] = '.';
    if (after == 1) { /* 12,5 -> 12.50 */
        if (n + 1 >= size)
            return false;
        out[n] = '0';
        out[n + 1] = '\0';
    }
    return true;
}

/* Parses digits[.frac] into an integer scaled by 10^scale. */
typedef enum { NUM_OK, NUM_NOT_NUMBER, NUM_TOO_MANY_DECIMALS, NUM_TOO_LARGE } num_status;

static num_status parse_decimal(const char *s, int scale, int64_t max, int64_t *out)
{
    const char *dot = strchr(s, '.');
    size_t ilen = dot ? (size_t)(dot - s) : strlen(s);
    if (!all_digits(s, ilen))
        return NUM_NOT_NUMBER;
    size_t flen = 0;
    if (dot) {
        flen = strlen(dot + 1);
        if (!all_digits(dot + 1, flen))
            return NUM_NOT_NUMBER;
        if ((int)flen > scale)
            return NUM_TOO_MANY_DECIMALS;
    }
    int64_t v = 0;
    for (size_t i = 0; i < ilen; i++) {
        if (v > max / 10)
            return NUM_TOO_LARGE;
        v = v * 10 + (s[i] - '0');
    }
    for (int k = 0; k < scale; k++) {
        int digit = (dot && (size_t)k < flen) ? dot[1 + k] - '0' : 0;
        if (v > (INT64_MAX - digit) / 10)
            return NUM_TOO_LARGE;
        v = v * 10 + digit;
    }
    if (v / (scale == 0 ? 1 : scale == 1 ? 10 : 100) > max)
        return NUM_TOO_LARGE;
    *out = v;
    return NUM_OK;
}

static bool is_leap(int y)
{
    return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

bool sr_date_valid(int y, int m, int d)
{
    static const int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (y < 1900 || y > 2200 || m < 1 || m > 12 || d < 1)
        return false;
    return d <= days[m - 1] + (m == 2 && is_leap(y));
}

static sr_diag *err(sr_vctx *c, const sr_ynode *n, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
static sr_diag *err(sr_vctx *c, const sr_ynode *n, const char *fmt, ...)
{
    char msg[512];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    return sr_diag_add(c->d, SR_ERROR, sr_ynode_loc(n), "%s", msg);
}

static bool missing_value(sr_vctx *c, const sr_ynode *n, const char *name, sr_skind k,
                          unsigned flags)
{
    sr_diag *g = err(c, n, "no value given for `%s`", name);
    if (k == SR_S_COUNT || k == SR_S_MONEY || k == SR_S_PERCENT)
        sr_diag_hint(g, "write the figure, or `not available` if you do not have it (never 0 "
                        "for a figure you do not know)");
    else if (flags & SR_REQUIRED)
        sr_diag_hint(g, "write a value after the colon: `%s` is needed", name);
    else
        sr_diag_hint(g, "write a value after the colon, or delete the line");
    return false;
}

static bool parse_availability(sr_vctx *c, const sr_ynode *n, const char *name, sr_value *v)
{
    if (strcmp(n->text, "not available") == 0 || strcmp(n->text, "[x]") == 0) {
        v->avail = SR_NOT_AVAILABLE;
        return true;
    }
    if (strcmp(n->text, "not applicable") == 0 || strcmp(n->text, "[z]") == 0) {
        v->avail = SR_NOT_APPLICABLE;
        return true;
    }
    if (strcmp(n->text, "[c]") == 0) {
        sr_diag *g = err(c, n, "`%s` is marked `[c]` (suppressed)", name);
        sr_diag_hint(g, "give the real figure: the report hides small numbers itself when "
                        "disclosure control is switched on in partnership.yaml");
        v->avail = SR_NOT_AVAILABLE;
        return false;
    }
    return false;
}

static bool parse_number(sr_vctx *c, const sr_ynode *n, const char *name, sr_skind k, sr_value *v)
{
    char buf[96], clean[96];
    const char *t = n->text;
    if (parse_availability(c, n, name, v))
        return true;
    if (v->avail != SR_AVAILABLE)
        return false; /* [c] already reported */
    bool neg = t[0] == '-';
    size_t tl = n->len;
    bool pct = tl > 0 && t[tl - 1] == '%';

    if (k == SR_S_PERCENT) {
        if (!pct) {
            int64_t tmp, frac;
            if (!neg && parse_decimal(t, 4, 10000, &frac) == NUM_OK && frac > 0 && frac <= 10000) {
                /* 0.21 may be a share of the whole (21%) or 0.21%: ask. */
                sr_diag *g = err(c, n, "`%s` is a percentage, but `%s` has no `%%` sign", name,
                                 shown(n, buf, sizeof buf));
                char as_pct[32];
                int64_t whole = frac / 100, rest = frac % 100;
                if (rest == 0)
                    snprintf(as_pct, sizeof as_pct, "%lld", (long long)whole);
                else if (rest % 10 == 0)
                    snprintf(as_pct, sizeof as_pct, "%lld.%lld", (long long)whole,
                             (long long)(rest / 10));
                else
                    snprintf(as_pct, sizeof as_pct, "%lld.%02lld", (long long)whole,
                             (long long)rest);
                const char *dot = strchr(t, '.');
                if (dot && strlen(dot + 1) > 2) /* not a percentage as written */
                    sr_diag_hint(g,
                                 "if `%s` is a fraction of the whole, write %s%%; if not, check "
                                 "the figure (percentages have at most two decimal places)",
                                 t, as_pct);
                else
                    sr_diag_hint(g,
                                 "if `%s` is a fraction of the whole, write %s%%; if it is %s "
                                 "per cent, write %s%%",
                                 t, as_pct, t, t);
            } else if (parse_decimal(neg ? t + 1 : t, 2, 100000, &tmp) == NUM_OK) {
                sr_diag *g = err(c, n, "`%s` is a percentage, but `%s` has no `%%` sign", name,
                                 shown(n, buf, sizeof buf));
                sr_diag_hint(g, "percentages carry their unit: write %s%%", t);
            } else {
                sr_diag *g = err(c, n, "expected a percentage for `%s`, got `%s`", name,
                                 shown(n, buf, sizeof buf));
                sr_diag_hint(g, "write a percentage such as 21.4%%");
            }
            return false;
        }
        char num[96];
        snprintf(num, sizeof num, "%.*s", (int)(tl - 1 < 90 ? tl - 1 : 90), t);
        size_t nl = strlen(num);
        while (nl && num[nl - 1] == ' ')
            num[--nl] = '\0';
        int64_t h;
        num_status st = parse_decimal(neg ? num + 1 : num, 2, 1000000, &h);
        if (st == NUM_TOO_MANY_DECIMALS) {
            sr_diag *g =
                err(c, n, "`%s` has more than two decimal places", shown(n, buf, sizeof buf));
            sr_diag_hint(g, "round the percentage to at most two decimal places, such as 21.43%%");
            return false;
        }
        if (st != NUM_OK) {
            sr_diag *g = err(c, n, "expected a percentage for `%s`, got `%s`", name,
                             shown(n, buf, sizeof buf));
            sr_diag_hint(g, "write a percentage such as 21.4%%");
            return false;
        }
        if (neg || h > 10000) {
            sr_diag *g = err(c, n, "`%s` is not between 0%% and 100%%", shown(n, buf, sizeof buf));
            sr_diag_hint(g, "a share of a whole is between 0%% and 100%%; for a change from last "
                            "year give both years' figures and the report works out the change");
            return false;
        }
        v->i = h;
        return true;
    }

    const char *unit = k == SR_S_MONEY ? "an amount in pounds" : "a whole number";
    if (pct) {
        sr_diag *g = err(c, n, "expected %s for `%s`, got the percentage `%s`", unit, name,
                         shown(n, buf, sizeof buf));
        sr_diag_hint(g, "give the count itself; the report works out percentages");
        return false;
    }
    strip_decoration(neg ? t + 1 : t, clean, sizeof clean);
    int64_t val;
    num_status st = parse_decimal(neg ? t + 1 : t, k == SR_S_MONEY ? 2 : 0, SR_MAX_FIGURE, &val);
    if (st == NUM_OK && neg) {
        sr_diag *g =
            err(c, n, "`%s` cannot be negative (got `%s`)", name, shown(n, buf, sizeof buf));
        sr_diag_hint(g, k == SR_S_MONEY
                            ? "give the amount as a positive number; money returned goes in its "
                              "own line or in `from_reserves`"
                            : "counts of children, people or events are 0 or more");
        return false;
    }
    if (st == NUM_OK) {
        v->i = val;
        return true;
    }
    if (st == NUM_TOO_LARGE) {
        sr_diag *g = err(c, n, "`%s` is too large to be a real figure", shown(n, buf, sizeof buf));
        char lim[40];
        sr_fmt_count(SR_MAX_FIGURE, lim, sizeof lim);
        sr_diag_hint(g, "the largest figure accepted is %s; check for extra digits", lim);
        return false;
    }
    if (st == NUM_TOO_MANY_DECIMALS) {
        sr_diag *g =
            err(c, n, "expected %s for `%s`, got `%s`", unit, name, shown(n, buf, sizeof buf));
        sr_diag_hint(g, k == SR_S_MONEY ? "amounts have at most two decimal places (pence)"
                                        : "counts are whole numbers, with no decimal point");
        return false;
    }
    /* Not a number as written: explain the likely cause. */
    int64_t tmp;
    bool fixable = strcmp(clean, neg ? t + 1 : t) != 0 &&
                   parse_decimal(clean, k == SR_S_MONEY ? 2 : 0, SR_MAX_FIGURE, &tmp) == NUM_OK;
    sr_diag *g = err(c, n, "expected %s for `%s`, got `%s`", unit, name, shown(n, buf, sizeof buf));
    char pence[96];
    if (fixable && !thousands_grouped(neg ? t + 1 : t)) {
        /* Removing these commas would change the figure (2664,50 is not
         * 266450): never suggest a value that may not be the one meant. */
        if (k == SR_S_MONEY && decimal_comma_reading(neg ? t + 1 : t, pence, sizeof pence))
            sr_diag_hint(g,
                         "if you mean \xC2\xA3%s, write %s%s (a point, not a comma, before the "
                         "pence); otherwise write the amount in digits only, with no commas",
                         pence, neg ? "-" : "", pence);
        else
            sr_diag_hint(g, "the commas or spaces are not between thousands (they come every "
                            "three digits), so the figure is unclear: check it and write it in "
                            "digits only, such as 1014");
    } else if (fixable)
        sr_diag_hint(g, "write %s%s, without %s", neg ? "-" : "", clean,
                     strstr(t, "\xC2\xA3") ? "the £ sign or commas" : "commas or spaces");
    else if (sr_ynode_is_null(n))
        sr_diag_hint(g, "write the figure, or `not available` if you do not have it");
    else
        sr_diag_hint(g, "write digits only, such as 1014; or `not available` if you do not "
                        "have the figure");
    return false;
}

bool sr_parse_year(sr_vctx *c, const sr_ynode *n, const char *name, sr_value *v)
{
    char buf[96];
    const char *t = n->text;
    int a, b;
    char sep, extra;
    if (n->kind == SR_Y_SCALAR && sscanf(t, "%4d%c%d%c", &a, &sep, &b, &extra) == 3 &&
        strlen(t) >= 7) {
        if (sep == '-' && strlen(t) == 7 && isdigit((unsigned char)t[5]) && a >= 1990 &&
            a <= 2200) {
            if (b == (a + 1) % 100) {
                v->kind = SR_V_YEAR;
                v->i = a;
                v->text = t;
                return true;
            }
            sr_diag *g = err(c, n,
                             "`%s` is not a reporting year: the year after %d is %02d, "
                             "not %02d",
                             shown(n, buf, sizeof buf), a, (a + 1) % 100, b);
            sr_diag_hint(g,
                         "a reporting year runs from 1 April to 31 March and is written like "
                         "%d-%02d",
                         a, (a + 1) % 100);
            return false;
        }
        if ((sep == '/' || sep == '-') && a >= 1990 && a <= 2200 &&
            (b == (a + 1) % 100 || b == a + 1)) {
            sr_diag *g = err(c, n, "write the year `%s` as %d-%02d", shown(n, buf, sizeof buf), a,
                             (a + 1) % 100);
            sr_diag_hint(g, "reporting years are written with a hyphen and two digits for the "
                            "second year, like 2019-20");
            return false;
        }
    }
    sr_diag *g = err(c, n, "expected a reporting year for `%s`, got %s", name,
                     sr_ynode_describe(n, buf, sizeof buf));
    sr_diag_hint(g, "write the reporting year like 2019-20 (1 April 2019 to 31 March 2020)");
    return false;
}

static bool parse_date(sr_vctx *c, const sr_ynode *n, const char *name, unsigned flags, sr_value *v)
{
    char buf[96];
    const char *t = n->text;
    int y, m, d;
    char extra;
    if (strlen(t) == 10 && t[4] == '-' && t[7] == '-' &&
        sscanf(t, "%4d-%2d-%2d%c", &y, &m, &d, &extra) == 3) {
        if (!sr_date_valid(y, m, d)) {
            static const char *const months[] = {"January",   "February", "March",    "April",
                                                 "May",       "June",     "July",     "August",
                                                 "September", "October",  "November", "December"};
            sr_diag *g;
            if (m >= 1 && m <= 12 && d >= 1 && y >= 1900 && y <= 2200) {
                int last = 28;
                while (last < 31 && sr_date_valid(y, m, last + 1))
                    last++;
                g = err(c, n, "`%s` is not a real date: %s %d has %d days",
                        shown(n, buf, sizeof buf), months[m - 1], y, last);
            } else {
                g = err(c, n, "`%s` is not a real date", shown(n, buf, sizeof buf));
            }
            sr_diag_hint(g, "check the day and month (dates are written YYYY-MM-DD)");
            return false;
        }
        v->i = (int64_t)y * 10000 + m * 100 + d;
        if ((flags & SR_IN_YEAR) && c->year) {
            int32_t from = c->year * 10000 + 401, to = (c->year + 1) * 10000 + 331;
            if (v->i < from || v->i > to) {
                char when[40], yr[16];
                sr_fmt_date((int32_t)v->i, when, sizeof when);
                sr_fmt_year(c->year, yr, sizeof yr);
                sr_diag *g = err(c, n, "%s is outside the reporting year %s", when, yr);
                sr_diag_hint(g,
                             "%s runs from 1 April %d to 31 March %d; check the year in the "
                             "date, or move the entry to the right year's folder",
                             yr, c->year, c->year + 1);
                return false;
            }
        }
        return true;
    }
    sr_diag *g =
        err(c, n, "expected a date for `%s`, got %s", name, sr_ynode_describe(n, buf, sizeof buf));
    if (sscanf(t, "%d/%d/%d%c", &d, &m, &y, &extra) == 3 && y > 1900 && m >= 1 && m <= 12 &&
        d >= 1 && d <= 31 && d != m && d <= 12) {
        /* 06/12/2019 is 6 December in Britain, 12 June in a spreadsheet set
         * up in America: ask rather than pick one. */
        char dm[40], md[40];
        sr_fmt_date((int32_t)(y * 10000 + m * 100 + d), dm, sizeof dm);
        sr_fmt_date((int32_t)(y * 10000 + d * 100 + m), md, sizeof md);
        sr_diag_hint(g,
                     "write dates as YYYY-MM-DD: %04d-%02d-%02d if it is %s, or %04d-%02d-%02d "
                     "if it is %s",
                     y, m, d, dm, y, d, m, md);
    } else if (sscanf(t, "%d/%d/%d%c", &d, &m, &y, &extra) == 3 && y > 1900 && m >= 1 && m <= 12)
        sr_diag_hint(g, "write dates as YYYY-MM-DD: %04d-%02d-%02d", y, m, d);
    else
        sr_diag_hint(g, "write dates as YYYY-MM-DD, such as 2019-06-18");
    return false;
}

static bool valid_id(const char *t)
{
    size_t n = strlen(t);
    if (n == 0 || n > 40 || !islower((unsigned char)t[0]))
        return false;
    for (size_t i = 0; i < n; i++)
        if (!(islower((unsigned char)t[i]) || isdigit((unsigned char)t[i]) || t[i] == '-'))
            return false;
    return t[n - 1] != '-';
}

bool sr_valid_id(const char *t)
{
    return t && valid_id(t);
}

bool sr_parse_scalar(sr_vctx *c, const sr_schema *s, unsigned flags, const sr_ynode *n,
                     const char *name, sr_value *v)
{
    char buf[96];
    memset(v, 0, sizeof *v);
    v->kind = sr_schema_value_kind(s->kind);
    bool figure = s->kind == SR_S_COUNT || s->kind == SR_S_MONEY || s->kind == SR_S_PERCENT;
    if (figure && n->kind == SR_Y_SEQ && n->n == 1 && n->items[0]->kind == SR_Y_SCALAR &&
        !n->items[0]->quoted && n->items[0]->len == 1 && strchr("xzc", n->items[0]->text[0])) {
        /* [x] written without quotes is, to YAML, a list holding "x"; the
         * data lead meant the shorthand, so read it as that. */
        static const char *const shorthand[] = {"[x]", "[z]", "[c]"};
        const char *sh = shorthand[strchr("xzc", n->items[0]->text[0]) - "xzc"];
        sr_ynode tmp = *n;
        tmp.kind = SR_Y_SCALAR;
        tmp.text = sh;
        tmp.len = 3;
        v->text = sh;
        return parse_availability(c, &tmp, name, v);
    }
    if (n->kind != SR_Y_SCALAR) {
        sr_diag *g = err(c, n, "expected a single value for `%s`, got %s", name,
                         sr_ynode_describe(n, buf, sizeof buf));
        sr_diag_hint(g, "write the value on the same line as its key, such as `%s: ...`", name);
        return false;
    }
    v->text = n->text;
    if (sr_ynode_is_null(n))
        return missing_value(c, n, name, s->kind, flags);
    switch (s->kind) {
    case SR_S_COUNT:
    case SR_S_MONEY:
    case SR_S_PERCENT:
        return parse_number(c, n, name, s->kind, v);
    case SR_S_DATE:
        return parse_date(c, n, name, flags, v);
    case SR_S_YEAR:
        return sr_parse_year(c, n, name, v);
    case SR_S_TEXT:
        if (n->len == 0 || strspn(n->text, " \t") == n->len)
            return missing_value(c, n, name, s->kind, flags);
        return true;
    case SR_S_BOOL:
        if (!n->quoted && (!strcmp(n->text, "true") || !strcmp(n->text, "yes"))) {
            v->i = 1;
            return true;
        }
        if (!n->quoted && (!strcmp(n->text, "false") || !strcmp(n->text, "no"))) {
            v->i = 0;
            return true;
        }
        sr_diag_hint(
            err(c, n, "expected yes or no for `%s`, got `%s`", name, shown(n, buf, sizeof buf)),
            "write yes or no");
        return false;
    case SR_S_FORMAT:
        if (strcmp(n->text, "1") == 0) {
            v->i = 1;
            return true;
        }
        sr_diag_hint(err(c, n,
                         "this file says it is in format `%s`, which this version of "
                         "sscp-report does not read",
                         shown(n, buf, sizeof buf)),
                     "write `format: 1`: this version of sscp-report reads format 1");
        return false;
    case SR_S_ID:
        if (valid_id(n->text))
            return true;
        sr_diag_hint(err(c, n, "`%s` cannot be used as an id", shown(n, buf, sizeof buf)),
                     "ids are short lowercase names such as `police` or `nhs-trust`: letters a-z, "
                     "digits and hyphens, starting with a letter");
        return false;
    case SR_S_PARTNER: {
        if (!c->partner_ids)
            return true; /* nothing to check against; the loader has said so */
        for (size_t i = 0; i < c->npartners; i++)
            if (strcmp(c->partner_ids[i], n->text) == 0)
                return true;
        sr_diag *g = err(c, n, "unknown partner id `%s`", shown(n, buf, sizeof buf));
        const char *best = sr_suggest(n->text, c->partner_ids, c->npartners);
        if (best)
            sr_diag_hint(g, "did you mean `%s`?", best);
        else
            sr_diag_hint(g, "partner ids are defined in partnership.yaml under `partners`");
        return false;
    }
    case SR_S_ENUM: {
        size_t nv = 0;
        for (; s->values[nv]; nv++)
            if (strcmp(s->values[nv], n->text) == 0)
                return true;
        sr_diag *g = err(c, n, "`%s` is not one of the values allowed for `%s`",
                         shown(n, buf, sizeof buf), name);
        const char *best = sr_suggest(n->text, s->values, nv);
        if (best) {
            sr_diag_hint(g, "did you mean `%s`?", best);
        } else {
            char list[256] = "";
            for (size_t i = 0; i < nv; i++) {
                strncat(list, i ? ", " : "", sizeof list - strlen(list) - 1);
                strncat(list, s->values[i], sizeof list - strlen(list) - 1);
            }
            sr_diag_hint(g, "use one of: %s", list);
        }
        return false;
    }
    default:
        return false;
    }
}

/* Records a figure. An entry's name (its identity fields) may be given by
 * several files, each adding to the same entry, so it never clashes. */
static void record_as(sr_vctx *c, const char *path, const sr_value *v, const sr_ynode *n,
                      bool identity);

static void record(sr_vctx *c, const char *path, const sr_value *v, const sr_ynode *n)
{
    record_as(c, path, v, n, false);
}

static void record_as(sr_vctx *c, const char *path, const sr_value *v, const sr_ynode *n,
                      bool identity)
{
    if (!c->figs)
        return;
    sr_figure f = {sr_arena_strdup(c->a, path), *v, sr_ynode_loc(n), c->submitter};
    const sr_figure *old = sr_figures_add(c->figs, &f);
    if (old && !identity) {
        /* Given already, by another file (a list's own duplicates never get
         * this far): keep the first, remember the clash for the loader. */
        if (c->nconflicts == c->conflicts_cap) {
            c->conflicts_cap = c->conflicts_cap ? c->conflicts_cap * 2 : 8;
            c->conflicts = sr_xrealloc(c->conflicts, c->conflicts_cap * sizeof *c->conflicts);
        }
        c->conflicts[c->nconflicts++] = (sr_conflict){old->loc, f.loc, f.path};
    }
}

static void check_map(sr_vctx *c, const sr_schema *s, const sr_ynode *n, const char *path,
                      const char *name);

/* Identity of a list item: its identity fields' values, slugged and joined
 * with `/`. A very long name keeps its first 100 characters and a hash of
 * the whole, so two long names that differ only at the end stay distinct
 * and paths stay short. */
static void item_identity(const sr_schema *s, const sr_ynode *item, size_t index, char *buf,
                          size_t size)
{
    sr_buf full = SR_BUF_INIT;
    if (item->kind == SR_Y_SCALAR) {
        char *slug = sr_xmalloc(item->len + 1);
        sr_slug(item->text, slug, item->len + 1);
        sr_buf_puts(&full, slug);
        free(slug);
    } else if (item->kind == SR_Y_MAP && s->identity) {
        for (const char *const *k = s->identity; *k; k++) {
            const sr_ynode *v = sr_ymap_get(item, *k);
            if (!v || v->kind != SR_Y_SCALAR || sr_ynode_is_null(v))
                continue;
            char *slug = sr_xmalloc(v->len + 2);
            sr_slug(v->text, slug, v->len + 2);
            if (full.len)
                sr_buf_putc(&full, '/');
            sr_buf_puts(&full, slug);
            free(slug);
        }
    }
    const char *f = sr_buf_str(&full);
    if (!f[0]) {
        snprintf(buf, size, "#%zu", index + 1);
    } else if (full.len <= 120) {
        snprintf(buf, size, "%s", f);
    } else {
        uint64_t h = 1469598103934665603ull;
        for (const char *p = f; *p; p++)
            h = (h ^ (unsigned char)*p) * 1099511628211ull;
        snprintf(buf, size, "%.100s~%016llx", f, (unsigned long long)h);
    }
    sr_buf_free(&full);
}

/* An entry's name as written, for messages: its identity fields joined
 * with ", " ("Safeguarding Partnership Board, 2024-06-18"). */
static const char *item_label(const sr_ynode *item, const sr_schema *s, char *buf, size_t size)
{
    if (item->kind == SR_Y_SCALAR)
        return shown(item, buf, size);
    size_t o = 0;
    buf[0] = '\0';
    for (const char *const *k = s->identity; k && *k && o + 1 < size; k++) {
        const sr_ynode *v = sr_ymap_get(item, *k);
        if (!v || v->kind != SR_Y_SCALAR || sr_ynode_is_null(v))
            continue;
        char one[96];
        o += (size_t)snprintf(buf + o, size - o, "%s%s", o ? ", " : "", shown(v, one, sizeof one));
    }
    return buf[0] ? buf : NULL;
}

/* A key of an exclusive pair counts as given unless it is left blank (as in
 * a template, where both alternatives are written out): a blank key is not
 * given. */
static bool given_here(const sr_ynode *n, const char *key)
{
    const sr_ynode *v = sr_ymap_get(n, key);
    return v && !(v->kind == SR_Y_SCALAR && sr_ynode_is_null(v));
}

/* True when a list entry holds no figure: every key is one of the entry's
 * and is blank, an empty list, or a name (text, an id), as a request gives
 * an entry carried from last year or one to copy. In a submission, such an
 * entry is not sent. An entry with anything else (a figure, an unknown key, something
 * under a key) is checked as usual. */
static bool entry_left_blank(const sr_schema *item, const sr_ynode *n)
{
    if (item->kind != SR_S_MAP || n->kind != SR_Y_MAP || !item->fields)
        return false;
    bool has_figure_key = false;
    for (size_t i = 0; i < n->n; i++) {
        const sr_ynode *k = n->items[2 * i], *v = n->items[2 * i + 1];
        const sr_field *f = NULL;
        for (const sr_field *g = item->fields; k->kind == SR_Y_SCALAR && g->key; g++)
            if (strcmp(g->key, k->text) == 0)
                f = g;
        if (!f)
            return false;
        sr_skind kind = f->type->kind;
        if (kind == SR_S_TEXT || kind == SR_S_ID || kind == SR_S_PARTNER)
            continue;
        if (sr_ynode_is_null(v) || (v->kind == SR_Y_SEQ && v->n == 0)) {
            has_figure_key |= kind != SR_S_LIST || v->kind == SR_Y_SEQ;
            continue;
        }
        if (kind == SR_S_LIST && v->kind == SR_Y_SEQ) {
            /* Entries of its own, all left blank (an evaluation's ratings). */
            for (size_t j = 0; j < v->n; j++)
                if (!entry_left_blank(f->type->item, v->items[j]))
                    return false;
            has_figure_key = true;
            continue;
        }
        return false;
    }
    return has_figure_key;
}

static void check_list(sr_vctx *c, const sr_schema *s, const sr_ynode *n, const char *path,
                       const char *name)
{
    char buf[96];
    if (n->kind != SR_Y_SEQ) {
        if (sr_ynode_is_null(n))
            return; /* an empty list written as `key:` */
        sr_diag *g = err(c, n, "expected a list under `%s`, got %s", name,
                         sr_ynode_describe(n, buf, sizeof buf));
        sr_diag_hint(g, "write each item on its own line starting with `- `, or as [a, b]");
        return;
    }
    sr_strmap seen = SR_STRMAP_INIT; /* identity -> index of the first item */
    for (size_t i = 0; i < n->n; i++) {
        const sr_ynode *item = n->items[i];
        if (c->submitter && entry_left_blank(s->item, item)) {
            char lbl[200];
            const char *label = item_label(item, s->item, lbl, sizeof lbl);
            sr_diag *g =
                label ? sr_diag_add(c->d, SR_WARNING, sr_ynode_loc(item),
                                    "`%s` in `%s` has no figures, so it is left out", label, name)
                      : sr_diag_add(c->d, SR_WARNING, sr_ynode_loc(item),
                                    "an entry in `%s` is left blank, so it is left out", name);
            sr_diag_hint(g, "fill in its figures, or delete the entry if there are none to send");
            continue;
        }
        char id[160]; /* at most 120 + hash */
        item_identity(s->item, item, i, id, sizeof id);
        const size_t *first = sr_strmap_get(&seen, id);
        if (first) {
            char lbl[200], lbl0[200];
            const char *label = item_label(item, s->item, lbl, sizeof lbl);
            const char *label0 = item_label(n->items[*first], s->item, lbl0, sizeof lbl0);
            sr_diag *g = err(c, item, "`%s` appears twice in `%s`", label ? label : id, name);
            if (label && label0 && strcmp(label, label0) != 0)
                sr_diag_related(g, sr_ynode_loc(n->items[*first]), "first given as `%s`", label0);
            else
                sr_diag_related(g, sr_ynode_loc(n->items[*first]), "first given");
            char by[120] = "their value";
            const char *const *idf = s->item->identity;
            if (idf && idf[0] && idf[1] && idf[2])
                snprintf(by, sizeof by, "`%s` (or `%s`) and `%s` together", idf[0], idf[1], idf[2]);
            else if (idf && idf[0] && idf[1])
                snprintf(by, sizeof by, "`%s` and `%s` together", idf[0], idf[1]);
            else if (idf && idf[0])
                snprintf(by, sizeof by, "`%s`", idf[0]);
            sr_diag_hint(g,
                         "entries here are told apart by %s, ignoring capitals, spaces and "
                         "punctuation; give each entry once, or merge the two",
                         by);
            continue; /* its figures would count twice */
        }
        sr_strmap_put(&seen, id, i);
        const char *ipath = sr_arena_printf(c->a, "%s[%s]", path, id);
        sr_schema_check(c, s->item, item, ipath, name);
    }
    sr_strmap_free(&seen);
}

static void check_dict(sr_vctx *c, const sr_schema *s, const sr_ynode *n, const char *path,
                       const char *name)
{
    char buf[96];
    if (n->kind != SR_Y_MAP) {
        if (sr_ynode_is_null(n))
            return;
        sr_diag *g = err(c, n, "expected `key: value` lines under `%s`, got %s", name,
                         sr_ynode_describe(n, buf, sizeof buf));
        sr_diag_hint(g, s->dict_key == SR_S_YEAR ? "write one line per year, such as `2019-20: "
                                                   "62912`"
                                                 : "write one `key: value` line per entry");
        return;
    }
    for (size_t i = 0; i < n->n; i++) {
        const sr_ynode *k = n->items[2 * i], *v = n->items[2 * i + 1];
        if (k->kind != SR_Y_SCALAR)
            continue;
        char key[96];
        if (s->dict_key == SR_S_YEAR) {
            sr_value yv;
            if (!sr_parse_year(c, k, name, &yv))
                continue;
            snprintf(key, sizeof key, "%s", k->text);
        } else {
            sr_slug(k->text, key, sizeof key);
        }
        const char *kpath = sr_arena_printf(c->a, "%s.%s", path, key);
        sr_schema_check(c, s->item, v, kpath, k->text);
    }
}

void sr_schema_check(sr_vctx *c, const sr_schema *s, const sr_ynode *n, const char *path,
                     const char *name)
{
    switch (s->kind) {
    case SR_S_MAP:
        check_map(c, s, n, path, name);
        return;
    case SR_S_LIST:
        check_list(c, s, n, path, name);
        return;
    case SR_S_DICT:
        check_dict(c, s, n, path, name);
        return;
    default:
        break;
    }
    if (s->or_map && n->kind == SR_Y_MAP) {
        sr_schema_check(c, s->or_map, n, path, name);
        return;
    }
    sr_value v;
    if (!sr_parse_scalar(c, s, 0, n, name, &v))
        v.avail = SR_INVALID;
    record(c, path, &v, n);
}

static const char *field_keys(const sr_field *f, const char **keys, size_t max, size_t *nkeys)
{
    size_t n = 0;
    for (; f && f->key && n < max; f++)
        keys[n++] = f->key;
    *nkeys = n;
    return NULL;
}

static void check_map(sr_vctx *c, const sr_schema *s, const sr_ynode *n, const char *path,
                      const char *name)
{
    char buf[96];
    if (n->kind != SR_Y_MAP) {
        if (sr_ynode_is_null(n) && path[0]) {
            sr_diag *g = err(c, n, "`%s` is empty", name);
            sr_diag_hint(g, "fill in its figures, or delete the key if you have none to give");
            return;
        }
        sr_diag *g = err(c, n, "expected `key: value` lines for %s, got %s",
                         s->what ? s->what : name, sr_ynode_describe(n, buf, sizeof buf));
        if (n->kind == SR_Y_SEQ)
            sr_diag_hint(g,
                         "write each entry with its key, such as `%s: ...`, not as `- ` list "
                         "items",
                         s->fields && s->fields[0].key ? s->fields[0].key : "key");
        else
            sr_diag_hint(g, "put the keys that belong to `%s` on the lines below it, indented",
                         name);
        return;
    }
    const char *keys[64];
    size_t nkeys;
    field_keys(s->fields, keys, 64, &nkeys);
    size_t conflicts = c->nconflicts;

    /* Unknown keys first: they are often the reason a required key "is missing".
     * In a submission they are errors: the figures under a misspelt key would
     * otherwise be left out of the report while the file passed. */
    sr_severity sev = c->unknown_keys_are_errors ? SR_ERROR : SR_WARNING;
    const char *ignored =
        c->unknown_keys_are_errors ? "what it holds cannot be read" : "it is ignored";
    for (size_t i = 0; i < n->n; i++) {
        const sr_ynode *k = n->items[2 * i];
        if (k->kind != SR_Y_SCALAR)
            continue;
        const sr_field *f = s->fields;
        while (f && f->key && strcmp(f->key, k->text) != 0)
            f++;
        if (f && f->key)
            continue;
        if (strcmp(k->text, "<<") == 0) {
            sr_diag *g = err(c, k, "YAML merge keys (`<<`) are not supported");
            sr_diag_hint(g, "write the keys out in full in each place they are needed");
            continue;
        }
        const char *best = sr_suggest(k->text, keys, nkeys);
        /* A key that belongs one level down (mis-indented) is named as such. */
        const char *under = NULL;
        for (const sr_field *pf = s->fields; !best && pf && pf->key && !under; pf++)
            if (pf->type->kind == SR_S_MAP)
                for (const sr_field *cf = pf->type->fields; cf && cf->key; cf++)
                    if (strcmp(cf->key, k->text) == 0)
                        under = pf->key;
        sr_diag *g;
        if (under) {
            g = sr_diag_add(c->d, sev, sr_ynode_loc(k), "`%s` belongs under `%s`, not here, so %s",
                            shown(k, buf, sizeof buf), under, ignored);
            sr_diag_hint(g, "indent it to line up with the other keys under `%s`", under);
        } else if (best) {
            g = sr_diag_add(c->d, sev, sr_ynode_loc(k), "unknown key `%s`; did you mean `%s`?",
                            shown(k, buf, sizeof buf), best);
            sr_diag_hint(g, "rename it to `%s`; until then %s", best,
                         !c->unknown_keys_are_errors ? "its contents are ignored"
                         : c->figs
                             ? "its figures cannot be read and would be left out of the report"
                             : "what it holds cannot be used");
        } else {
            g = sr_diag_add(c->d, sev, sr_ynode_loc(k),
                            c->unknown_keys_are_errors
                                ? "unknown key `%s`: what it holds cannot be read"
                                : "unknown key `%s` is ignored",
                            shown(k, buf, sizeof buf));
            char list[400] = "";
            for (size_t j = 0; j < nkeys; j++) {
                strncat(list, j ? ", " : "", sizeof list - strlen(list) - 1);
                strncat(list, keys[j], sizeof list - strlen(list) - 1);
            }
            sr_diag_hint(g, "the keys allowed %s%s are: %s", path[0] ? "in " : "at the top level",
                         path[0] ? (s->what ? s->what : name) : "", list);
        }
    }

    if (s->one_of) {
        const char *given[4];
        size_t present = 0, options = 0;
        for (const char *const *k = s->one_of; *k; k++, options++)
            if (given_here(n, *k) && present < 4)
                given[present++] = *k;
        if (present != 1) {
            char who[240] = "", lbl[200];
            if (item_label(n, s, lbl, sizeof lbl))
                snprintf(who, sizeof who, " (`%s`)", lbl);
            sr_diag *g;
            if (present >= 2) {
                g = err(c, sr_ymap_key(n, given[1]), "%s%s gives both `%s` and `%s`",
                        s->what ? s->what : name, who, given[0], given[1]);
                sr_diag_hint(g, "keep only one of them");
            } else {
                g = err(c, n, "%s%s needs `%s` or `%s`", s->what ? s->what : name, who,
                        s->one_of[0], s->one_of[1]);
                sr_diag_hint(g, "add one of them");
            }
        }
    }

    if (s->at_most_one) {
        const char *first = NULL;
        for (const char *const *k = s->at_most_one; *k; k++) {
            if (!given_here(n, *k))
                continue;
            if (!first) {
                first = *k;
                continue;
            }
            char who[240] = "", lbl[200];
            if (item_label(n, s, lbl, sizeof lbl))
                snprintf(who, sizeof who, " (`%s`)", lbl);
            sr_diag *g = err(c, sr_ymap_key(n, *k), "%s%s gives both `%s` and `%s`",
                             s->what ? s->what : name, who, first, *k);
            sr_diag_hint(g, "keep only one of them");
            break;
        }
    }

    for (const sr_field *f = s->fields; f && f->key; f++) {
        const sr_ynode *v = sr_ymap_get(n, f->key);
        if (!v) {
            if (f->flags & SR_REQUIRED) {
                /* At the top of a file there is no line to point at. */
                sr_loc where = path[0] ? sr_ynode_loc(n) : (sr_loc){c->src, 0, 0, 0};
                sr_diag *g = sr_diag_add(c->d, SR_ERROR, where, "%s has no `%s`",
                                         s->what ? s->what : name, f->key);
                if (f->type->kind == SR_S_FORMAT)
                    sr_diag_hint(g, "add `format: 1` as the first line");
                else
                    sr_diag_hint(g, "add `%s:` (%s)", f->key, f->doc ? f->doc : "required");
                if (f->type->kind >= SR_S_COUNT && !(f->flags & SR_META)) {
                    const char *fpath =
                        sr_arena_printf(c->a, "%s%s%s", path, path[0] ? "." : "", f->key);
                    sr_value miss = {.kind = sr_schema_value_kind(f->type->kind),
                                     .avail = SR_INVALID,
                                     .text = ""};
                    record(c, fpath, &miss, n);
                }
            }
            continue;
        }
        const char *fpath = sr_arena_printf(c->a, "%s%s%s", path, path[0] ? "." : "", f->key);
        const sr_schema *t = f->type;
        if (!(f->flags & SR_REQUIRED) && sr_ynode_is_null(v) && t->kind != SR_S_LIST) {
            /* An optional key left blank, as in a template: not given. Say so,
             * because a blank is neither 0 nor "not available". */
            sr_diag *g = sr_diag_add(c->d, SR_WARNING, sr_ynode_loc(sr_ymap_key(n, f->key)),
                                     "`%s` is left blank, so it is treated as not given", f->key);
            if (t->kind == SR_S_COUNT || t->kind == SR_S_MONEY || t->kind == SR_S_PERCENT)
                sr_diag_hint(g, "write the figure, or `not available` if you do not have it; "
                                "delete the line if it does not apply");
            else
                sr_diag_hint(g, "fill it in, or delete the line if it does not apply");
            continue;
        }
        if ((f->flags & SR_NONEMPTY) && t->kind == SR_S_LIST &&
            (sr_ynode_is_null(v) || (v->kind == SR_Y_SEQ && v->n == 0))) {
            sr_diag *g = err(c, sr_ymap_key(n, f->key), "%s has an empty `%s`",
                             s->what ? s->what : name, f->key);
            sr_diag_hint(g, "give at least one: %s", f->doc ? f->doc : "an entry");
            continue;
        }
        if (t->kind == SR_S_MAP || t->kind == SR_S_LIST || t->kind == SR_S_DICT ||
            (t->or_map && v->kind == SR_Y_MAP)) {
            sr_schema_check(c, t, v, fpath, f->key);
        } else {
            sr_value val;
            if (!sr_parse_scalar(c, t, f->flags, v, f->key, &val))
                val.avail = SR_INVALID; /* recorded so that no total is checked with it */
            if (!(f->flags & SR_META)) {
                bool ident = false;
                for (const char *const *k = s->identity; k && *k; k++)
                    ident |= strcmp(*k, f->key) == 0;
                record_as(c, fpath, &val, v, ident);
            }
        }
    }
    if ((s->sums || s->le) && c->rules)
        sr_rules_note(c->rules, c->a, s, path, c->nconflicts != conflicts);
}

bool sr_schema_check_file(sr_arena *a, sr_diags *d, const sr_source *src, const sr_schema *s,
                          const sr_ynode *root)
{
    return sr_schema_check_file_strict(a, d, src, s, root, false);
}

bool sr_schema_check_file_strict(sr_arena *a, sr_diags *d, const sr_source *src, const sr_schema *s,
                                 const sr_ynode *root, bool unknown_are_errors)
{
    size_t before = d->errors;
    sr_vctx c = {.a = a, .d = d, .src = src, .unknown_keys_are_errors = unknown_are_errors};
    sr_schema_check(&c, s, root, "", sr_basename(src->name));
    free(c.conflicts);
    return d->errors == before;
}
