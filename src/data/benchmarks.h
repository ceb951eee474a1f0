/* benchmarks: the DfE's published CSV files in DATA/benchmarks/, read and
 * checked against report-templates/benchmarks.yaml.
 *
 * benchmarks.yaml (with the data folder's templates/benchmarks.yaml layered
 * over it: an entry with the id of a default one replaces it) has one entry
 * per publication table and release: its header's columns (which is how a
 * file is recognised), the form of its time_period, the rows it keeps
 * (`category: Total`), the symbols it uses and their GSS form, whether its
 * rates are on the population estimates revised in February 2025, and for
 * each catalogue metric it supplies the column, unit and decimal places.
 *
 * Each file is read unchanged (any name ending .csv), with every cell's
 * line and column, and checked: its header against the entries (an unknown
 * or missing column is an error naming the closest known one), then each
 * row (the time period's form, the geographic level, the geography codes,
 * the cells of mapped columns: a number or one of the table's symbols, and
 * no row twice). Everything lives in the arena passed in.
 */
#ifndef SR_BENCHMARKS_H
#define SR_BENCHMARKS_H

#include "core/arena.h"
#include "core/diag.h"
#include "data/partnership.h"

#include <stdbool.h>
#include <stddef.h>

/* The folder of the data folder that holds the DfE's files. */
#define SR_BENCH_DIR "benchmarks"
/* The largest file read: the DfE's local authority tables are a few MiB. */
#define SR_BENCH_MAX_FILE ((size_t)64 << 20)

typedef enum {
    SR_BT_REPORTING, /* `2023`: the year ending 31 March 2023, i.e. 2022-23 */
    SR_BT_FINANCIAL, /* `202324`: 2023-24 */
} sr_btime;

/* A metric a table supplies. */
typedef struct {
    const char *metric; /* the catalogue's id */
    const char *column; /* its column in the file */
    const char *unit;   /* count, rate or percentage, as benchmarks.yaml says */
    int places;         /* decimal places as published (or, per_10000, as worked out) */
    /* `worked_out: per-10000-children`: the column is a count, and the rate
     * is that count per 10,000 of the population a table with `population:`
     * gives for the same area and year, rounded to `places`; the DfE
     * publishes no rate for it. */
    bool per_10000;
    /* `of:`: the count column a percentage is of (rereferral_percent is of
     * referral_count), by which two or more local authorities' percentages
     * are combined; NULL when not said. */
    const char *of;
    sr_loc loc;
} sr_bmap;

typedef struct {
    const char *id;
    const char *publication, *table, *release, *url; /* url may be NULL */
    bool revised;         /* rates on the population estimates revised in February 2025 */
    const char **columns; /* the header, as published */
    size_t ncolumns;
    sr_btime time;
    int last_year; /* the project's year of its latest time period; 0 when not said */
    const char **filter_cols, **filter_vals; /* rows kept: every filter column equal */
    size_t nfilters;
    const char **sym_text, **sym_gss; /* `c` -> `[c]`, ... */
    size_t nsyms;
    sr_bmap *maps;
    size_t nmaps;
    /* `population:`: the column with the number of children aged 0 to 17
     * each row's rates are per 10,000 of, or NULL. */
    const char *population;
    sr_loc loc;
} sr_bench_entry;

typedef struct {
    sr_bench_entry *v;
    size_t n;
} sr_bench_spec;

typedef enum { SR_BGEO_NATIONAL, SR_BGEO_REGIONAL, SR_BGEO_LA } sr_bgeo;

/* One cell: its text as written (quotes removed), where it is. */
typedef struct {
    const char *text;
    unsigned line, col, len; /* col and len in characters */
} sr_bcell;

/* A row kept (its level known, its time period read, the filters met). */
typedef struct {
    int year; /* the project's year */
    sr_bgeo level;
    const char *code; /* country_code, region_code or new_la_code */
    const char *name; /* country_name, region_name or la_name */
    const char *region_code, *region_name;
    unsigned line;
    const sr_bcell *cells; /* one per column of the header */
} sr_brow;

typedef struct {
    const sr_source *src;
    const sr_bench_entry *e;
    sr_brow *rows;
    size_t nrows;
    size_t *map_col; /* the column of each of e->maps */
    size_t *of_col;  /* the column of each map's `of`, SIZE_MAX when it has none */
    size_t pop_col;  /* the column of e->population, SIZE_MAX when there is none */
    const sr_bcell *header;
    size_t ncols;
} sr_bfile;

typedef struct sr_bench_data {
    const sr_bench_spec *spec;
    const sr_partnership *p;
    sr_bfile *files; /* the files recognised and usable, by name */
    size_t nfiles;
} sr_bench_data;

/* Reads templates_dir/benchmarks.yaml with data_dir/templates/benchmarks.yaml
 * layered over it (data_dir may be NULL). NULL (with diagnostics) when it
 * cannot be used. */
sr_bench_spec *sr_bench_spec_load(sr_arena *a, sr_diags *d, const char *templates_dir,
                                  const char *data_dir);

/* Whether a file's name is a CSV file's (ending .csv or .CSV), which is
 * what benchmarks/ is read for. */
bool sr_bench_is_csv(const char *name);

/* Whether a data folder uses benchmarks: partnership.yaml has the block, or
 * the folder has benchmarks/. */
bool sr_bench_wanted(const sr_partnership *p, const char *data_dir);

/* Reads and checks every .csv file in data_dir/benchmarks/ (and says of
 * anything else there that it is not read). p (may be NULL) names the area
 * and its neighbours: a code of the area no file gives is a warning. Files
 * with errors are left out of the result. Never NULL. */
sr_bench_data *sr_bench_load(sr_arena *a, sr_diags *d, const sr_bench_spec *spec,
                             const char *data_dir, const sr_partnership *p);

/* What the files say of local authority code: its name (la_name), its
 * region's code and name, from the first row of any file that has them;
 * each NULL when no row says. */
void sr_bench_area_info(const sr_bench_data *bd, const char *code, const char **name,
                        const char **region_code, const char **region_name);

/* For each of years (the project's) that a file gives England's figures
 * for, a warning at that row when the file has no row for one of p's
 * local authorities: its figures for the year would be shown as not
 * available without a word. Nothing for an authority that has no row in
 * any file (sr_bench_load has said so). */
void sr_bench_check_years(sr_diags *d, const sr_bench_data *bd, const int *years, size_t nyears);

/* Reads and checks one file (for validate FILE.csv); NULL when it cannot be
 * used. */
const sr_bfile *sr_bench_load_file(sr_arena *a, sr_diags *d, const sr_bench_spec *spec,
                                   const char *path, const char *root);

/* Checks text as a CSV file of the DfE's (the fuzz target's way in). */
const sr_bfile *sr_bench_parse(sr_arena *a, sr_diags *d, const sr_bench_spec *spec,
                               const sr_source *src);

/* The row of f for year, level and code (code NULL: the national row). */
const sr_brow *sr_bfile_row(const sr_bfile *f, int year, sr_bgeo level, const char *code);

/* The year a time period stands for, as the project counts (the first
 * calendar year of the reporting year), or 0 when t is not of form tf. */
int sr_bench_year(const char *t, sr_btime tf);

#endif
