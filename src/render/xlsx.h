/* xlsx: the data annex, every figure of the report in a workbook that
 * follows the Analysis Function's "Releasing statistics in spreadsheets":
 * a cover sheet, a table of contents, a notes sheet, then one table per
 * sheet (title in A1, description in A2, a real Excel table with a name, one
 * header row, no merged cells or blank rows, from column A). Numbers are
 * numbers with number formats; hidden and missing values are the shorthand
 * ([c], [x], [z]) explained in the notes; the change columns are formulas
 * over the cells beside them, with cached values equal to the PDF's. */
#ifndef SR_XLSX_H
#define SR_XLSX_H

#include "doc/doc.h"
#include "render/render.h"

#include <stdint.h>

typedef struct {
    const char *path;
    int64_t created; /* seconds since 1970: the workbook's date, for reproducible bytes */
} sr_xlsx_options;

typedef struct {
    size_t sheets, tables;
} sr_xlsx_stats;

/* Writes the annex. Returns 0, or -1 with a message in err. */
int sr_xlsx_write(const sr_document *doc, const sr_xlsx_options *o, sr_xlsx_stats *stats, char *err,
                  size_t errlen);

/* The output, for the list in render/outputs.c. */
extern const sr_output sr_output_xlsx;

#endif
