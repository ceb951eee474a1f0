/* dataset: a partnership and the years a report needs, loaded and checked.
 *
 * The year asked for and up to four before it (those whose folders exist),
 * each loaded and checked as `validate` does, with every problem in one
 * list of diagnostics. Later stages read the years' figures from here.
 */
#ifndef SR_DATASET_H
#define SR_DATASET_H

#include "core/arena.h"
#include "core/diag.h"
#include "data/loader.h"
#include "data/partnership.h"

#define SR_MAX_YEARS 5 /* the year asked for and up to four before it */

typedef struct {
    sr_arena *a;
    sr_diags d;
    sr_partnership *p;
    int year0;
    sr_year years[SR_MAX_YEARS];
    sr_year *have[SR_MAX_YEARS]; /* &years[i], or NULL when year0 - i has no folder */
    size_t nyears;
} sr_dataset;

typedef enum { SR_DS_OK, SR_DS_INVALID, SR_DS_IO } sr_ds_status;

/* Loads data_dir/partnership.yaml and the folders for year0 and up to
 * max_years - 1 years before it. The folder for year0 must exist. */
sr_ds_status sr_dataset_load(sr_dataset *ds, const char *data_dir, int year0, size_t max_years);

/* The same, saying of each file and folder of the data folder and of the
 * years loaded that is not read what mode asks (sr_dataset_load: a
 * warning; a final report: an error). */
sr_ds_status sr_dataset_load_unread(sr_dataset *ds, const char *data_dir, int year0,
                                    size_t max_years, sr_unread_mode mode);
void sr_dataset_free(sr_dataset *ds);

#endif
