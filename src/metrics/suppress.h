/* suppress: disclosure control, applied to computed metrics before any
 * output sees them.
 *
 * Following the official statistics convention: a count from 1 to the
 * threshold is hidden as [c] (0 stays 0, a true zero); a share, rate or
 * ratio resting on such a count is hidden too; and secondary suppression
 * hides a further cell wherever a hidden one could be worked out, from the
 * total of a table (the catalogue's tables, and the rows of a metric with
 * `each`) or from the same figures shown in another metric. Comparisons
 * with a hidden value are hidden (see sr_metric_compare).
 */
#ifndef SR_SUPPRESS_H
#define SR_SUPPRESS_H

#include "metrics/catalogue.h"
#include "metrics/metrics.h"

/* Marks cells of m as suppressed. Returns how many cells were hidden. */
size_t sr_suppress(sr_metrics *m, const sr_catalogue *cat, int64_t threshold);

#endif
