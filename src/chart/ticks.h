/* ticks: "nice" axis ticks, steps of 1, 2 or 5 times a power of ten. */
#ifndef SR_TICKS_H
#define SR_TICKS_H

#include <stdbool.h>
#include <stddef.h>

#define SR_MAX_TICKS 12

typedef struct {
    double lo, hi, step; /* the axis runs from lo to hi in steps */
    double v[SR_MAX_TICKS];
    size_t n;
} sr_ticks;

/* Ticks covering min..max (0 is always included: bars start at zero), with
 * at most max_intervals steps. With whole set, steps are whole numbers (for
 * counts). An empty or all-zero range gives 0..1 (0..5 for whole numbers
 * would suggest data that is not there, so the axis is just 0 and 1). */
sr_ticks sr_ticks_make(double min, double max, size_t max_intervals, bool whole);

#endif
