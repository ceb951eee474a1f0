/* value: a metric's value and a comparison of two, and the one way every
 * output formats them.
 *
 * The vocabulary the renderers share with the metrics layer: they include
 * this header and nothing else of metrics/ or data/. Values are exact
 * fractions, rounded once, when shown.
 */
#ifndef SR_VALUE_H
#define SR_VALUE_H

#include "core/avail.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef enum { SR_U_COUNT, SR_U_MONEY, SR_U_PERCENTAGE, SR_U_RATE, SR_U_RATIO } sr_unit;

struct sr_figure;

/* Wide enough that products of two fractions' parts cannot overflow. */
__extension__ typedef __int128 sr_i128;

/* A value as a fraction: count num/1, money pence/1, percentage and rate
 * num/den, ratio num/den. */
typedef struct {
    sr_avail avail;
    int64_t num, den;
    bool suppressed; /* hidden by disclosure control: shown as [c] */
    /* A row of a metric with `each` whose entry is not in this year's data
     * while the year has other entries (a one-off grant, a course that did
     * not run): it did not happen, so avail is SR_NOT_APPLICABLE ([z]), not
     * missing ([x]). A year with no entries at all, or no data, is [x]. Only
     * entries named by the data (`each` ending in `[*]`) are absent: a fixed
     * key the schema defines (a quarter, a category of abuse) not sent is
     * [x]. */
    bool absent;
} sr_mval;

/* The comparison of year i with what it is compared with. */
typedef enum {
    SR_CMP_OK,
    SR_CMP_NO_VALUE,    /* this year's value is not available */
    SR_CMP_NO_PREVIOUS, /* nothing to compare with */
    SR_CMP_BREAK,       /* a declared break in the series */
    SR_CMP_SUPPRESSED,  /* one of the two is hidden */
    SR_CMP_PERIOD,      /* the two cover periods of different length: not compared */
    SR_CMP_STOPPED,     /* the row is not in this year's data (absent): did not happen */
    SR_CMP_NEW,         /* the row is not in the data of the year compared with */
} sr_cmp_status;

/* Below this count, a change is given as a number, not a percentage
 * ("up 3 from 2", not "up 150.0%"): a percentage of a few means little. */
#define SR_PCT_MIN_BASE 5

typedef struct {
    sr_cmp_status status;
    sr_mval prev;  /* what is compared with */
    int prev_year; /* its year */
    bool from_baseline;
    sr_i128 dnum, dden; /* this less that, as a fraction */
    bool pct_ok;        /* false from 0, from a negative value, across a change of sign,
                           or from a count below SR_PCT_MIN_BASE */
    sr_i128 pnum, pden; /* percentage change, as a fraction */
    const struct sr_figure *break_date, *break_reason; /* data/figures.h */
    /* With SR_CMP_BREAK: the break was declared in the year compared with
     * (or a year since a baseline), not in this one: that year mixes the
     * series before and after it. */
    bool break_earlier;
    int break_year; /* the year whose data declared the break */
    /* With SR_CMP_PERIOD: the periods of this year and of the one compared
     * with, in words ("1 July 2019 to 31 March 2020", "the whole year"). */
    char period[2][96];
} sr_cmp;

/* num/den rounded to `places` decimal places, half away from zero, as an
 * integer scaled by 10^places (52.407 with 1 place -> 524). */
int64_t sr_round_frac(sr_i128 num, sr_i128 den, int places);

/* Formatting, one way for every output. */
/* The value as shown: "3,243", "£180,491", "52.4%", "351.4", "[x]", "[z]", "[c]". */
void sr_mval_format(const sr_mval *v, sr_unit u, char *buf, size_t size);
/* The change in words: "down 11.2% from 3,653", "up 9.3% from 2,022",
 * "no change from 212", "up 5 from 0", "up less than 0.1 percentage points
 * from 20.2%", or why there is no comparison ("not compared with 2018-19,
 * to protect small numbers"). */
void sr_cmp_words(const sr_cmp *c, sr_unit u, char *buf, size_t size);
/* "-11.2%", "+9.3%", "0.0%"; "[z]" when not defined. */
void sr_cmp_percent(const sr_cmp *c, char *buf, size_t size);
/* "-410", "+189", "-£20"; for percentages, points: "-1.2". */
void sr_cmp_diff(const sr_cmp *c, sr_unit u, char *buf, size_t size);

#endif
