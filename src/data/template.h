/* template: a blank, commented submission for one partner and year.
 *
 * Written from the schema tables, so it always matches what validate
 * accepts. Where the partner sent figures last year, list entries (courses,
 * income lines...) are filled in with last year's names and every figure
 * carries last year's value as a comment, so a data lead can fill it in
 * without reading the documentation.
 */
#ifndef SR_TEMPLATE_H
#define SR_TEMPLATE_H

#include "core/buf.h"
#include "data/figures.h"
#include "data/partnership.h"

/* Appends the template to out. prev holds last year's figures (any
 * submitter; only pt's are used) or is NULL. False when a name from last
 * year could not be written (not UTF-8): it is left blank in the file. */
bool sr_template_write(sr_buf *out, const sr_partnership *p, const sr_partner *pt, int year,
                       const sr_figures *prev);

#endif
