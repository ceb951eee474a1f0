/* doc: the report as one document tree, which every renderer walks.
 *
 * Built from the report template (report-templates/report.yaml: the
 * sections in order, the narrative file each takes, the data blocks), the
 * year's Markdown narrative (parsed with libcmark) with its placeholders
 * replaced by computed figures, and the year's metrics and charts (and the
 * partnership's own data: its lead partners, the year's sign-off). The PDF
 * and HTML renderers both read this tree (cmark's model: one tree, one small
 * renderer per output), so the two can never say different things.
 * Everything lives in the arena passed to sr_doc_build().
 */
#ifndef SR_DOC_H
#define SR_DOC_H

#include "chart/chart.h"
#include "chart/spec.h"
#include "core/arena.h"
#include "core/diag.h"
#include "data/dataset.h"
#include "data/guidance.h"
#include "metrics/metrics.h"

typedef enum {
    SR_D_SECTION,   /* a numbered section: title; children */
    SR_D_HEADING,   /* a heading inside a section, level 2 or 3 */
    SR_D_PARAGRAPH, /* markup */
    SR_D_LIST,      /* children are items; ordered or not */
    SR_D_ITEM,      /* children */
    SR_D_QUOTE,     /* children: a quotation */
    SR_D_TABLE,     /* table */
    SR_D_FIGURE,    /* a chart with its caption and text alternative */
    SR_D_NOTE,      /* a note set apart: a missing narrative, a series break */
} sr_dkind;

typedef struct {
    const char *caption;
    size_t ncols, nrows;
    const char **head;  /* ncols */
    const char **cells; /* nrows * ncols, row by row */
    bool *numeric;      /* per column: right-aligned figures */
    const char *note;   /* below the table, or NULL */
} sr_dtable;

typedef struct sr_dnode sr_dnode;
struct sr_dnode {
    sr_dkind kind;
    int level;             /* heading level: 1 for a section, 2 or 3 inside */
    const char *number;    /* "3" or "3.2" for sections and headings */
    const char *text;      /* plain text: headings (for contents and outline), notes */
    const char *markup;    /* Pango markup: paragraphs, headings, notes */
    const char *anchor;    /* a destination name for links: sections and headings */
    const char *sid;       /* a section's id in the template */
    const char *narrative; /* a section: the Markdown file it takes, or NULL */
    bool written; /* a section: its narrative file has words (with none, its blocks count) */
    bool ordered; /* list */
    sr_dtable *table;
    const sr_chart *chart;
    const char *alt; /* the chart's text alternative */
    double width, height;
    sr_dnode **kids;
    size_t nkids;
};

/* A duty of the yearly report (from the guidance edition) and the sections
 * that meet it (from report.yaml's `statutory:`). */
typedef struct {
    const char *id, *text;
    bool confirmed; /* the edition marks the duty as checked */
    const char **sections;
    size_t nsections;
    bool covered; /* at least one of them has words */
} sr_duty;

typedef struct {
    const char *title;       /* "Example Safeguarding Children Partnership annual report 2024-25" */
    const char *partnership; /* its name */
    const char *short_name;
    const char *year; /* "2019-20" */
    const char *lang; /* "en-GB" */
    const char *subject, *keywords;
    bool landscape;
    const char *font;            /* the family the report is set in */
    double accent[3];            /* headings and the cover title: red, green, blue, 0..1 */
    sr_dnode *root;              /* kids: the sections */
    const sr_guidance *guidance; /* the edition the report is made under */
    sr_duty *duties;             /* what the edition asks the report to contain */
    size_t nduties;
    size_t missing_narratives;
    const char **left_out; /* ids of optional sections left out: no words */
    size_t nleft_out;
    bool shows_contributions;  /* a `table contributions` block has rows */
    bool shows_local_measures; /* a `table local-measures` block has rows */
} sr_document;

typedef struct {
    const char *data_dir;        /* for data/<year>/narrative, and data/templates/report.yaml */
    const char *templates_dir;   /* for report.yaml */
    bool final;                  /* a missing narrative or unknown placeholder is an error */
    const sr_guidance *guidance; /* the edition; NULL: the one for the year (data/guidance.h) */
} sr_doc_options;

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

/* Replaces {{value:ID}}, {{previous:ID}}, {{change:ID}}, {{year}},
 * {{previous-year}} and {{partnership}} in text. Unknown ones are reported
 * at their place in src (line/col counted from first_line) and left visible
 * as "[?ID]". Returns the new text, in a. */
const char *sr_doc_fill(sr_arena *a, sr_diags *d, const sr_source *src, unsigned first_line,
                        const char *text, const sr_metrics *m, const sr_dataset *ds, bool final);

#endif
