/* compare: how the area's figure stands against England's and its
 * statistical neighbours' average, in words for the narrative
 * ({{compare:ID}}): "above England (191.6 per 10,000) and the neighbours'
 * average (175.2)". A pure function of the values as published, so that
 * the words can be tested without files.
 */
#ifndef SR_COMPARE_H
#define SR_COMPARE_H

#include "metrics/value.h"

#include <stddef.h>

/* One figure: its value, a figure to compare when avail is SR_AVAILABLE
 * and it is not suppressed, and how it is shown ("191.6", "[c]", "[x]",
 * "[z]", "[low]"). */
typedef struct {
    sr_mval v;
    const char *shown;
} sr_compare_fig;

typedef struct {
    sr_unit unit;
    int places; /* the decimal places published: figures are compared as shown at them */
    sr_compare_fig area, england;
    sr_compare_fig neighbours; /* the neighbours' average */
    size_t nmean;              /* how many neighbours the average is of */
    size_t nlisted;            /* how many the partnership lists; 0: no list, no words on them */
} sr_compare_in;

/* The words, into buf (always terminated):
 *   "above England (191.6 per 10,000) and the neighbours' average (175.2)"
 *   "below England (191.6 per 10,000) but above the neighbours' average
 *    (175.2, of 9 of the 10 neighbours)"
 *   "the same as England (63.2 per 10,000); the neighbours' average is not
 *    available"
 *   "not compared: the area's figure is not shown, to protect small numbers"
 * A count (or money) is compared with the neighbours' average only, never
 * with England's total, which any area's count is below:
 *   "above the neighbours' average (3,048, of 9 of the 10 neighbours)"
 * Written to follow "The area's rate was ...". */
void sr_compare_words(const sr_compare_in *in, char *buf, size_t size);

/* A figure for running text: as shown when it is a figure, else what its
 * shorthand means ("not shown, to protect small numbers", "not
 * applicable", "not available", "close to zero, but not zero"). */
const char *sr_compare_fig_words(const sr_compare_fig *f);

#endif
