/* workspace: a partnership's folder on disk. Finds the report template and
 * fonts that come with the program (for init), and starts a reporting
 * year's folder: one request per partner to fill in and one empty narrative
 * file per section (for init and new-year). Never replaces a file. */
#ifndef SR_WORKSPACE_H
#define SR_WORKSPACE_H

#include "core/arena.h"
#include "core/buf.h"
#include "core/diag.h"
#include "data/figures.h"
#include "data/partnership.h"

#include <stdbool.h>

/* The folder `name` (report-templates or fonts) that comes with the
 * program: in the folder holding the executable (a build folder anywhere,
 * where the build links them), beside that folder (a build folder inside
 * the source), or in the installed share folder. malloc'd, or NULL when
 * there is none. */
char *sr_bundled_dir(const char *name);

/* What starting a year did, as lines for the user. */
typedef struct {
    size_t made, kept; /* files written, files already there */
} sr_year_start;

/* Creates data_dir/YEAR/narrative/ with an empty Markdown file for each
 * section of the template in templates_dir that takes one, leaving files
 * already there alone. Lists what it wrote in log. Returns 0, 1 when the
 * template has errors (in d), or 3 when a file cannot be written (said on
 * stderr). */
int sr_start_narrative(sr_arena *a, sr_diags *d, const char *data_dir, const char *templates_dir,
                       int year, sr_buf *log, sr_year_start *st);

/* Creates data_dir/YEAR/requests/<partner>.yaml for each partner that
 * sends figures (those with `submits`, or every partner when none says),
 * filled in from last year's figures where there are any. prev may be NULL.
 * Returns 0 or 3 (said on stderr). */
int sr_start_requests(const sr_partnership *p, const char *data_dir, int year,
                      const sr_figures *prev, sr_buf *log, sr_year_start *st);

#endif
