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

/* Appends the template to out, through the one YAML writer. prev holds
 * last year's figures (any submitter; only pt's are used) or is NULL.
 * False when it could not be written whole (a name from last year that is
 * not UTF-8 text): out is then incomplete and must not be saved. */
bool sr_template_write(sr_buf *out, const sr_partnership *p, const sr_partner *pt, int year,
                       const sr_figures *prev);

#endif
