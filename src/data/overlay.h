/* overlay: a partnership's own template files layered over the defaults.
 *
 * Owns: reading a template file (report.yaml, metrics.yaml, charts.yaml)
 * from the template folder and, when the data folder has one of the same
 * name in templates/, layering it over: an entry of a named list with the id
 * of a default entry replaces it (or, for lists that merge, changes only the
 * fields it gives), a new entry is added at the end (or after the entry
 * named by `after:`, for lists that allow it), and any other top-level key
 * replaces the default's. The result is a new node tree; every node keeps
 * the location it was read from, so a problem in the layered file is
 * reported at its own file and line.
 */
#ifndef SR_OVERLAY_H
#define SR_OVERLAY_H

#include "core/arena.h"
#include "core/diag.h"
#include "data/ynode.h"

#include <stdbool.h>

/* The partnership's own template files, inside the data folder. */
#define SR_LAYER_DIR "templates"

/* A top-level list whose entries are layered one by one. */
typedef struct {
    const char *key;  /* the top-level key holding the list: "sections" */
    const char *id;   /* the field that names an entry: "id" */
    bool merge;       /* a known entry changes only the fields the layer gives */
    bool after;       /* a new entry may say `after: ID` to be placed after that one,
                         of the defaults or the layer's own, earlier in the layer or
                         further on (the entries that follow it in the layer come
                         after it) */
    const char *what; /* "section": for messages */
} sr_overlay_list;

/* layer over base, as a new tree in a (neither is changed). lists ends with
 * a NULL key. Returns base itself when layer is NULL. Problems (an `after:`
 * that names no entry, or two entries each after the other, a layer that
 * is not a mapping) go to d. */
sr_ynode *sr_yoverlay(sr_arena *a, sr_diags *d, const sr_ynode *base, const sr_ynode *layer,
                      const sr_overlay_list *lists);

/* Reads templates_dir/name and, when data_dir/templates/name exists (data_dir
 * may be NULL), layers it over. *src receives the default file's source.
 * Returns NULL (with diagnostics) when either cannot be read or parsed. */
sr_ynode *sr_load_template_file(sr_arena *a, sr_diags *d, const char *templates_dir,
                                const char *data_dir, const char *name,
                                const sr_overlay_list *lists, const sr_source **src);

#endif
