/* rules: the checks a mapping states about its own figures, made once every
 * file of the year has been read.
 *
 * A schema mapping may say that a total equals the sum of its parts, or that
 * one figure is not more than another (schema.h). While a file is checked,
 * each place such a rule applies (a "site", named by its path) is noted
 * here; sr_rules_check() then evaluates every site over the year's figures,
 * so a total sent in one file is checked against parts sent in another, and
 * a file checked alone is checked against itself.
 */
#ifndef SR_RULES_H
#define SR_RULES_H

#include "core/arena.h"
#include "core/diag.h"
#include "core/strmap.h"
#include "data/figures.h"

struct sr_schema;

typedef struct {
    const struct sr_schema *s;
    const char *path;
    bool clash; /* a figure here was also given by another file: reported, not summed */
} sr_rule_site;

typedef struct {
    sr_rule_site *v;
    size_t n, cap;
    sr_strmap index; /* path -> site */
} sr_rules;

void sr_rules_init(sr_rules *r);
void sr_rules_free(sr_rules *r);

/* Notes that the rules of schema s apply at path (path is copied). */
void sr_rules_note(sr_rules *r, sr_arena *a, const struct sr_schema *s, const char *path,
                   bool clash);

/* Evaluates every noted site against figs, reporting to d. */
void sr_rules_check(const sr_rules *r, const sr_figures *figs, sr_diags *d);

#endif
