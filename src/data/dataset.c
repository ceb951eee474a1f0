/* dataset: loading the years a report needs, see dataset.h. */
#include "data/dataset.h"

#include "core/fmt.h"
#include "core/fsutil.h"

#include <stdlib.h>
#include <string.h>

sr_ds_status sr_dataset_load(sr_dataset *ds, const char *data_dir, int year0, size_t max_years)
{
    return sr_dataset_load_unread(ds, data_dir, year0, max_years, SR_UNREAD_WARN);
}

sr_ds_status sr_dataset_load_unread(sr_dataset *ds, const char *data_dir, int year0,
                                    size_t max_years, sr_unread_mode mode)
{
    memset(ds, 0, sizeof *ds);
    ds->a = sr_arena_new();
    sr_diags_init(&ds->d);
    ds->year0 = year0;
    ds->nyears = max_years > SR_MAX_YEARS ? SR_MAX_YEARS : max_years;

    char *pp = sr_path_join(data_dir, "partnership.yaml");
    ds->p = sr_partnership_load(ds->a, &ds->d, pp);
    free(pp);
    if (mode != SR_UNREAD_QUIET)
        sr_report_unread_data(&ds->d, data_dir, mode == SR_UNREAD_ERROR ? SR_ERROR : SR_WARNING,
                              false);
    for (size_t i = 0; i < ds->nyears; i++) {
        char name[16];
        sr_fmt_year(year0 - (int)i, name, sizeof name);
        char *dir = sr_path_join(data_dir, name);
        sr_year_init(&ds->years[i], year0 - (int)i);
        if (sr_path_kind_of(dir) == SR_PATH_DIR) {
            sr_loader l = {ds->a, &ds->d, ds->p, data_dir};
            if (sr_load_year_dir_unread(&l, &ds->years[i], dir, mode) >= 0)
                sr_year_check(&l, &ds->years[i]);
            ds->have[i] = &ds->years[i];
        } else if (i == 0) {
            sr_source *src = sr_diags_add_source(&ds->d, dir, NULL, 0);
            sr_diag *g = sr_diag_add(&ds->d, SR_ERROR, (sr_loc){src, 0, 0, 0},
                                     "there is no folder for %s", name);
            sr_diag_hint(g,
                         "a year's submissions go in %s; use --data DIR if the data folder "
                         "is elsewhere",
                         dir);
            ds->d.io_errors++;
        }
        free(dir);
    }
    if (ds->d.io_errors)
        return SR_DS_IO;
    return ds->d.errors || !ds->p ? SR_DS_INVALID : SR_DS_OK;
}

void sr_dataset_free(sr_dataset *ds)
{
    for (size_t i = 0; i < ds->nyears; i++)
        sr_year_free(&ds->years[i]);
    sr_diags_free(&ds->d);
    sr_arena_free(ds->a);
    memset(ds, 0, sizeof *ds);
}
