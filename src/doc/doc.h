/* doc: the report as one document tree, which every output reads.
 *
 * cmark's model: a parser makes one tree (doc/build.h makes it from the
 * report template, the narrative, the metrics and the charts), and each
 * output is a small renderer that walks it (src/render/). Everything an
 * output shows is decided when the tree is built: which sections, tables
 * and charts there are, their words, their figures as typed values, the
 * sheets of the workbook and the chart files. A renderer formats values
 * with the metrics layer's functions (metrics/value.h) and decides nothing
 * else, so the PDF, the HTML and the workbook cannot say different things.
 *
 * This header is the renderers' whole view of the report: it includes
 * nothing of data/ and of metrics/ only the value vocabulary.
 *
 * The tree
 *
 *   SR_D_DOCUMENT                  the root
 *     SR_D_SECTION ...             the report's numbered sections, in order
 *       SR_D_HEADING, SR_D_PARAGRAPH, SR_D_LIST > SR_D_ITEM, SR_D_QUOTE,
 *       SR_D_CODE_BLOCK, SR_D_TABLE, SR_D_FIGURE, SR_D_NOTE   (blocks)
 *         SR_D_TEXT, SR_D_EMPH, SR_D_STRONG, SR_D_CODE, SR_D_LINK,
 *         SR_D_LINEBREAK                                      (inlines)
 *     SR_D_ANNEX                   the data workbook: one SR_D_TABLE per sheet
 *     SR_D_CHART_FILES             the chart files: one SR_D_FIGURE per chart
 *
 * Headings, paragraphs and notes hold inline nodes; an item and a quotation
 * hold blocks. A table or a chart shown in the report and also in the annex
 * or as a file is one sr_dtable or sr_dfigure, reached from two nodes.
 *
 * Everything lives in the arena the tree was built in.
 */
#ifndef SR_DOC_H
#define SR_DOC_H

#include "chart/chart.h"
#include "core/arena.h"
#include "metrics/value.h"

#include <stdbool.h>
#include <stddef.h>

typedef enum {
    SR_D_DOCUMENT,    /* the root */
    SR_D_SECTION,     /* a numbered section: text is its title; kids are blocks */
    SR_D_HEADING,     /* inside a section, level 2 or 3: inlines */
    SR_D_PARAGRAPH,   /* inlines */
    SR_D_LIST,        /* kids are items; ordered or not */
    SR_D_ITEM,        /* blocks */
    SR_D_QUOTE,       /* blocks: a quotation */
    SR_D_CODE_BLOCK,  /* text: literal lines, shown as written */
    SR_D_TABLE,       /* table */
    SR_D_FIGURE,      /* figure: a chart with its caption and text alternative */
    SR_D_NOTE,        /* inlines: a note set apart (a draft's missing words) */
    SR_D_ANNEX,       /* the workbook's sheets: kids are tables with a sheet name */
    SR_D_CHART_FILES, /* the charts written as files: kids are figures */
    /* inlines */
    SR_D_TEXT,      /* text, as written (never markup) */
    SR_D_EMPH,      /* inlines */
    SR_D_STRONG,    /* inlines */
    SR_D_CODE,      /* text */
    SR_D_LINK,      /* inlines; url is where it goes */
    SR_D_LINEBREAK, /* a hard line break */
} sr_dkind;

/* ---- tables ---------------------------------------------------------------------------- */

/* Where a column appears. Some columns are for the data annex only (the
 * unit, the percentage change, the notes): print has no room for them. */
enum {
    SR_OUT_PRINT = 1, /* the PDF and the HTML */
    SR_OUT_DATA = 2,  /* the workbook */
    SR_OUT_ALL = 3,
};

typedef enum {
    SR_COL_LABEL,      /* what each row is: text cells; a row header */
    SR_COL_TEXT,       /* words: text cells */
    SR_COL_VALUE,      /* values: of one year (year), or the stated baselines (baseline) */
    SR_COL_CHANGE,     /* change cells: the difference (in words with `words`) */
    SR_COL_CHANGE_PCT, /* change cells: the percentage change */
} sr_dcol_kind;

typedef struct {
    sr_dcol_kind kind;
    const char *head;      /* the header, as printed */
    const char *data_head; /* the workbook's header when it differs (a header there cannot
                              be empty, and must be unique), or NULL */
    unsigned shown;        /* SR_OUT_* where the column appears */
    int year;              /* VALUE: the first calendar year of the values (2019 for
                              2019-20), or 0 */
    bool baseline;         /* VALUE: the stated baselines a change may be from */
    bool words;            /* CHANGE: printed in words ("down 11.2% from 3,653") */
    bool none_as_x;        /* CHANGE in words: a row with nothing to compare with
                              (SR_CMP_NO_PREVIOUS) is printed [x], not in words: the
                              table's note says why, once */
    /* CHANGE and CHANGE_PCT: the columns the change is between, as indexes
     * into cols: a row's value (cur) less the year before (prev), or less
     * its stated baseline (base, -1 when there is no such column) when the
     * cell's comparison is from a baseline. The workbook writes the change
     * as a formula over those cells. */
    int cur, prev, base;
    double width; /* the workbook's column width in characters; 0 by default */
    bool wrap;    /* the workbook wraps the column's text */
} sr_dcol;

typedef enum {
    SR_CELL_EMPTY,  /* nothing */
    SR_CELL_TEXT,   /* text */
    SR_CELL_VALUE,  /* v in unit: a metric's value, a tally */
    SR_CELL_CHANGE, /* cmp in unit: a comparison, shown by the column's kind */
} sr_dcell_kind;

typedef struct {
    sr_dcell_kind kind;
    const char *text; /* TEXT: the words, which may end in note references ("[note 2]") */
    sr_unit unit;
    sr_mval v; /* VALUE */
    /* VALUE: how it is shown, when not as sr_mval_format gives it: a
     * figure published elsewhere, to its publisher's decimal places ("67",
     * "191.6") or with its shorthand ("[low]"); NULL otherwise. The
     * workbook writes the value with as many places. */
    const char *shown;
    const sr_cmp *cmp; /* CHANGE */
    const int *notes;  /* note references: numbers in the document's notes (1 is notes[0]) */
    size_t nnotes;
} sr_dcell;

typedef struct {
    const char *caption; /* printed as "Table N. caption" */
    size_t ncols, nrows;
    sr_dcol *cols;    /* ncols */
    sr_dcell *cells;  /* nrows * ncols, row by row */
    const char *note; /* printed below the table, or NULL */
    /* In the annex: the sheet's name (also its table's, after "tbl_"), its
     * title (A1) and description (A2). NULL for a table of the report
     * only. Sheet names are unique in the annex, ignoring case, at most
     * SR_SHEET_NAME_MAX characters, and none is one of the workbook's own
     * sheets (SR_ANNEX_OWN_SHEETS). */
    const char *sheet, *title, *desc;
} sr_dtable;

/* The longest sheet name a workbook can hold (Excel's limit). */
#define SR_SHEET_NAME_MAX 31
/* The names the workbook gives the sheets and tables it adds around the
 * annex's (the Cover_sheet, the Table_of_contents sheet with its table
 * tbl_Contents, the Notes sheet and tbl_Notes): no table of the annex is
 * given one of these names. */
#define SR_ANNEX_OWN_SHEETS                                                                        \
    {                                                                                              \
        "Cover_sheet", "Table_of_contents", "Contents", "Notes"                                    \
    }

/* The cell at row r, column c. */
static inline const sr_dcell *sr_dtable_cell(const sr_dtable *t, size_t r, size_t c)
{
    return &t->cells[r * t->ncols + c];
}

/* Whether a column holds figures, set right-aligned: values and changes
 * but for a change in words. */
bool sr_dcol_numeric(const sr_dcol *col);

/* The cell as printed: a value as its `shown` says, or a value or a change
 * formatted by the column's kind (sr_mval_format, sr_cmp_diff, sr_cmp_percent, sr_cmp_words for a
 * change in words or from a stated baseline), text as it is. Into buf. */
void sr_dcell_print(const sr_dtable *t, size_t r, size_t c, char *buf, size_t size);

/* ---- figures --------------------------------------------------------------------------- */

typedef struct {
    const char *id;       /* the chart's id: its files are charts/ID.png and charts/ID.svg */
    sr_chart *chart;      /* built once, drawn by every output */
    const char *alt;      /* the text alternative */
    double width, height; /* the size it is drawn at, in points (before sr_chart_height) */
    /* The chart's figures as a table, for those who cannot see the chart
     * (the PDF's appendix of chart data, the page's table under the
     * chart), or NULL. */
    const sr_dtable *data;
    const char *note; /* printed below the chart (what a symbol in it means), or NULL */
} sr_dfigure;

/* ---- nodes ----------------------------------------------------------------------------- */

typedef struct sr_dnode sr_dnode;
struct sr_dnode {
    sr_dkind kind;
    int level;             /* 1 for a section, 2 or 3 for a heading */
    const char *number;    /* "3" or "3.2": sections and level-2 headings */
    const char *text;      /* a section's title, a heading's or a note's words as plain text
                              (contents, outline); TEXT, CODE, CODE_BLOCK: the literal */
    const char *url;       /* LINK: https:, http:, mailto: or tel: */
    const char *anchor;    /* a destination name for links: sections and headings */
    const char *sid;       /* a section's id in the template */
    const char *narrative; /* a section: the Markdown file it takes, or NULL */
    bool written;       /* a section: its narrative file has words (with none, its blocks count) */
    bool ordered;       /* list */
    sr_dtable *table;   /* TABLE */
    sr_dfigure *figure; /* FIGURE */
    sr_dnode **kids;
    size_t nkids, kids_cap;
};

/* A new node of kind k, in a. */
sr_dnode *sr_dnode_new(sr_arena *a, sr_dkind k);
/* A new node with text (TEXT, CODE, CODE_BLOCK; or a section's title). */
sr_dnode *sr_dnode_new_text(sr_arena *a, sr_dkind k, const char *text);
/* Appends kid to parent's kids (grows in a). Returns kid. */
sr_dnode *sr_dnode_add(sr_arena *a, sr_dnode *parent, sr_dnode *kid);
/* A block (PARAGRAPH, NOTE) of one TEXT node, with text set too. */
sr_dnode *sr_dnode_new_plain(sr_arena *a, sr_dkind k, const char *text);
/* Whether nodes of kind k never have kids: TEXT, CODE, LINEBREAK,
 * CODE_BLOCK, TABLE, FIGURE. */
bool sr_dkind_is_leaf(sr_dkind k);
/* Whether k is an inline kind. */
bool sr_dkind_is_inline(sr_dkind k);
/* The first kid of root of kind k (ANNEX, CHART_FILES), or NULL. */
const sr_dnode *sr_dnode_find(const sr_dnode *root, sr_dkind k);

/* ---- the walker ------------------------------------------------------------------------ */

/* Walks a tree depth first, as cmark_iter does. Each node with kids (or of
 * a kind that may have them) is given twice, SR_EV_ENTER before its kids
 * and SR_EV_EXIT after them; a leaf (sr_dkind_is_leaf) only once, as
 * SR_EV_ENTER. The first event is ENTER of the root, the last EXIT of the
 * root, then SR_EV_DONE. The walker only reads the tree; any depth works.
 *
 *   sr_doc_iter *it = sr_doc_iter_new(root);
 *   sr_doc_event ev;
 *   while ((ev = sr_doc_iter_next(it)) != SR_EV_DONE) {
 *       const sr_dnode *n = sr_doc_iter_node(it);
 *       ...
 *   }
 *   sr_doc_iter_free(it);
 *
 * After ENTER of a node with kids, sr_doc_iter_skip() makes the next event
 * that node's EXIT (its kids are not walked): for a renderer that handles a
 * subtree itself (the annex, in the PDF) or walks it with a walker of its
 * own (a paragraph's inlines). */
typedef enum { SR_EV_DONE, SR_EV_ENTER, SR_EV_EXIT } sr_doc_event;

typedef struct sr_doc_iter sr_doc_iter;

sr_doc_iter *sr_doc_iter_new(const sr_dnode *root);
sr_doc_event sr_doc_iter_next(sr_doc_iter *it);
const sr_dnode *sr_doc_iter_node(const sr_doc_iter *it);
/* The node the current one is a kid of (NULL for the root). */
const sr_dnode *sr_doc_iter_parent(const sr_doc_iter *it);
/* How deep the current node is: 0 for the root. */
size_t sr_doc_iter_depth(const sr_doc_iter *it);
void sr_doc_iter_skip(sr_doc_iter *it);
void sr_doc_iter_free(sr_doc_iter *it);

/* ---- the document ---------------------------------------------------------------------- */

/* A duty of the yearly report (from the guidance edition) and the sections
 * that meet it (from report.yaml's `statutory:`). */
typedef struct {
    const char *id, *text;
    bool confirmed; /* the edition marks the duty as checked */
    const char **sections;
    size_t nsections;
    bool covered; /* at least one of them has words */
} sr_duty;

/* The widest and tallest logo, in pixels: 13 inches at 300 pixels per
 * inch, far more than its box on the cover needs; decoded, 64 MB. A
 * larger one is refused before it is decoded. */
#define SR_LOGO_MAX_PIXELS 4000

typedef struct {
    /* What every output says of the report, set from report.yaml and the data. */
    const char *title;       /* "Example Safeguarding Children Partnership annual report 2024-25" */
    const char *partnership; /* its name */
    const char *short_name;
    const char *area;        /* the area it serves */
    const char *contact;     /* its email address, or its name */
    const char *year;        /* "2019-20" */
    const char *period;      /* "1 April 2019 to 31 March 2020": the reporting year */
    const char *cover_title; /* "Annual report 2019-20" */
    const char *covering;    /* under it: "Covering 1 April 2019 to 31 March 2020" */
    const char *footer;      /* the running footer's words: the title */
    const char *also;        /* the HTML's last words: the other forms it is published in */
    const char *lang;        /* "en-GB" */
    const char *subject, *keywords;
    const char *annex_title;  /* the workbook's cover: "NAME: data tables for AREA, PERIOD" */
    const char **annex_cover; /* the workbook cover's lines under its title */
    size_t nannex_cover;
    const char **notes; /* the annex's notes: "[note N]" is notes[N - 1] */
    size_t nnotes;
    /* The publication date as the cover and the workbook's cover print it
     * ("30 October 2020"): set for a final report only, NULL for a draft or
     * when none was given. */
    const char *published;
    /* A draft's words where a final report gives its publication date:
     * "Draft: not for publication." or, with the day it is to be published,
     * "Draft: not yet published (planned publication date 30 October
     * 2020)."; NULL for a final report. Every output says this, so that no
     * draft says it was published. */
    const char *draft;
    /* The partnership's logo for the cover: a PNG file's bytes as read from
     * the data folder, or NULL; no wider or taller than SR_LOGO_MAX_PIXELS. */
    const unsigned char *logo_png;
    size_t logo_len;
    /* The file names of the outputs that go beside each other in the
     * year's folder, for links between them ("x-annual-report-2019-20.pdf"),
     * or NULL when not written. Set by the command that renders. */
    const char *pdf_file, *html_file, *xlsx_file;
    bool landscape;
    bool section_new_page; /* each section starts a new page (page: sections: new-page) */
    const char *font;      /* the family the report is set in */
    double accent[3];      /* headings and the cover's field: red, green, blue, 0..1 */
    sr_dnode *root;        /* SR_D_DOCUMENT */
    /* What the build checks, for the command that made the tree. */
    const struct sr_guidance *guidance; /* the edition the report is made under (data/guidance.h) */
    sr_duty *duties;                    /* what the edition asks the report to contain */
    size_t nduties;
    size_t missing_narratives;
    const char **left_out; /* ids of optional sections left out: no words */
    size_t nleft_out;
    bool shows_contributions;  /* a `table contributions` block has rows */
    bool shows_local_measures; /* a `table local-measures` block has rows */
} sr_document;

#endif
