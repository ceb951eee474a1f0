/* record: what a build was made from, and what it made.
 *
 * A build writes out/<year>/build-record.yaml: whether it was final, its
 * date, a SHA-256 over every input (what the report uses of
 * partnership.yaml, the years' submissions and narrative, the template, the
 * fonts, the program's version), and each
 * output with its size and SHA-256. status compares the inputs' hash with
 * the inputs now to say whether the report is current, and the outputs'
 * with the files to say whether they are still those built; publish
 * refuses a report that is not final, current and as built.
 */
#ifndef SR_RECORD_H
#define SR_RECORD_H

#include "core/arena.h"
#include "core/buf.h"
#include "core/diag.h"
#include "core/fsutil.h"
#include "data/dataset.h"
#include "data/guidance.h"
#include "data/yamlout.h"

#include <stdbool.h>
#include <stdint.h>

#define SR_SHA256_HEX 65

typedef struct {
    const char *name; /* a file in out/<year>/ */
    int64_t bytes;
    char sha256[SR_SHA256_HEX];
} sr_record_file;

typedef struct {
    int year;
    bool final;
    int32_t built; /* yyyymmdd */
    char inputs[SR_SHA256_HEX];
    sr_record_file *outputs;
    size_t noutputs;
} sr_build_record;

/* SHA-256 of a file, as 64 hex digits; false if it cannot be read. */
bool sr_sha256_file(const char *path, char hex[SR_SHA256_HEX], int64_t *bytes);

/* What year's report uses of partnership.yaml, as canonical text appended
 * to b: the partnership's identity and options, the edition chosen for the
 * year (g, may be NULL), the statutory partners and those the years'
 * figures name (their names in each loaded year and short names), and the
 * population of the years. A key the report starts to read must be added
 * here, or changing it would not make the report stale. */
void sr_partnership_canonical(const sr_dataset *ds, const sr_guidance *g, sr_buf *b);

/* The hash over every input of year's report. */
void sr_inputs_hash(const char *data_dir, const char *templates_dir, const char *fonts_dir,
                    int year, char hex[SR_SHA256_HEX]);
/* The same, from the year's data already loaded (with SR_MAX_YEARS years, as
 * sr_dataset_load gives them to build and status), so it is not read twice. */
void sr_inputs_hash_of(const sr_dataset *ds, const char *data_dir, const char *templates_dir,
                       const char *fonts_dir, char hex[SR_SHA256_HEX]);

/* The same, for a build: with seen, the log of what the build read
 * (core/fsutil.h), each file it read counts with the bytes it read then,
 * and a file put into a folder after the build listed it counts as
 * missing; so a file saved during the build makes the report stale. The
 * files the build did not read are read now. Stops the read log. */
void sr_inputs_hash_seen(const sr_dataset *ds, const char *data_dir, const char *templates_dir,
                         const char *fonts_dir, const sr_file_log *seen, char hex[SR_SHA256_HEX]);
/* Notes every font file in fonts_dir in the read log: the fonts are
 * opened by the font libraries, whose reads the log cannot see, so a build
 * hashes them itself first. Each font's hash comes from the cache of the
 * fonts' hashes (core/filehash.h, in the fonts' cache folder, chart/fonts.h)
 * when it holds the font as it is, else from reading it; status's inputs'
 * hash takes the fonts' hashes from the same cache. */
void sr_inputs_read_fonts(const char *fonts_dir);

/* Writes rec into out_dir/build-record.yaml (atomically); 0 or -1. */
int sr_build_record_write(const char *out_dir, const sr_build_record *rec);
/* Reads it back; NULL if there is none or it cannot be read (not reported). */
sr_build_record *sr_build_record_read(sr_arena *a, const char *out_dir);

/* The first output listed in rec that is not, byte for byte, in out_dir
 * (changed, replaced or missing: a build stopped part-way, or a hand
 * edit); NULL when every one is the file the build made. */
/* Writes files as a YAML list of {name, bytes, sha256}, the form the build
 * record's `outputs` and the publication manifest's `files` share. */
void sr_record_files_yaml(sr_yout *w, const sr_record_file *files, size_t n);

const sr_record_file *sr_build_record_changed(const sr_build_record *rec, const char *out_dir);

#endif
