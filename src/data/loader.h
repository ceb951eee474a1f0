/* loader: reading a year's submissions into one figure store.
 *
 * Owns: reading files within the size limit, parsing them (ynode), the
 * per-file header checks (format, partner, year against its folder), running
 * the schema, and reporting figures that two files both give. The checks
 * that need the whole year at once are in checks.c.
 */
#ifndef SR_LOADER_H
#define SR_LOADER_H

#include "core/arena.h"
#include "core/diag.h"
#include "core/fsutil.h"
#include "data/figures.h"
#include "data/partnership.h"
#include "data/rules.h"
#include "data/ynode.h"

#include <stdbool.h>

/* Largest input file read, in bytes. */
#define SR_MAX_FILE_SIZE ((size_t)4 << 20)

typedef struct {
    const sr_source *src;
    const char *partner; /* submitter's id, or NULL if the file did not say */
    int year;            /* the year the file says, or 0 */
} sr_submission;

typedef struct {
    int year; /* first calendar year of the reporting year; 0 if unknown */
    sr_figures figs;
    sr_rules rules; /* where totals and part-of-whole rules apply */
    sr_submission *subs;
    size_t nsubs, cap;
} sr_year;

/* What loading a folder says about the files and folders in it that it
 * does not read (a misnamed file would otherwise be left out in silence). */
typedef enum {
    SR_UNREAD_WARN,  /* a warning for each (the default) */
    SR_UNREAD_ERROR, /* an error for each: a final report must not leave any out */
    SR_UNREAD_QUIET, /* nothing: the caller lists them itself */
} sr_unread_mode;

typedef struct {
    sr_arena *a;
    sr_diags *d;
    const sr_partnership *p; /* NULL: partner ids are not checked */
    const char *root;        /* files may not link out of this folder; NULL: the
                                year folder's parent, when loading a folder */
} sr_loader;

/* Reads and parses a YAML file, registering it with d. Returns the root, or
 * NULL (with diagnostics) if it cannot be read or parsed. *src receives the
 * registered source (NULL if the file could not be opened). */
sr_ynode *sr_load_yaml_file(sr_arena *a, sr_diags *d, const char *path, const sr_source **src);

/* The same, refusing a file that is a link leading out of the folder root
 * (the data folder), so that a link cannot bring another file's contents
 * into messages or the report. root NULL: no check. */
sr_ynode *sr_load_yaml_file_within(sr_arena *a, sr_diags *d, const char *path, const char *root,
                                   const sr_source **src);

/* sr_load_yaml_file, with the hint given for an empty file (a file that is
 * not a submission says what it should hold instead). */
sr_ynode *sr_load_yaml_file_hinted(sr_arena *a, sr_diags *d, const char *path,
                                   const char *empty_hint, const sr_source **src);

/* Adds the error for a file that could not be read (st is not SR_READ_OK)
 * and returns it. outside: where a refused link leads, or NULL. */
sr_diag *sr_report_read_error(sr_diags *d, const char *path, sr_read_status st, size_t size,
                              const char *outside);

void sr_year_init(sr_year *y, int year);
void sr_year_free(sr_year *y);

/* Loads one submission into y. folder_year is the year named by the folder
 * the file is in (0 if the folder is not named like 2019-20). */
void sr_load_submission(sr_loader *l, sr_year *y, const char *path, int folder_year);

/* The same for a source already registered with l->d (tests, or text that
 * did not come from a file). */
void sr_load_submission_source(sr_loader *l, sr_year *y, const sr_source *src, int folder_year);

/* Loads every submission (*.yaml, except partnership.yaml and
 * publication.yaml) in dir, and warns of each file or folder in it that is
 * not read (sr_report_unread_year). Returns how many files were read, or -1
 * when the folder cannot be read (reported). */
int sr_load_year_dir(sr_loader *l, sr_year *y, const char *dir);

/* The same, saying of what is not read what mode asks. */
int sr_load_year_dir_unread(sr_loader *l, sr_year *y, const char *dir, sr_unread_mode mode);

/* One diagnostic of severity sev (no file, line 0) for each file and folder
 * in the year folder dir that no command reads, with the reason and what to
 * do: a file that is not .yaml (training.YAML, reviews.yaml.txt, police.yml,
 * a spreadsheet), a folder in it other than narrative/ and requests/ (the
 * blank requests `new-year` writes), a partner's file named
 * partnership.yaml. The narrative folder's files are checked against the
 * template's sections (sr_doc_unread_narrative, doc/build.h).
 * Hidden files (names starting with a dot: the system's and editors') are
 * not listed. Returns how many were listed. */
size_t sr_report_unread_year(sr_diags *d, const char *dir, sr_severity sev);

/* The same for the top of a data folder: anything but partnership.yaml,
 * templates/ and the year folders (named like 2019-20): a submission saved
 * there, a folder named like a year but not as one (2020-2021). A folder
 * that is a data folder of its own (it, or a folder in it, holds a
 * partnership.yaml) is read with --data, not lost: it gets a note when
 * note_data_folders is true, and nothing otherwise. The year folders' contents are
 * listed by sr_report_unread_year. */
size_t sr_report_unread_data(sr_diags *d, const char *data_dir, sr_severity sev,
                             bool note_data_folders);

/* The partnership's logo for the report's cover, beside partnership.yaml:
 * read by the document builder, so never listed as unread. */
#define SR_LOGO_FILE "logo.png"

/* The checks across all of a year's files (checks.c). */
void sr_year_check(sr_loader *l, sr_year *y);

/* "2019-20" -> 2019; anything else -> 0. */
int sr_year_from_name(const char *name);

#endif
