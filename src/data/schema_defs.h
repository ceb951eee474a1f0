/* schema_defs: the data format, as tables. docs/data-format.md describes the
 * same format for people; keep the two in step. */
#ifndef SR_SCHEMA_DEFS_H
#define SR_SCHEMA_DEFS_H

#include "data/schema.h"

/* A partner's submission: data/<year>/<name>.yaml */
extern const sr_schema sr_submission_schema;
/* The partnership: data/partnership.yaml */
extern const sr_schema sr_partnership_schema;

/* The sections a submission may hold, in the order the template writes them. */
extern const char *const sr_section_names[];

#endif
