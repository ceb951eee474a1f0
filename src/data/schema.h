/* schema: what a submission may contain, and the engine that checks a YAML
 * tree against it.
 *
 * A schema is a table (see schema_defs.c): mappings with documented fields,
 * lists whose items have an identity, dictionaries keyed by year, and typed
 * scalars (count, money, percentage, date, year, text, partner id...). The
 * engine walks a node tree, reports every problem with file:line:col and a
 * hint, and records each accepted value in the figure store under its
 * canonical path. Rules attached to a mapping (totals equal the sum of their
 * parts, a part is not more than its whole) are noted for rules.c, which
 * checks them once the whole year is read.
 */
#ifndef SR_SCHEMA_H
#define SR_SCHEMA_H

#include "core/arena.h"
#include "core/diag.h"
#include "data/figures.h"
#include "data/rules.h"
#include "data/ynode.h"

typedef enum {
    SR_S_MAP,
    SR_S_LIST,
    SR_S_DICT, /* free keys (of dict_key kind), each with a value of `item` */
    SR_S_COUNT,
    SR_S_MONEY,
    SR_S_PERCENT,
    SR_S_DATE,
    SR_S_YEAR,
    SR_S_TEXT,
    SR_S_BOOL,
    SR_S_PARTNER, /* a partner id that partnership.yaml defines */
    SR_S_ID,      /* a new identifier: lowercase letters, digits, hyphens */
    SR_S_ENUM,
    SR_S_FORMAT, /* the format version */
} sr_skind;

#define SR_REQUIRED 1u /* the key must be present */
#define SR_IN_YEAR  2u /* a date must fall in the reporting year */
#define SR_META     4u /* describes the file, not a figure: not recorded */
/* SR_ASKED: a section the template holds only for partners whose `submits`
 * names it (the business unit's own). SR_NONEMPTY: a list that must have
 * at least one entry. */
#define SR_ASKED    8u
#define SR_NONEMPTY 16u

typedef struct sr_schema sr_schema;

typedef struct {
    const char *key;
    const sr_schema *type;
    unsigned flags;
    const char *doc; /* one line, shown in templates, hints and docs */
} sr_field;

/* total (a key of this mapping) must equal the sum of the figures matching
 * the patterns, which are relative to this mapping. */
typedef struct {
    const char *total;
    const char *const *parts;
    const char *parts_doc; /* the parts in words: "the four quarters under `by_quarter`" */
} sr_sum_rule;

/* The figure at `part` must not be more than the one at `whole`. */
typedef struct {
    const char *part;
    const char *whole;
} sr_le_rule;

struct sr_schema {
    sr_skind kind;
    const char *what;               /* "an income line": used in messages */
    const sr_field *fields;         /* MAP: ends with a NULL key */
    const sr_schema *item;          /* LIST items; DICT values */
    const char *const *identity;    /* MAP as a list item: fields naming the item */
    sr_skind dict_key;              /* DICT: SR_S_YEAR or SR_S_TEXT */
    const char *const *values;      /* ENUM: NULL-terminated */
    const sr_sum_rule *sums;        /* MAP: ends with a NULL total */
    const sr_le_rule *le;           /* MAP: ends with a NULL part */
    const char *const *one_of;      /* MAP: exactly one of these keys */
    const char *const *at_most_one; /* MAP: at most one of these keys */
    const sr_schema *or_map;        /* a scalar: a mapping written in its place is checked
                                       against this instead (`guidance: ID` or `YEAR: ID` lines) */
};

/* The plain values every file format uses, so that each format's tables
 * (submissions, report.yaml, metrics.yaml, charts.yaml, the guidance
 * editions) need not declare them again. */
extern const sr_schema sr_s_text, sr_s_id, sr_s_count, sr_s_bool, sr_s_format, sr_s_date, sr_s_year;

/* A figure given by a second file: where it was first given and again. */
typedef struct {
    sr_loc first, again;
    const char *path;
} sr_conflict;

/* What the engine needs to know while checking one file. */
typedef struct {
    sr_arena *a;
    sr_diags *d;
    sr_figures *figs; /* where accepted values go; NULL to record nothing */
    const sr_source *src;
    const char *submitter;          /* partner id of the file, for figures */
    int year;                       /* reporting year's first calendar year; 0 if unknown */
    const char *const *partner_ids; /* known partner ids, or NULL if unknown */
    size_t npartners;
    sr_rules *rules;        /* where the rules found apply, or NULL to check none */
    sr_conflict *conflicts; /* figures already given elsewhere (malloc'd; caller frees) */
    size_t nconflicts, conflicts_cap;
    bool unknown_keys_are_errors; /* a submission: a key not known would lose its figures */
} sr_vctx;

/* Checks node n (the value of `name`, at canonical path `path`) against s. */
void sr_schema_check(sr_vctx *c, const sr_schema *s, const sr_ynode *n, const char *path,
                     const char *name);

/* Checks a whole file's tree against s without recording figures (for
 * partnership.yaml and the metrics catalogue, read from the tree after).
 * Returns true when it found no error. */
bool sr_schema_check_file(sr_arena *a, sr_diags *d, const sr_source *src, const sr_schema *s,
                          const sr_ynode *root);
/* The same, with an unknown key an error (unknown_are_errors) rather than a
 * warning: for a file whose keys, misspelt, would lose what they hold (a
 * submission's figures, partnership.yaml's recipients or population). */
bool sr_schema_check_file_strict(sr_arena *a, sr_diags *d, const sr_source *src, const sr_schema *s,
                                 const sr_ynode *root, bool unknown_are_errors);

/* Scalar parsers shared with the loader. Each returns true and fills *v, or
 * reports a diagnostic naming `name` and returns false. */
bool sr_parse_year(sr_vctx *c, const sr_ynode *n, const char *name, sr_value *v);
bool sr_parse_scalar(sr_vctx *c, const sr_schema *s, unsigned flags, const sr_ynode *n,
                     const char *name, sr_value *v);

/* Checks a calendar date given as y, m, d. */
bool sr_date_valid(int y, int m, int d);
/* Whether t is an id: lower-case letters, digits and inner hyphens, starting
 * with a letter, at most 40 characters. */
bool sr_valid_id(const char *t);

/* The value kind a scalar schema produces. */
sr_vkind sr_schema_value_kind(sr_skind k);

#endif
