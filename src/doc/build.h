/* build: making the document tree (doc/doc.h) of a year's report.
 *
 * From the report template (report-templates/report.yaml: the sections in
 * order, the narrative file each takes, the data blocks), the year's
 * Markdown narrative (parsed with libcmark) with its placeholders replaced
 * by computed figures, the year's metrics and the chart specifications
 * (each chart built once, here), and the partnership's own data (its lead
 * partners, the year's sign-off). Also decided here: the data annex (which
 * tables the workbook holds, their notes) and the chart files.
 */
#ifndef SR_DOC_BUILD_H
#define SR_DOC_BUILD_H

#include "chart/spec.h"
#include "core/arena.h"
#include "core/diag.h"
#include "data/dataset.h"
#include "data/guidance.h"
#include "doc/doc.h"
#include "metrics/metrics.h"

typedef struct {
    const char *data_dir;        /* for data/<year>/narrative, and data/templates/report.yaml */
    const char *templates_dir;   /* for report.yaml */
    bool final;                  /* a missing narrative or unknown placeholder is an error */
    int32_t published;           /* the day the report is (final) or is to be (a draft)
                                    published, yyyymmdd, or 0 when not given */
    const sr_guidance *guidance; /* the edition; NULL: the one for the year (data/guidance.h) */
    /* The comparisons with England, the region and the statistical
     * neighbours (chart/spec.h), or NULL: none, and the report is as
     * without them. With some: the summary's England, region and
     * neighbours' average columns, the
     * Benchmarks sheet and its notes naming each file, {{england:ID}},
     * {{region:ID}}, {{neighbours:ID}}, {{compare:ID}}, and dot plots. */
    const sr_chart_bench *bench;
} sr_doc_options;

/* How deep lists, quotations, emphasis and links may nest in a section's
 * words, counted from the section (a list and its items are one level).
 * Deeper ones are set at this depth, their words kept, with a warning: no
 * reader follows more, and every output walks a tree of bounded depth. */
#define SR_DOC_MAX_NESTING 48

/* Builds the document. Problems (missing narrative, unknown placeholder or
 * block, template errors) go to d: warnings in a draft, errors with final.
 * Returns NULL when the template cannot be used. */
sr_document *sr_doc_build(sr_arena *a, sr_diags *d, const sr_doc_options *o, const sr_dataset *ds,
                          const sr_catalogue *cat, const sr_metrics *m,
                          const sr_chart_specs *specs);

/* Whether the template's section sid is optional and was left out of the
 * report for want of words (so a duty naming it is not met, but the
 * template has it). */
bool sr_doc_left_out(const sr_document *doc, const char *sid);
/* The contributions check of a guidance edition that asks for each
 * partner's contribution to the shared budget to be shown (Working Together
 * 2023's `contributions`): with needs_contributions, a report without a
 * `table contributions` that has rows is a warning in a draft and an error
 * when final. Returns the number of problems (0 or 1). */
size_t sr_doc_contributions_check(sr_diags *d, const sr_document *doc, bool needs_contributions,
                                  bool final);

/* A section of the report template, as written there. */
typedef struct {
    const char *id, *title, *narrative; /* narrative: a file name, or NULL */
    bool optional;                      /* left out of the report when its narrative has no words */
} sr_doc_section_info;

/* The template's sections in order, read from templates_dir/report.yaml
 * with data_dir/templates/report.yaml layered over it (data_dir may be
 * NULL), without building a report: for starting a year's narrative files.
 * Returns false (problems in d) when the template cannot be used. */
bool sr_doc_sections(sr_arena *a, sr_diags *d, const char *templates_dir, const char *data_dir,
                     sr_doc_section_info **out, size_t *n);

/* One diagnostic of severity sev for each file or folder in
 * data_dir/YEAR/narrative/ that no section of the template takes (its
 * `narrative:`), with the reason and what to do: a folder, a name that
 * differs from a section's only in capitals, any other file (a .docx, an
 * .md file no section names). Nothing when the template cannot be read
 * (the build reports that). Returns how many were listed. */
size_t sr_doc_unread_narrative(sr_arena *a, sr_diags *d, const char *templates_dir,
                               const char *data_dir, int year, sr_severity sev);

/* Replaces {{value:ID}}, {{previous:ID}}, {{change:ID}}, {{year}},
 * {{previous-year}} and {{partnership}} in text (the builder also fills
 * {{england:ID}}, {{region:ID}}, {{neighbours:ID}} and {{compare:ID}}
 * from its benchmarks). Unknown ones are reported
 * at their place in src (line/col counted from first_line) and left visible
 * as "[?ID]". Returns the new text, in a. */
const char *sr_doc_fill(sr_arena *a, sr_diags *d, const sr_source *src, unsigned first_line,
                        const char *text, const sr_metrics *m, const sr_dataset *ds, bool final);

#endif
