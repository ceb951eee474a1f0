/* ticks: nice axis ticks, see ticks.h. */
#include "chart/ticks.h"

#include <math.h>

sr_ticks sr_ticks_make(double min, double max, size_t max_intervals, bool whole)
{
    sr_ticks t = {0};
    if (min > 0)
        min = 0;
    if (max < 0)
        max = 0;
    if (max_intervals < 1)
        max_intervals = 1;
    if (max_intervals > SR_MAX_TICKS - 1)
        max_intervals = SR_MAX_TICKS - 1;
    if (!(max > min)) {
        t.lo = 0;
        t.hi = 1;
        t.step = 1;
        t.v[0] = 0;
        t.v[1] = 1;
        t.n = 2;
        return t;
    }
    double range = max - min;
    double mag = pow(10, floor(log10(range / (double)max_intervals)));
    static const double mult[] = {1, 2, 5, 10, 20, 50};
    double step = mag * 10;
    for (size_t i = 0; i < sizeof mult / sizeof *mult; i++) {
        double s = mag * mult[i];
        if (whole && s < 1)
            continue;
        double lo = floor(min / s) * s, hi = ceil(max / s) * s;
        if ((hi - lo) / s <= (double)max_intervals + 1e-9) {
            step = s;
            break;
        }
    }
    if (whole && step < 1)
        step = 1; /* counts never step by fractions */
    t.step = step;
    t.lo = floor(min / step) * step;
    t.hi = ceil(max / step) * step;
    for (double v = t.lo; v <= t.hi + step * 1e-9 && t.n < SR_MAX_TICKS; v += step)
        t.v[t.n++] = fabs(v) < step * 1e-9 ? 0 : v;
    return t;
}
